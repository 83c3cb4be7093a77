'use client';
import { useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, Input } from '@/components/ui';
import { api, ApiError, ok } from '@/lib/api/browser';
import { textField } from '@/lib/form-data';

const MIN = 8;
const MAX = 128;

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'confirm', string>>;

/** Changes the signed-in user's password. Other devices are signed out; this browser stays signed in. */
export function PasswordForm() {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = textField(form, 'currentPassword');
    const newPassword = textField(form, 'newPassword');
    const confirm = textField(form, 'confirm');
    const found: Errors = {};
    if (!currentPassword) found.currentPassword = 'Enter your current password';
    if (newPassword.length < MIN) found.newPassword = `Use at least ${MIN} characters`;
    else if (newPassword.length > MAX) found.newPassword = `Use at most ${MAX} characters`;
    if (confirm !== newPassword) found.confirm = 'The two new passwords differ';
    setErrors(found);
    setFailure(null);
    setDone(false);
    if (Object.keys(found).length) return;

    setPending(true);
    try {
      await ok(api.POST('/api/auth/password', { body: { currentPassword, newPassword } }));
      formElement.reset();
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 400) {
        const fields = e.fieldErrors();
        setErrors({
          currentPassword: fields.currentPassword ? 'This is not your current password' : undefined,
          newPassword: fields.newPassword ? `The new password ${fields.newPassword}` : undefined,
        });
      } else {
        setFailure(e instanceof Error ? e.message : 'The password could not be changed. Please try again.');
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate>
      <Field id="currentPassword" label="Current password" error={errors.currentPassword}>
        <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required invalid={!!errors.currentPassword} />
      </Field>
      <Field
        id="newPassword"
        label="New password"
        hint={`${MIN} to ${MAX} characters. Use a long passphrase, a few unrelated words; common passwords and ones containing your name or email are refused.`}
        error={errors.newPassword}
      >
        <Input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN}
          maxLength={MAX}
          invalid={!!errors.newPassword}
        />
      </Field>
      <Field id="confirm" label="New password again" error={errors.confirm}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required invalid={!!errors.confirm} />
      </Field>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      {done && (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Password changed. You stay signed in here; any other devices have been signed out.
        </p>
      )}
      <Button type="submit" pending={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
