'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { PatientPage } from '@/lib/api/client';
import { Button, EmptyState, ErrorMessage } from '@/components/ui';
import { TableFrame } from '@/components/table-frame';
import { api, ApiError, ok } from '@/lib/api/browser';
import { SEX_LABELS } from '@/lib/clinical-labels';
import { ageOn, formatDate } from '@/lib/format';
import { patientListQuery } from './list-path';

/** The patient list: search as you type (debounced, newest request wins), "Load more" pagination, archived on demand. */
export function PatientList({ initialQuery, initialArchived, initialPage }: { initialQuery: string; initialArchived: boolean; initialPage: PatientPage }) {
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(initialQuery);
  const [archived, setArchived] = useState(initialArchived);
  const [items, setItems] = useState(initialPage.items);
  const [nextCursor, setNextCursor] = useState(initialPage.nextCursor);
  const [loading, setLoading] = useState<'search' | 'more' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const ticket = ++latest.current;
    // The search catches its own errors and shows them.
    const timer = setTimeout(
      () =>
        void (async () => {
          setLoading('search');
          setError(null);
          try {
            const q = query.trim();
            const page = await ok(api.GET('/api/patients', { params: { query: patientListQuery(q, archived) } }));
            if (ticket !== latest.current) return;
            setItems(page.items);
            setNextCursor(page.nextCursor);
            const address = new URLSearchParams();
            if (q) address.set('q', q);
            if (archived) address.set('archived', '1');
            router.replace(address.size ? `${pathname}?${address}` : pathname, { scroll: false });
          } catch (e) {
            if (ticket !== latest.current) return;
            handleError(e);
          } finally {
            if (ticket === latest.current) setLoading(null);
          }
        })(),
      250,
    );
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- searches when the query or the archived switch changes, not when the router, path or error handler do
  }, [query, archived]);

  // Leaving the list (a name was clicked) abandons a search still in flight: its answer must not navigate back here.
  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );

  function handleError(e: unknown) {
    if (e instanceof ApiError && e.problem.status === 401) {
      router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
      return;
    }
    setError(e instanceof Error ? e.message : 'Could not load patients.');
  }

  async function loadMore() {
    if (!nextCursor) return;
    setLoading('more');
    setError(null);
    try {
      const q = query.trim();
      const page = await ok(api.GET('/api/patients', { params: { query: patientListQuery(q, archived, nextCursor) } }));
      setItems((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(null);
    }
  }

  return (
    <div className="mt-4 space-y-4">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <div className="relative w-full max-w-md">
          <label htmlFor="patient-search" className="sr-only">
            Search patients by name, phone, email or date of birth
          </label>
          <input
            id="patient-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Name, phone, email or date of birth…"
            autoComplete="off"
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
          />
          {loading === 'search' && (
            <span role="status" className="absolute top-2.5 right-3 text-xs text-slate-500">
              Searching…
            </span>
          )}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={archived}
            onChange={(e) => setArchived(e.target.checked)}
            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
          />
          Show archived patients
        </label>
      </div>

      {error && <ErrorMessage>{error}</ErrorMessage>}

      {items.length === 0 ? (
        <EmptyState
          title={query.trim() ? `No ${archived ? 'archived ' : ''}patients match “${query.trim()}”.` : archived ? 'No archived patients.' : 'No patients yet.'}
        >
          {query.trim()
            ? 'Check the spelling, or search by part of the name, a phone number, an email or a date of birth (15/06/1984).'
            : archived
              ? 'Patients you archive appear here, and can be restored from their page.'
              : 'Patients you register appear here.'}
        </EmptyState>
      ) : (
        <TableFrame label={archived ? 'Archived patients' : 'Patients'} className="rounded-2xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{archived ? 'Archived patients' : 'Patients'}, newest first</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Name
                </th>
                <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">
                  Born
                </th>
                <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">
                  Sex
                </th>
                <th scope="col" className="hidden px-4 py-3 font-medium lg:table-cell">
                  Contact
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Registered
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="patient-rows">
              {items.map((p) => (
                <tr key={p.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={`/patients/${p.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {p.firstName} {p.lastName}
                    </Link>
                    <div className="text-xs text-slate-500 sm:hidden">{ageOn(p.dateOfBirth)} years</div>
                  </td>
                  <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">
                    {formatDate(p.dateOfBirth)} <span className="text-slate-500">({ageOn(p.dateOfBirth)})</span>
                  </td>
                  <td className="hidden px-4 py-3 text-slate-700 md:table-cell">{SEX_LABELS[p.sex]}</td>
                  <td className="hidden px-4 py-3 text-slate-700 lg:table-cell">{p.email ?? p.phone ?? '—'}</td>
                  <td className="px-4 py-3 text-slate-700">{formatDate(p.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}

      {nextCursor && (
        <div className="text-center">
          <Button variant="secondary" onClick={loadMore} pending={loading === 'more'}>
            {loading === 'more' ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      )}
    </div>
  );
}
