import type { Metadata } from 'next';
import { OpenPlanForm } from './open-plan-form';

export const metadata: Metadata = { title: 'Open your rehab plan' };

/**
 * Where a share link lands (`/p/<token>`). The token is only sent to the API with the birth year; once the plan
 * opens, the page replaces itself with /p/plan, so the token leaves the address bar and the history.
 */
export default async function OpenPlanPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome</h1>
      <p className="mt-3 text-lg leading-relaxed text-slate-700">
        Your physiotherapist has shared your rehab plan with you: your exercises, how to do them, and a place to note how each session went.
      </p>
      <div className="mt-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
        <p className="mb-4 text-base text-slate-700">To protect your health information, please confirm your year of birth.</p>
        <OpenPlanForm token={token} />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        No account or password needed. Only someone who has this link and knows your year of birth can open your plan.
      </p>
    </div>
  );
}
