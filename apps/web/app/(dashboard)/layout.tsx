import Link from 'next/link';
import { Logo } from '@/components/logo';
import { requireMe } from '@/lib/api-server';
import { PracticeTimeZoneProvider } from '@/lib/practice-day';
import { ROLE_LABELS } from '@/lib/roles';
import { MainNav } from './main-nav';
import { SignOutButton } from './sign-out-button';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const me = await requireMe();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-6">
            <Link href="/patients" aria-label="Upright home">
              <Logo />
            </Link>
            <MainNav role={me.role} />
          </div>
          <div className="flex items-center gap-4 text-sm">
            <div className="text-right leading-tight">
              <Link href="/account" className="font-medium hover:text-brand-700 hover:underline" data-testid="current-user" title="Your account and password">
                {me.name}
              </Link>
              <div className="text-slate-500">
                {ROLE_LABELS[me.role]} · {me.practice.name}
              </div>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">
        <PracticeTimeZoneProvider timeZone={me.practice.timeZone}>{children}</PracticeTimeZoneProvider>
      </main>
    </div>
  );
}
