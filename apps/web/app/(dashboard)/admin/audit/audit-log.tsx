'use client';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import type { AuditEventView, AuditPage, Patient, Role, User } from '@/lib/api/client';
import { Badge, Button, EmptyState, ErrorMessage, Field, Input, Select, Spinner } from '@/components/ui';
import { TableFrame } from '@/components/table-frame';
import { api, ok } from '@/lib/api/browser';
import { formatDate } from '@/lib/format';
import { describeError } from '@/lib/problems';
import { ACTION_LABELS, ACTIONS, AUDIT_PAGE, formatTimestamp, outcomeTone, resourceLabel, ROLE_LABELS } from './labels';

type Action = AuditEventView['action'];
interface PickedPatient {
  id: string;
  name: string;
}
interface Filters {
  patient: PickedPatient | null;
  actorId: string;
  action: Action | '';
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { patient: null, actorId: '', action: '', from: '', to: '' };

function auditPage(filters: Filters, cursor?: string) {
  const query = {
    limit: AUDIT_PAGE,
    ...(filters.patient ? { patientId: filters.patient.id } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(cursor ? { cursor } : {}),
  };
  return ok(api.GET('/api/audit', { params: { query } }));
}

/**
 * The audit log with its filters: a change of filter reloads the first page (the newest request wins), and
 * "Load more" follows the keyset cursor with the same filters.
 */
export function AuditLog({ initialPage, users }: { initialPage: AuditPage; users: User[] }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [items, setItems] = useState(initialPage.items);
  const [nextCursor, setNextCursor] = useState(initialPage.nextCursor);
  const [loading, setLoading] = useState<'filter' | 'more' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const latest = useRef(0);
  const firstRender = useRef(true);

  const rangeError = filters.from && filters.to && filters.from > filters.to ? 'Must be on or after the “From” day' : undefined;

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (rangeError) return;
    const ticket = ++latest.current;
    // Not awaited (an effect cannot be async): the function catches its own errors and shows them.
    void (async () => {
      setLoading('filter');
      setError(null);
      setFieldErrors({});
      try {
        const page = await auditPage(filters);
        if (ticket !== latest.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
      } catch (e) {
        if (ticket !== latest.current) return;
        const problem = describeError(e, 'The audit log could not be loaded.');
        setError(problem.message);
        setFieldErrors(problem.fields);
      } finally {
        if (ticket === latest.current) setLoading(null);
      }
    })();
  }, [filters, rangeError]);

  async function loadMore() {
    if (!nextCursor) return;
    const ticket = latest.current;
    setLoading('more');
    setError(null);
    try {
      const page = await auditPage(filters, nextCursor);
      if (ticket !== latest.current) return; // the filters changed meanwhile
      setItems((list) => [...list, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e, 'More entries could not be loaded.').message);
    } finally {
      setLoading(null);
    }
  }

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const userOptions = [...users].sort((a, b) => a.name.localeCompare(b.name));
  const patientNames = filters.patient ? new Map([[filters.patient.id, filters.patient.name]]) : new Map<string, string>();

  return (
    <div className="space-y-4">
      <form
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(e) => e.preventDefault()}
        className="grid gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-6"
      >
        <div className="sm:col-span-2 lg:col-span-2">
          <PatientPicker value={filters.patient} onChange={(patient) => set('patient', patient)} error={fieldErrors.patientId} />
        </div>
        <Field id="audit-user" label="User" error={fieldErrors.actorId}>
          <Select id="audit-user" value={filters.actorId} onChange={(e) => set('actorId', e.target.value)} invalid={!!fieldErrors.actorId}>
            <option value="">Anyone</option>
            {userOptions.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
                {u.active ? '' : ' (inactive)'}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="audit-action" label="Action" error={fieldErrors.action}>
          <Select id="audit-action" value={filters.action} onChange={(e) => set('action', e.target.value as Action | '')} invalid={!!fieldErrors.action}>
            <option value="">Any action</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="audit-from" label="From" hint="UTC day, inclusive" error={fieldErrors.from}>
          <Input id="audit-from" type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} invalid={!!fieldErrors.from} />
        </Field>
        <Field id="audit-to" label="To" hint="UTC day, inclusive" error={fieldErrors.to ?? rangeError}>
          <Input id="audit-to" type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} invalid={!!(fieldErrors.to ?? rangeError)} />
        </Field>
        <div className="flex flex-wrap items-center justify-between gap-3 sm:col-span-2 lg:col-span-6">
          <p role="status" aria-live="polite" className="text-sm text-slate-600">
            {loading === 'filter' ? (
              <span className="inline-flex items-center gap-2">
                <Spinner /> Loading…
              </span>
            ) : (
              `${items.length} ${items.length === 1 ? 'entry' : 'entries'}${filtered ? (items.length === 1 ? ' matches these filters' : ' match these filters') : ''}${nextCursor ? ' so far: load more below' : ''}.`
            )}
          </p>
          {filtered && (
            <Button variant="secondary" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </Button>
          )}
        </div>
      </form>

      {error && <ErrorMessage>{error}</ErrorMessage>}

      {items.length === 0 ? (
        <EmptyState title={filtered ? 'No entries match these filters' : 'Nothing recorded yet'}>
          {filtered ? 'Try a wider date range, or clear a filter.' : 'Sign-ins and every view or change of patient data will appear here.'}
        </EmptyState>
      ) : (
        <TableFrame label="Audit log entries" className={`rounded-2xl border border-slate-200 bg-white shadow-sm ${loading === 'filter' ? 'opacity-60' : ''}`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit log entries, newest first (times in UTC)</caption>
            <thead className="bg-slate-50 text-xs tracking-wide whitespace-nowrap text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-3 font-medium">
                  When (UTC)
                </th>
                <th scope="col" className="px-3 py-3 font-medium">
                  Who
                </th>
                <th scope="col" className="px-3 py-3 font-medium">
                  Role
                </th>
                <th scope="col" className="px-3 py-3 font-medium">
                  Action
                </th>
                <th scope="col" className="px-3 py-3 font-medium">
                  Resource
                </th>
                <th scope="col" className="px-3 py-3 font-medium">
                  Patient
                </th>
                <th scope="col" className="px-3 py-3 font-medium">
                  Outcome
                </th>
                <th scope="col" className="px-3 py-3 font-medium">
                  IP
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="audit-rows">
              {items.map((event) => (
                <AuditRow key={event.id} event={event} patientName={event.patientId ? patientNames.get(event.patientId) : undefined} />
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}

      {nextCursor && (
        <div className="text-center">
          <Button variant="secondary" onClick={loadMore} pending={loading === 'more'} disabled={loading === 'filter'}>
            {loading === 'more' ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      )}
    </div>
  );
}

function who(event: AuditEventView): string {
  if (event.actorType === 'patient') return 'Patient';
  if (event.actorType === 'system') return 'System';
  return event.actorName ?? 'Unknown user';
}

function AuditRow({ event, patientName }: { event: AuditEventView; patientName?: string }) {
  return (
    <tr className="align-middle">
      <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
        <time dateTime={event.at}>{formatTimestamp(event.at)}</time>
      </td>
      <td className="px-3 py-2.5 font-medium text-slate-900">{who(event)}</td>
      <td className="px-3 py-2.5 text-slate-700">{event.role ? (ROLE_LABELS[event.role as Role] ?? event.role) : '—'}</td>
      <td className="px-3 py-2.5 whitespace-nowrap text-slate-900">{ACTION_LABELS[event.action] ?? event.action}</td>
      <td className="px-3 py-2.5 text-slate-700">
        {resourceLabel(event.resourceType)}
        {event.resourceId && event.resourceId !== event.patientId && (
          <span className="ml-1 font-mono text-xs text-slate-500" title={event.resourceId}>
            {event.resourceId.slice(0, 8)}
          </span>
        )}
      </td>
      <td className="px-3 py-2.5">
        {event.patientId ? (
          <Link href={`/patients/${event.patientId}`} className="whitespace-nowrap text-brand-700 hover:underline">
            {patientName ?? (
              <>
                Patient <span className="font-mono text-xs">{event.patientId.slice(0, 8)}</span>
              </>
            )}
          </Link>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </td>
      <td className="px-3 py-2.5">
        <Badge tone={outcomeTone(event.outcome)}>{event.outcome[0].toUpperCase() + event.outcome.slice(1)}</Badge>
      </td>
      <td className="px-3 py-2.5 font-mono text-xs whitespace-nowrap text-slate-600">{event.ip ?? '—'}</td>
    </tr>
  );
}

/**
 * Picks one patient by name (search as you type through GET /api/patients?q=, archived patients too), then
 * shows the choice with a button to clear it.
 */
function PatientPicker({ value, onChange, error }: { value: PickedPatient | null; onChange: (patient: PickedPatient | null) => void; error?: string }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Patient[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const latest = useRef(0);
  const listId = useId();

  useEffect(() => {
    const q = query.trim();
    const ticket = ++latest.current;
    if (q.length < 2) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a query too short to search clears the list at once, and stops a search in progress from showing
      setResults(null);
      setSearching(false);
      return;
    }
    // The search catches its own errors and shows them.
    const timer = setTimeout(
      () =>
        void (async () => {
          setSearching(true);
          setSearchError(null);
          try {
            // Current and archived patients: the log keeps the history of both.
            const [current, archived] = await Promise.all([
              ok(api.GET('/api/patients', { params: { query: { limit: 8, q } } })),
              ok(api.GET('/api/patients', { params: { query: { limit: 4, archived: true, q } } })),
            ]);
            if (ticket !== latest.current) return;
            setResults([...current.items, ...archived.items]);
          } catch (e) {
            if (ticket !== latest.current) return;
            setSearchError(describeError(e, 'Patients could not be searched.').message);
          } finally {
            if (ticket === latest.current) setSearching(false);
          }
        })(),
      250,
    );
    return () => clearTimeout(timer);
  }, [query]);

  if (value) {
    return (
      <div>
        <span className="block text-sm font-medium text-slate-700" id="audit-patient-label">
          Patient
        </span>
        <div className="mt-1 flex items-center gap-2 rounded-lg border border-brand-500 bg-brand-50 px-3 py-1.5" aria-labelledby="audit-patient-label">
          <span className="min-w-0 flex-1 truncate font-medium text-brand-700" data-testid="picked-patient">
            {value.name}
          </span>
          <Button
            variant="ghost"
            onClick={() => {
              onChange(null);
              setQuery('');
            }}
            aria-label={`Clear the patient filter (${value.name})`}
          >
            Clear
          </Button>
        </div>
      </div>
    );
  }

  const q = query.trim();
  return (
    <div className="relative">
      <Field id="audit-patient" label="Patient" hint={q.length < 2 ? 'Type at least 2 letters of a name' : undefined} error={error ?? searchError ?? undefined}>
        <Input
          id="audit-patient"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          placeholder="Search by name…"
          aria-controls={results ? listId : undefined}
          invalid={!!(error ?? searchError)}
        />
      </Field>
      {searching && (
        <span className="absolute top-9 right-3 text-slate-500">
          <Spinner />
          <span className="sr-only">Searching…</span>
        </span>
      )}
      {results && (
        <div id={listId} className="absolute z-10 mt-1 w-full overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg">
          {results.length === 0 ? (
            <p className="px-3 py-2 text-sm text-slate-600">No patient matches “{q}”.</p>
          ) : (
            <ul aria-label="Matching patients" className="max-h-72 divide-y divide-slate-100 overflow-y-auto">
              {results.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-brand-50"
                    onClick={() => {
                      onChange({ id: p.id, name: `${p.firstName} ${p.lastName}` });
                      setResults(null);
                    }}
                  >
                    <span className="font-medium text-slate-900">
                      {p.firstName} {p.lastName}
                    </span>
                    <span className="ml-2 text-slate-500">born {formatDate(p.dateOfBirth)}</span>
                    {p.archivedAt && (
                      <span className="ml-2">
                        <Badge tone="warning">Archived</Badge>
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
