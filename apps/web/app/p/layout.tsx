import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Logo } from '@/components/logo';

/**
 * The patient's pages: no staff shell and no staff session. Never indexed, never sending a Referer (the link's
 * address holds its token), and always rendered per request (next.config adds `Cache-Control: no-store`). Their
 * print styles are in globals.css (one stylesheet to load, not two); the viewport and theme colours come from the
 * root layout.
 */
export const metadata: Metadata = {
  title: { default: 'Your rehab plan', template: '%s · Upright' },
  robots: 'noindex',
  referrer: 'no-referrer',
};

export default async function PatientLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, never prerendered: the pages are about one patient, and must not be cached anywhere.
  await connection();
  return (
    <div className="portal min-h-screen bg-slate-50 text-base text-slate-900">
      <header className="border-b border-slate-200 bg-white print:border-0">
        <div className="mx-auto flex max-w-2xl items-center px-4 py-3">
          <Logo className="text-lg" />
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-6 print:max-w-none print:p-0">{children}</main>
    </div>
  );
}
