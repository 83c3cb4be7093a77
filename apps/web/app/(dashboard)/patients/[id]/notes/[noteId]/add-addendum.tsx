'use client';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, Textarea } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

/** "Add addendum" under a signed note: signed with the clinician's name and the time as soon as it is added. */
export function AddAddendum({ noteId }: { noteId: string }) {
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [added, setAdded] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setAdded(false);
    if (!text.trim()) {
      setFieldError('Write the addendum first');
      return;
    }
    setFieldError(undefined);
    setPending(true);
    try {
      await ok(api.POST('/api/notes/{noteId}/addenda', { params: { path: { noteId } }, body: { text } }));
      setText('');
      setAdded(true);
      router.refresh();
    } catch (e) {
      const described = describeError(e, 'The addendum could not be added.');
      setFieldError(described.fields.text);
      setError(described.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 border-t border-slate-200 pt-4 print:hidden">
      <Field
        id={`${id}-text`}
        label="New addendum"
        hint="Added under the note with your name and the time, and signed at once: it can’t be changed afterwards."
        error={fieldError}
      >
        <Textarea
          id={`${id}-text`}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={20_000}
          invalid={!!fieldError}
          className="field-sizing-content min-h-20"
        />
      </Field>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" pending={pending}>
          Add addendum
        </Button>
        <p role="status" className="text-sm text-emerald-800">
          {added ? 'Addendum added and signed.' : ''}
        </p>
      </div>
    </form>
  );
}
