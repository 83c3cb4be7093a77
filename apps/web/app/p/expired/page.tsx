import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Link no longer open' };

/** Where a patient lands when their portal session has ended or their link no longer works. */
export default function ExpiredPage() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Please open your link again</h1>
      <div className="mt-4 space-y-3 text-lg leading-relaxed text-slate-700">
        <p>To keep your health information private, your plan page closes after two hours without use, after a day, or when you sign out.</p>
        <p>Open the link from your physiotherapist’s message again and confirm your year of birth.</p>
        <p>
          If the link has expired or no longer works, contact your physiotherapist or the practice: they can send you a new one. Links also stop working when
          your plan is finished or replaced.
        </p>
      </div>
    </div>
  );
}
