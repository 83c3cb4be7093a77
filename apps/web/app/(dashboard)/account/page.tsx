import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui';
import { requireMe } from '@/lib/api/server';
import { ROLE_LABELS } from '@/lib/roles';
import { CalendarFeed } from './calendar-feed';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Your account' };

/** The signed-in staff member's own account: who they are, and changing their password. */
export default async function AccountPage() {
  const me = await requireMe();
  return (
    <div className="max-w-2xl">
      <PageHeader title="Your account" subtitle={`${ROLE_LABELS[me.role]} at ${me.practice.name}`} />
      <div className="space-y-6">
        <Card title="Details">
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">Name</dt>
              <dd>{me.name}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Email (your sign-in)</dt>
              <dd className="break-words">{me.email}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Practice time zone</dt>
              <dd>{me.practice.timeZone}</dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-slate-500">To change your name, email or role, ask an administrator of your practice.</p>
        </Card>
        {me.role !== 'reception' && (
          <Card title="Subscribe from your phone">
            <CalendarFeed />
          </Card>
        )}
        <Card title="Change password">
          <PasswordForm />
        </Card>
      </div>
    </div>
  );
}
