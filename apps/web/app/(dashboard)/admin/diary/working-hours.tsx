'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, Card, EmptyState, ErrorMessage, Field, Input, Select } from '@/components/ui';
import type { Clinician, WorkingHours } from '@/lib/api/client';
import { api, ok } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface Day {
  works: boolean;
  start: string;
  end: string;
}
interface Exception {
  key: number;
  date: string;
  off: boolean;
  start: string;
  end: string;
}

let nextKey = 1;

function toForm(hours: WorkingHours | null): { days: Day[]; exceptions: Exception[] } {
  const days = WEEKDAYS.map((_, i) => {
    const span = hours?.weekly.find((w) => w.weekday === i + 1);
    return span ? { works: true, start: span.start, end: span.end } : { works: false, start: '09:00', end: '17:00' };
  });
  const exceptions = (hours?.exceptions ?? []).map((x) => ({
    key: nextKey++,
    date: x.date,
    off: !x.start,
    start: x.start ?? '09:00',
    end: x.end ?? '17:00',
  }));
  return { days, exceptions };
}

/** One clinician's weekly hours and the dates that differ from them, saved together (a save replaces all). */
export function WorkingHoursEditor({ clinicians, initialHours }: { clinicians: Clinician[]; initialHours: WorkingHours | null }) {
  const router = useRouter();
  const [clinicianId, setClinicianId] = useState(clinicians[0]?.id ?? '');
  const [form, setForm] = useState(() => toForm(initialHours));
  const [loading, setLoading] = useState(false);
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  if (!clinicians.length) {
    return (
      <Card title="Working hours">
        <EmptyState title="No clinicians yet">Add a clinician on the Staff page, then set their working hours here.</EmptyState>
      </Card>
    );
  }

  async function choose(id: string) {
    setClinicianId(id);
    setFields({});
    setError(null);
    setSaved(false);
    setLoading(true);
    try {
      setForm(toForm(await ok(api.GET('/api/users/{id}/working-hours', { params: { path: { id } } }))));
    } catch (e) {
      setError(describeError(e, 'The working hours could not be loaded.').message);
    } finally {
      setLoading(false);
    }
  }

  function setDay(index: number, change: Partial<Day>) {
    setForm((f) => ({ ...f, days: f.days.map((d, i) => (i === index ? { ...d, ...change } : d)) }));
    setSaved(false);
  }
  function setException(key: number, change: Partial<Exception>) {
    setForm((f) => ({ ...f, exceptions: f.exceptions.map((x) => (x.key === key ? { ...x, ...change } : x)) }));
    setSaved(false);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const worked = form.days.map((d, i) => ({ ...d, weekday: i + 1 })).filter((d) => d.works);
    const body: WorkingHours = {
      weekly: worked.map(({ weekday, start, end }) => ({ weekday, start, end })),
      exceptions: form.exceptions.map((x) => (x.off ? { date: x.date } : { date: x.date, start: x.start, end: x.end })),
    };
    // The API names fields by their place in what was sent (weekly[0].end); the form shows them by day and row.
    const local: Record<string, string> = {};
    form.exceptions.forEach((x, i) => {
      if (!x.date) local[`exceptions[${i}].date`] = 'Choose a date';
    });
    setSaved(false);
    setError(null);
    if (Object.keys(local).length) {
      setFields(toFormFields(local, worked, form.exceptions));
      return;
    }
    setFields({});
    setPending(true);
    try {
      const updated = await ok(api.PUT('/api/users/{id}/working-hours', { params: { path: { id: clinicianId } }, body }));
      setForm(toForm(updated));
      setSaved(true);
      router.refresh();
    } catch (e) {
      const problem = describeError(e, 'The working hours could not be saved.');
      const mapped = toFormFields(problem.fields, worked, form.exceptions);
      setFields(mapped);
      setError(mapped.form ?? (Object.keys(mapped).length ? 'Some hours need fixing: see the message under each.' : problem.message));
    } finally {
      setPending(false);
    }
  }

  const chosen = clinicians.find((c) => c.id === clinicianId);

  return (
    <Card title="Working hours">
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={loading || undefined}>
        <Field
          id="hours-clinician"
          label="Clinician"
          hint={chosen && !chosen.hasWorkingHours ? 'No working hours set yet: they have no free slots to book until you save some.' : undefined}
        >
          <Select id="hours-clinician" value={clinicianId} onChange={(e) => void choose(e.target.value)} disabled={loading || pending}>
            {clinicians.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>

        {/* Disabled while another clinician's hours load, so nothing typed is lost when they arrive. */}
        <fieldset disabled={loading}>
          <legend className="text-sm font-medium text-slate-700">Every week</legend>
          <ul className="mt-2 divide-y divide-slate-100">
            {form.days.map((day, i) => {
              const name = WEEKDAYS[i];
              const dayError = fields[`day${i}`];
              return (
                <li key={name} className="py-2">
                  <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                    <label className="flex w-48 items-center gap-2 text-sm">
                      <input type="checkbox" checked={day.works} onChange={(e) => setDay(i, { works: e.target.checked })} className="h-4 w-4" />
                      Works on {name}
                    </label>
                    {day.works && (
                      <div className="flex items-center gap-2 text-sm">
                        <label htmlFor={`day${i}-start`} className="sr-only">
                          {name} start
                        </label>
                        <Input
                          id={`day${i}-start`}
                          type="time"
                          step={300}
                          value={day.start}
                          onChange={(e) => setDay(i, { start: e.target.value })}
                          invalid={!!dayError}
                          className="w-32"
                        />
                        <span aria-hidden="true">to</span>
                        <label htmlFor={`day${i}-end`} className="sr-only">
                          {name} end
                        </label>
                        <Input
                          id={`day${i}-end`}
                          type="time"
                          step={300}
                          value={day.end}
                          onChange={(e) => setDay(i, { end: e.target.value })}
                          invalid={!!dayError}
                          className="w-32"
                        />
                      </div>
                    )}
                  </div>
                  {dayError && (
                    <p id={`day${i}-start-error`} className="mt-1 text-sm text-red-700">
                      <span id={`day${i}-end-error`}>{dayError}</span>
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>

        <fieldset disabled={loading}>
          <legend className="text-sm font-medium text-slate-700">Dates that differ</legend>
          <p className="mt-1 text-xs text-slate-500">A day off, or other hours on one date (holidays, training, a late clinic).</p>
          {form.exceptions.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No dates differ from the weekly hours.</p>
          ) : (
            <ul className="mt-2 space-y-3">
              {form.exceptions.map((x, i) => {
                const rowError = fields[`exception${x.key}`];
                const id = `exception${x.key}`;
                const label = x.date || `date ${i + 1}`;
                return (
                  <li key={x.key} className="rounded-lg border border-slate-200 p-3">
                    <div className="flex flex-wrap items-end gap-3">
                      <div>
                        <label htmlFor={`${id}-date`} className="block text-sm font-medium text-slate-700">
                          Date
                        </label>
                        <Input
                          id={`${id}-date`}
                          type="date"
                          value={x.date}
                          onChange={(e) => setException(x.key, { date: e.target.value })}
                          invalid={!!rowError}
                          className="w-44"
                        />
                      </div>
                      <div>
                        <label htmlFor={`${id}-kind`} className="block text-sm font-medium text-slate-700">
                          That day
                        </label>
                        <Select id={`${id}-kind`} value={x.off ? 'off' : 'hours'} onChange={(e) => setException(x.key, { off: e.target.value === 'off' })}>
                          <option value="off">Day off</option>
                          <option value="hours">Other hours</option>
                        </Select>
                      </div>
                      {!x.off && (
                        <div className="flex items-center gap-2 text-sm">
                          <label htmlFor={`${id}-start`} className="sr-only">
                            Start on {label}
                          </label>
                          <Input
                            id={`${id}-start`}
                            type="time"
                            step={300}
                            value={x.start}
                            onChange={(e) => setException(x.key, { start: e.target.value })}
                            invalid={!!rowError}
                            className="w-32"
                          />
                          <span aria-hidden="true">to</span>
                          <label htmlFor={`${id}-end`} className="sr-only">
                            End on {label}
                          </label>
                          <Input
                            id={`${id}-end`}
                            type="time"
                            step={300}
                            value={x.end}
                            onChange={(e) => setException(x.key, { end: e.target.value })}
                            invalid={!!rowError}
                            className="w-32"
                          />
                        </div>
                      )}
                      <Button
                        type="button"
                        variant="secondary"
                        onClick={() => {
                          setForm((f) => ({ ...f, exceptions: f.exceptions.filter((y) => y.key !== x.key) }));
                          setSaved(false);
                        }}
                        aria-label={`Remove ${label}`}
                      >
                        Remove
                      </Button>
                    </div>
                    {rowError && (
                      <p id={`${id}-date-error`} className="mt-1 text-sm text-red-700">
                        <span id={`${id}-start-error`}>
                          <span id={`${id}-end-error`}>{rowError}</span>
                        </span>
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <Button
            type="button"
            variant="secondary"
            className="mt-3"
            onClick={() => {
              setForm((f) => ({ ...f, exceptions: [...f.exceptions, { key: nextKey++, date: '', off: true, start: '09:00', end: '17:00' }] }));
              setSaved(false);
            }}
          >
            Add a date
          </Button>
        </fieldset>

        {error && <ErrorMessage>{error}</ErrorMessage>}
        <div role="status" className="text-sm empty:hidden">
          {saved && <p className="rounded-lg bg-emerald-50 px-3 py-2 text-emerald-900">Saved.</p>}
        </div>
        <Button type="submit" pending={pending} disabled={loading}>
          {pending ? 'Saving…' : 'Save working hours'}
        </Button>
      </form>
    </Card>
  );
}

const PARTS: Record<string, string> = { start: 'Start time', end: 'End time', date: 'Date', weekday: 'Day' };

/**
 * The API's field errors (weekly[0].end, exceptions[1].date) in words, by the form's rows: `day<index>` for a
 * weekday, `exception<key>` for a date that differs, `form` for anything else.
 */
function toFormFields(api: Record<string, string>, worked: { weekday: number }[], exceptions: Exception[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(api)) {
    const match = /^(weekly|exceptions)\[(\d+)\](?:\.(\w+))?$/.exec(field);
    const index = match ? Number(match[2]) : -1;
    const part = match?.[3] ? PARTS[match[3]] : undefined;
    const text = part ? `${part}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message;
    const key =
      match?.[1] === 'weekly' && worked[index]
        ? `day${worked[index].weekday - 1}`
        : match?.[1] === 'exceptions' && exceptions[index]
          ? `exception${exceptions[index].key}`
          : 'form';
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}
