'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { PracticeChanges, PracticeSettings } from '@/lib/api/client';
import { Button, ErrorMessage, Field, Input, Select } from '@/components/ui';
import { api, ok, ifMatch } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

/** Every IANA zone the browser knows, with the practice's own first if the browser lacks it. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = known.includes('UTC') ? known : ['UTC', ...known];
  return all.includes(current) ? all : [current, ...all];
}

function nowIn(timeZone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(now);
  } catch {
    return '';
  }
}

/** Rename the practice, change its time zone or its reminder hours, at the version read (a conflict reloads the latest). */
export function PracticeForm({ initial }: { initial: PracticeSettings }) {
  const router = useRouter();
  const [practice, setPractice] = useState(initial);
  const [name, setName] = useState(initial.name);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [reminderHours, setReminderHours] = useState(String(initial.reminderHours));
  const [unsignedNoteHours, setUnsignedNoteHours] = useState(String(initial.unsignedNoteHours));
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const options = useMemo(() => zones(initial.timeZone), [initial.timeZone]);
  // The clock and this computer's zone are read after the first render, so the server's render matches.
  const [now, setNow] = useState<Date | null>(null);
  const [browserZone, setBrowserZone] = useState<string | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- read once after hydration on purpose (see above): one extra render
    setNow(new Date());
    setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, []);
  const changed =
    name.trim() !== practice.name ||
    timeZone !== practice.timeZone ||
    Number(reminderHours) !== practice.reminderHours ||
    Number(unsignedNoteHours) !== practice.unsignedNoteHours;

  /** The form shows these settings (after a save, or another admin's after a conflict). */
  function show(settings: PracticeSettings) {
    setPractice(settings);
    setName(settings.name);
    setTimeZone(settings.timeZone);
    setReminderHours(String(settings.reminderHours));
    setUnsignedNoteHours(String(settings.unsignedNoteHours));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setFields({ name: 'Enter the practice’s name' });
      return;
    }
    setPending(true);
    setFields({});
    setError(null);
    setSaved(false);
    const hours = Number(reminderHours);
    const noteHours = Number(unsignedNoteHours);
    const problems: Record<string, string> = {};
    if (!Number.isInteger(hours) || hours < 1 || hours > 168) problems.reminderHours = 'Enter a whole number of hours from 1 to 168 (7 days)';
    if (!Number.isInteger(noteHours) || noteHours < 1 || noteHours > 720) problems.unsignedNoteHours = 'Enter a whole number of hours from 1 to 720 (30 days)';
    if (Object.keys(problems).length) {
      setFields(problems);
      setPending(false);
      return;
    }
    const body: PracticeChanges = {};
    if (name.trim() !== practice.name) body.name = name.trim();
    if (timeZone !== practice.timeZone) body.timeZone = timeZone;
    if (hours !== practice.reminderHours) body.reminderHours = hours;
    if (noteHours !== practice.unsignedNoteHours) body.unsignedNoteHours = noteHours;
    try {
      show(await ok(api.PATCH('/api/practice', { params: { header: ifMatch(practice.version) }, body })));
      setSaved(true);
      router.refresh();
    } catch (e) {
      const problem = describeError(e, 'The settings could not be saved.');
      if (problem.status === 412) {
        const latest = await ok(api.GET('/api/practice')).catch(() => null);
        if (latest) show(latest);
        setError('Another admin changed these settings while you were editing. The form now shows theirs: make your change again.');
      } else {
        setFields(problem.fields);
        if (!Object.keys(problem.fields).length) setError(problem.message);
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <Field id="practice-name" label="Practice name" error={fields.name}>
        <Input id="practice-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required invalid={!!fields.name} />
      </Field>
      <Field
        id="practice-time-zone"
        label="Time zone"
        hint={`${now ? `Now there: ${nowIn(timeZone, now)}. ` : ''}Records are dated by this zone’s calendar: dates after its today count as in the future.`}
        error={fields.timeZone}
      >
        <Select id="practice-time-zone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} invalid={!!fields.timeZone}>
          {options.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </Select>
      </Field>
      {browserZone && browserZone !== timeZone && (
        <p className="text-sm text-slate-600">
          This computer is set to {browserZone.replace(/_/g, ' ')}.{' '}
          <button type="button" className="font-medium text-brand-700 underline" onClick={() => setTimeZone(browserZone)}>
            Use it
          </button>
        </p>
      )}
      <Field
        id="practice-reminder-hours"
        label="Appointment reminder (hours before)"
        hint="Patients with an email address get a reminder this long before each appointment (default 24)."
        error={fields.reminderHours}
      >
        <Input
          id="practice-reminder-hours"
          type="number"
          inputMode="numeric"
          min={1}
          max={168}
          step={1}
          value={reminderHours}
          onChange={(e) => setReminderHours(e.target.value)}
          invalid={!!fields.reminderHours}
          className="max-w-32"
        />
      </Field>
      <Field
        id="practice-unsigned-note-hours"
        label="Unsigned notes appear on the author’s Today after (hours)"
        hint="A visit note still a draft this long after it was started is listed on its author’s Today page, to sign (default 24)."
        error={fields.unsignedNoteHours}
      >
        <Input
          id="practice-unsigned-note-hours"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          step={1}
          value={unsignedNoteHours}
          onChange={(e) => setUnsignedNoteHours(e.target.value)}
          invalid={!!fields.unsignedNoteHours}
          className="max-w-32"
        />
      </Field>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {saved && (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Settings saved.
        </p>
      )}
      <Button type="submit" pending={pending} disabled={!changed && !pending}>
        {pending ? 'Saving…' : 'Save settings'}
      </Button>
    </form>
  );
}
