import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Signed out' };

export default function SignedOutPage() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">You have signed out</h1>
      <div className="mt-4 space-y-3 text-lg leading-relaxed text-slate-700">
        <p>Your plan is closed on this device.</p>
        <p>To see it again, open the link from your physiotherapist’s message and confirm your year of birth.</p>
      </div>
    </div>
  );
}
