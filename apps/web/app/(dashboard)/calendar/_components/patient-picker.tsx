'use client';
import { useEffect, useId, useState } from 'react';
import { Button, Input } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';

export interface PickedPatient {
  id: string;
  name: string;
}

/**
 * Chooses an existing patient: a search box (first or last name) and the matches as buttons (Tab to one, Enter
 * chooses it). A chosen patient shows with a "Change" button.
 */
export function PatientPicker({ value, onChange, error }: { value: PickedPatient | null; onChange: (p: PickedPatient | null) => void; error?: string }) {
  const id = useId();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PickedPatient[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) return;
    let stale = false;
    const timer = setTimeout(() => {
      ok(api.GET('/api/patients', { params: { query: { q: term, limit: 8 } } }))
        .then((page) => {
          if (!stale) {
            setResults(page.items.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` })));
            setFailure(null);
          }
        })
        .catch((e: unknown) => !stale && setFailure(e instanceof Error ? e.message : 'The search failed. Please try again.'));
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q]);

  if (value) {
    return (
      <div>
        <p className="block text-sm font-medium text-slate-700">Patient</p>
        <div className="mt-1 flex items-center justify-between gap-2 rounded-lg border border-slate-300 bg-slate-50 px-3 py-2">
          <span className="font-medium" data-testid="picked-patient">
            {value.name}
          </span>
          <Button variant="ghost" onClick={() => onChange(null)}>
            Change<span className="sr-only"> patient</span>
          </Button>
        </div>
      </div>
    );
  }

  const shown = q.trim().length >= 2 ? results : null;
  return (
    <div>
      <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-700">
        Patient
      </label>
      <Input
        id={`${id}-q`}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Search by first or last name"
        autoComplete="off"
        invalid={!!error}
        aria-describedby={`${id}-status`}
      />
      <p id={`${id}-status`} aria-live="polite" className={`mt-1 text-sm ${error ? 'text-red-700' : 'text-slate-500'}`}>
        {error ??
          failure ??
          (shown === null
            ? 'Type at least two letters.'
            : shown.length === 0
              ? 'No patient matches. Register new patients under Patients.'
              : `${shown.length} found.`)}
      </p>
      {shown && shown.length > 0 && (
        <ul aria-label="Matching patients" className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
          {shown.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => onChange(p)}
                className="flex w-full items-center justify-between gap-3 px-3 py-2.5 text-left hover:bg-slate-50 focus-visible:bg-slate-50"
              >
                <span>
                  <span className="sr-only">Choose </span>
                  {p.name}
                </span>
                <span aria-hidden="true" className="text-sm font-medium text-brand-700">
                  Choose
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
