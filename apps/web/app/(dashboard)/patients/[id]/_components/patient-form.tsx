'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { MatchReason, NewPatient, Patient, PatientChanges, PatientDuplicate, Sex } from '@/lib/api/client';
import { Badge, Button, ButtonLink, ErrorMessage, Field, Input, Select, Textarea, TextLink } from '@/components/ui';
import { api, ApiError, ok, ifMatch } from '@/lib/api/browser';
import { SEX_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { usePracticeToday } from '@/lib/practice-day';
import { describeError, sentence } from '@/lib/problems';

interface Values {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex | '';
  email: string;
  phone: string;
  notes: string;
}
type FieldName = keyof Values;

const FIELD_LABELS: Record<FieldName, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  email: 'Email',
  phone: 'Phone',
  notes: 'Notes',
};
const FIELDS = Object.keys(FIELD_LABELS) as FieldName[];
const EMPTY: Values = { firstName: '', lastName: '', dateOfBirth: '', sex: '', email: '', phone: '', notes: '' };

const MATCH_WORDS: Record<MatchReason, string> = {
  name_and_date_of_birth: 'same name and date of birth',
  email: 'same email',
  phone: 'same phone',
};

/** The details the duplicate check compares (what a new patient would be registered with). */
const identityOf = (v: Values) =>
  ({ firstName: v.firstName.trim(), lastName: v.lastName.trim(), dateOfBirth: v.dateOfBirth, email: v.email.trim(), phone: v.phone.trim() }) as const;

const readPatient = (id: string) => ok(api.GET('/api/patients/{id}', { params: { path: { id } } }));

function valuesOf(p: Patient): Values {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    email: p.email ?? '',
    phone: p.phone ?? '',
    notes: p.notes ?? '',
  };
}

/** The fields whose (trimmed) value differs: a PATCH sends only these, so it never overwrites what it did not touch. */
function changedFields(from: Values, to: Values): FieldName[] {
  return FIELDS.filter((f) => from[f].trim() !== to[f].trim());
}

function shown(field: FieldName, value: string): string {
  if (!value.trim()) return '(empty)';
  if (field === 'sex') return SEX_LABELS[value as Sex] ?? value;
  if (field === 'dateOfBirth') return formatDate(value);
  return value;
}

/**
 * Registers a patient (no `patient`) or corrects one (`patient` given). A correction is sent with the version it
 * started from; when someone else saved in between, the API answers 412 and the form keeps the user's values
 * until they choose to reload the latest version.
 */
export function PatientForm({ patient }: { patient?: Patient }) {
  const router = useRouter();
  const [base, setBase] = useState<Patient | undefined>(patient);
  const [values, setValues] = useState<Values>(patient ? valuesOf(patient) : EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const today = usePracticeToday();
  const [pending, setPending] = useState(false);
  const [conflict, setConflict] = useState<{ latest: Patient | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Existing patients the new one looks like, shown before saving; null until the details have been checked. */
  const [lookalikes, setLookalikes] = useState<PatientDuplicate[] | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const lookalikesRef = useRef<HTMLDivElement>(null);
  const editing = base !== undefined;
  const cancelHref = base ? `/patients/${base.id}` : '/patients';

  function set(field: FieldName, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    // Changed details are checked again before saving.
    if (lookalikes && field !== 'sex' && field !== 'notes') setLookalikes(null);
    if (fieldErrors[field]) setFieldErrors(({ [field]: _, ...rest }) => rest);
  }

  /**
   * Before registering: the existing patients with the same name and date of birth, email or phone. Empty when the
   * check could not be made (the save itself then says what is wrong with the details, or that Upright is out of reach).
   */
  async function findLookalikes(): Promise<PatientDuplicate[]> {
    const { firstName, lastName, dateOfBirth, email, phone } = identityOf(values);
    const query = Object.fromEntries(Object.entries({ firstName, lastName, dateOfBirth, email, phone }).filter(([, value]) => value));
    try {
      return (await ok(api.GET('/api/patients/duplicates', { params: { query } }))).items;
    } catch {
      return [];
    }
  }

  async function submit(event: FormEvent, anyway = false) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    setFieldErrors({});
    const missing: Record<string, string> = {};
    if (!values.firstName.trim()) missing.firstName = 'Enter the first name';
    if (!values.lastName.trim()) missing.lastName = 'Enter the last name';
    if (!values.dateOfBirth) missing.dateOfBirth = 'Enter the date of birth';
    if (!values.sex) missing.sex = 'Choose one';
    if (Object.keys(missing).length) {
      setFieldErrors(missing);
      setError('Please fill in the highlighted fields.');
      return;
    }
    setPending(true);
    try {
      if (base) {
        const changed = changedFields(valuesOf(base), values);
        if (changed.length === 0) {
          router.push(`/patients/${base.id}`);
          return;
        }
        const body: PatientChanges = {};
        for (const f of changed) {
          const value = values[f].trim();
          if (f === 'email' || f === 'phone' || f === 'notes') body[f] = value || null;
          else if (f === 'sex') body.sex = value as Sex;
          else body[f] = value;
        }
        await ok(api.PATCH('/api/patients/{id}', { params: { path: { id: base.id }, header: ifMatch(base.version) }, body }));
        router.push(`/patients/${base.id}`);
        router.refresh();
      } else {
        if (!anyway) {
          const found = await findLookalikes();
          if (found.length) {
            setLookalikes(found);
            setPending(false);
            requestAnimationFrame(() => lookalikesRef.current?.focus());
            return;
          }
        }
        const body: NewPatient = {
          firstName: values.firstName.trim(),
          lastName: values.lastName.trim(),
          dateOfBirth: values.dateOfBirth,
          sex: values.sex as Sex,
          email: values.email.trim() || null,
          phone: values.phone.trim() || null,
          notes: values.notes.trim() || null,
        };
        const created = await ok(api.POST('/api/patients', { body }));
        router.push(`/patients/${created.id}`);
      }
    } catch (e) {
      setPending(false);
      if (base && e instanceof ApiError && e.problem.status === 412) {
        // Someone else saved first: fetch what they saved so the user can compare, but keep their values.
        const latest = await readPatient(base.id).catch(() => null);
        setConflict({ latest });
        requestAnimationFrame(() => conflictRef.current?.focus());
        return;
      }
      const { message, fields } = describeError(e, 'The patient could not be saved. Please try again.');
      setFieldErrors(fields);
      setError(message);
    }
  }

  async function reloadLatest() {
    if (!base) return;
    setPending(true);
    try {
      const latest = conflict?.latest ?? (await readPatient(base.id));
      setBase(latest);
      setValues(valuesOf(latest));
      setConflict(null);
      setFieldErrors({});
      setNotice('Loaded the latest saved details. Make your changes again, then save.');
    } catch (e) {
      setError(describeError(e, 'The latest version could not be loaded.').message);
    } finally {
      setPending(false);
    }
  }

  const differences = conflict?.latest ? FIELDS.filter((f) => values[f].trim() !== valuesOf(conflict.latest!)[f].trim()) : [];

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      {conflict && (
        <div ref={conflictRef} tabIndex={-1} role="alert" className="rounded-2xl border border-amber-300 bg-amber-50 p-5 text-amber-950 focus:outline-none">
          <h2 className="font-semibold">Someone else changed this patient while you were editing</h2>
          <p className="mt-1 text-sm">
            Your changes have not been saved. They are still in the form below. Reload to start again from the latest saved details.
          </p>
          {differences.length > 0 && (
            <table className="mt-3 w-full text-left text-sm">
              <caption className="sr-only">Your values compared with the latest saved values</caption>
              <thead className="text-xs text-amber-900 uppercase">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Field
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Your value
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Latest saved
                  </th>
                </tr>
              </thead>
              <tbody>
                {differences.map((f) => (
                  <tr key={f} className="border-t border-amber-200 align-top">
                    <th scope="row" className="py-1.5 pr-3 font-medium">
                      {FIELD_LABELS[f]}
                    </th>
                    <td className="py-1.5 pr-3 break-words">{shown(f, values[f])}</td>
                    <td className="py-1.5 break-words">{shown(f, valuesOf(conflict.latest!)[f])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="mt-4 flex flex-wrap gap-2">
            <Button onClick={reloadLatest} pending={pending}>
              Reload latest version
            </Button>
          </div>
        </div>
      )}
      {lookalikes && lookalikes.length > 0 && (
        <div
          ref={lookalikesRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby="lookalikes-title"
          data-testid="duplicate-prompt"
          className="rounded-2xl border border-amber-300 bg-amber-50 p-5 text-amber-950 focus:outline-none"
        >
          <h2 id="lookalikes-title" className="font-semibold">
            This looks like {lookalikes.length === 1 ? 'a patient you already have' : `${lookalikes.length} patients you already have`}
          </h2>
          <p className="mt-1 text-sm">Open their record instead, or save a new patient anyway if this is someone else.</p>
          <ul className="mt-3 divide-y divide-amber-200 text-sm">
            {lookalikes.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
                <div>
                  <span className="font-medium">
                    {p.firstName} {p.lastName}
                  </span>
                  , born {formatDate(p.dateOfBirth)} {p.archived && <Badge tone="warning">Archived</Badge>}
                  <div className="text-amber-900">{sentence(p.matchedOn.map((m) => MATCH_WORDS[m]).join(', '))}</div>
                </div>
                <TextLink href={`/patients/${p.id}`} aria-label={`Open the record of ${p.firstName} ${p.lastName}`}>
                  Open their record
                </TextLink>
              </li>
            ))}
          </ul>
          <div className="mt-4 flex flex-wrap gap-2">
            <Button variant="secondary" onClick={(e) => void submit(e, true)} pending={pending}>
              Save a new patient anyway
            </Button>
          </div>
        </div>
      )}
      {notice && (
        <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
          {notice}
        </p>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Name</legend>
        <Field id="firstName" label="First name" error={fieldErrors.firstName}>
          <Input
            id="firstName"
            name="firstName"
            autoComplete="off"
            value={values.firstName}
            onChange={(e) => set('firstName', e.target.value)}
            invalid={!!fieldErrors.firstName}
            maxLength={100}
          />
        </Field>
        <Field id="lastName" label="Last name" error={fieldErrors.lastName}>
          <Input
            id="lastName"
            name="lastName"
            autoComplete="off"
            value={values.lastName}
            onChange={(e) => set('lastName', e.target.value)}
            invalid={!!fieldErrors.lastName}
            maxLength={100}
          />
        </Field>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="dateOfBirth" label="Date of birth" error={fieldErrors.dateOfBirth}>
          <Input
            id="dateOfBirth"
            name="dateOfBirth"
            type="date"
            min="1900-01-01"
            max={today}
            value={values.dateOfBirth}
            onChange={(e) => set('dateOfBirth', e.target.value)}
            invalid={!!fieldErrors.dateOfBirth}
          />
        </Field>
        <Field id="sex" label="Sex" error={fieldErrors.sex}>
          <Select id="sex" name="sex" value={values.sex} onChange={(e) => set('sex', e.target.value)} invalid={!!fieldErrors.sex}>
            <option value="" disabled>
              Choose…
            </option>
            {(Object.keys(SEX_LABELS) as Sex[]).map((s) => (
              <option key={s} value={s}>
                {SEX_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="email" label="Email" hint="Optional" error={fieldErrors.email}>
          <Input
            id="email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            value={values.email}
            onChange={(e) => set('email', e.target.value)}
            invalid={!!fieldErrors.email}
            maxLength={254}
          />
        </Field>
        <Field id="phone" label="Phone" hint="Optional. Digits, spaces and + ( ) - ." error={fieldErrors.phone}>
          <Input
            id="phone"
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={values.phone}
            onChange={(e) => set('phone', e.target.value)}
            invalid={!!fieldErrors.phone}
            maxLength={40}
          />
        </Field>
      </div>

      <Field
        id="notes"
        label="Notes"
        hint="Optional. Practical notes such as preferred appointment times; clinical details belong in episodes."
        error={fieldErrors.notes}
      >
        <Textarea id="notes" name="notes" value={values.notes} onChange={(e) => set('notes', e.target.value)} invalid={!!fieldErrors.notes} maxLength={4000} />
      </Field>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" pending={pending && !conflict}>
          {editing ? 'Save changes' : 'Register patient'}
        </Button>
        <ButtonLink href={cancelHref} variant="ghost">
          Cancel
        </ButtonLink>
        {editing && base && <span className="text-xs text-slate-500">Editing version {base.version}</span>}
      </div>
    </form>
  );
}
