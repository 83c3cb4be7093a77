'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, Input } from '@/components/ui';
import { ApiError, ok, portalApi } from '@/lib/api/browser';
import { textField } from '@/lib/form-data';

/** What the patient is told when the link cannot be opened; `final` ones need a new link from the practice. */
interface Outcome {
  text: string;
  final: boolean;
}

const LINK_PROBLEMS = {
  locked: 'This link has been locked after too many attempts. Please contact your physiotherapist for a new link.',
  expired: 'This link no longer works: it has expired, or your physiotherapist has replaced it. Please contact the practice for a new link.',
  unknown: 'We could not find this link. Check that you opened the whole link from your physiotherapist’s message, or contact the practice for a new one.',
  wrongYear: 'That year of birth does not match our records. Please check it and try again.',
  tooMany: 'Too many attempts from this connection. Please wait 15 minutes and try again.',
} as const;

function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof ApiError)) return { text: 'Something went wrong. Please try again.', final: false };
  const { status, detail, code, errors } = error.problem;
  switch (status) {
    case 401:
      // The API says how many tries are left; it may also say the link is now locked.
      return { text: code === 'invalid_credentials' && detail ? detail : LINK_PROBLEMS.wrongYear, final: /locked/i.test(detail ?? '') };
    case 423:
      return { text: LINK_PROBLEMS.locked, final: true };
    case 410:
      return { text: LINK_PROBLEMS.expired, final: true };
    case 404:
      return { text: LINK_PROBLEMS.unknown, final: true };
    case 429:
      return { text: detail || LINK_PROBLEMS.tooMany, final: false };
    case 400:
      // A mangled token (half a link copied) is an unknown link; a bad year is caught before sending.
      return errors?.some((e) => e.field === 'token')
        ? { text: LINK_PROBLEMS.unknown, final: true }
        : { text: 'Enter the four digits of the year you were born, for example 1979.', final: false };
    default:
      return { text: detail || 'Something went wrong. Please try again.', final: false };
  }
}

export function OpenPlanForm({ token }: { token: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [yearError, setYearError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = textField(new FormData(event.currentTarget), 'birthYear').trim();
    const birthYear = Number(raw);
    if (!/^\d{4}$/.test(raw) || birthYear < 1900 || birthYear > new Date().getFullYear()) {
      setYearError('Enter the four digits of the year you were born, for example 1979.');
      return;
    }
    setYearError(null);
    setOutcome(null);
    setPending(true);
    try {
      await ok(portalApi.POST('/api/portal/session', { body: { token, birthYear } }));
      // Replace, not push: the address with the token leaves the address bar and the back button.
      router.replace('/p/plan');
    } catch (error) {
      setOutcome(outcomeOf(error));
      setPending(false);
    }
  }

  if (outcome?.final) {
    return (
      <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-base text-amber-950">
        {outcome.text}
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field id="birthYear" label="Year of birth" error={yearError ?? undefined} hint="Four digits, for example 1979">
        <Input
          id="birthYear"
          name="birthYear"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={4}
          autoComplete="off"
          required
          autoFocus
          invalid={!!yearError}
          className="py-3! text-2xl! tracking-widest"
        />
      </Field>
      {outcome && <ErrorMessage>{outcome.text}</ErrorMessage>}
      <Button type="submit" pending={pending} className="min-h-12 w-full text-base!">
        {pending ? 'Opening…' : 'Open my plan'}
      </Button>
    </form>
  );
}
