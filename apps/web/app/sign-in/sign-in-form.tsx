'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, Input } from '@/components/ui';
import { api, ApiError, ok } from '@/lib/api/browser';
import { safeReturnPath } from '@/lib/paths';
import { textField } from '@/lib/form-data';

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await ok(api.POST('/api/auth/login', { body: { email: textField(form, 'email'), password: textField(form, 'password') } }));
      router.replace(safeReturnPath(next));
      router.refresh();
    } catch (e) {
      const problem = e instanceof ApiError ? e.problem : null;
      setError(problem?.status === 400 ? 'Enter your email address and password.' : (problem?.detail ?? 'Sign-in failed. Please try again.'));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field id="email" label="Email">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field id="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <Button type="submit" pending={pending} className="w-full py-2.5">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
