import type { Role } from '@/lib/api/client';
import { ButtonLink } from '@/components/ui';

const ROLE_NAME: Record<Role, string> = { admin: 'an administrator', clinician: 'a clinician', reception: 'reception' };

/**
 * Shown instead of an admin page to anyone else (the API answers 403 to them anyway). Says why and where to go,
 * so a mistyped or shared link is not a dead end.
 */
export function AdminOnly({ role, what }: { role: Role; what: string }) {
  return (
    <div role="alert" className="rounded-2xl border border-amber-200 bg-amber-50 p-6 text-amber-950">
      <h1 className="text-lg font-semibold">Not allowed for your role</h1>
      <p className="mt-1 text-sm">
        Only administrators can {what}. You are signed in as {ROLE_NAME[role]}; ask an administrator of your practice if you need this.
      </p>
      <div className="mt-4">
        <ButtonLink href="/patients">Back to patients</ButtonLink>
      </div>
    </div>
  );
}
