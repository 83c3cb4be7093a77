import Link from 'next/link';
import { Logo } from '@/components/logo';
import { PhoneMenu } from '@/components/phone-menu';
import { requireMe } from '@/lib/api/server';
import { PracticeTimeZoneProvider } from '@/lib/practice-day';
import { ROLE_LABELS } from '@/lib/roles';
import { MainNav } from './main-nav';
import { SignOutButton } from './sign-out-button';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const me = await requireMe();
  return (
    <div className="min-h-screen">
      {/* On a phone the header is one bar that stays at the top, its navigation behind a Menu button. */}
      <header data-sticky-header className="sticky top-0 z-30 border-b border-slate-200 bg-white md:static print:hidden">
        <div className="relative mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-2 md:gap-6 md:py-3">
          <Link href="/patients" aria-label="Upright home" className="shrink-0">
            <Logo />
          </Link>
          <PhoneMenu id="site-menu">
            <MainNav role={me.role} />
            <div className="flex items-center justify-between gap-4 border-t border-slate-200 pt-4 text-sm md:border-0 md:pt-0">
              <div className="leading-tight md:text-right">
                <Link href="/account" className="font-medium hover:text-brand-700 hover:underline" data-testid="current-user" title="Your account and password">
                  {me.name}
                </Link>
                <div className="text-slate-500">
                  {ROLE_LABELS[me.role]} · {me.practice.name}
                </div>
              </div>
              <SignOutButton />
            </div>
          </PhoneMenu>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6 print:max-w-none print:p-0">
        <PracticeTimeZoneProvider timeZone={me.practice.timeZone}>{children}</PracticeTimeZoneProvider>
      </main>
    </div>
  );
}
