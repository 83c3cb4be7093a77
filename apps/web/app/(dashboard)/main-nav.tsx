'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Role } from '@/lib/api/client';

/** `also`: other sections that belong under this entry (a plan is opened from its patient). */
const LINKS: { href: string; label: string; roles: Role[]; also?: string[] }[] = [
  { href: '/today', label: 'Today', roles: ['admin', 'clinician', 'reception'] },
  { href: '/calendar', label: 'Calendar', roles: ['admin', 'clinician', 'reception'] },
  { href: '/patients', label: 'Patients', roles: ['admin', 'clinician', 'reception'], also: ['/plans'] },
  { href: '/outcomes', label: 'Outcomes', roles: ['admin', 'clinician'] },
  { href: '/admin/users', label: 'Staff', roles: ['admin'] },
  { href: '/admin/audit', label: 'Audit log', roles: ['admin'] },
  { href: '/admin/practice', label: 'Practice', roles: ['admin'] },
  { href: '/admin/diary', label: 'Diary settings', roles: ['admin'] },
  { href: '/admin/note-templates', label: 'Note templates', roles: ['admin'] },
  { href: '/admin/import', label: 'Import patients', roles: ['admin'] },
  { href: '/admin/export', label: 'Export', roles: ['admin'] },
];

/** The main navigation, showing only what the signed-in role may open. */
export function MainNav({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 text-sm font-medium md:flex-row md:flex-wrap">
      {LINKS.filter((l) => l.roles.includes(role)).map((l) => {
        const current = [l.href, ...(l.also ?? [])].some((href) => pathname === href || pathname.startsWith(`${href}/`));
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={current ? 'page' : undefined}
            className={`rounded-lg px-2.5 py-2.5 md:py-1.5 ${current ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100'}`}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
