'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, Select } from '@/components/ui';
import { api, ApiError, ok } from '@/lib/api/browser';
import { noteHref } from '@/lib/notes';
import { describeError } from '@/lib/problems';

/** The template a new note starts from unless the clinician picks another. */
export const DEFAULT_TEMPLATE_NAME = 'Follow-up';

/** The note a 409 `note_exists` names (an appointment has at most one note that is not entered in error). */
export function existingNoteId(error: unknown): string | null {
  return error instanceof ApiError && error.problem.code === 'note_exists' ? (error.problem.noteId ?? null) : null;
}

/**
 * "New note": the clinician picks the template (Follow-up when the practice has it) and the episode the visit treats
 * (the latest by default); the draft is created, prefilled, and opened in the editor.
 */
export function NewNoteButton({
  patientId,
  templates,
  episodes,
}: {
  patientId: string;
  templates: { id: string; name: string }[];
  episodes: { id: string; label: string }[];
}) {
  const router = useRouter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const fallback = templates.find((t) => t.name === DEFAULT_TEMPLATE_NAME) ?? templates[0];
  const [templateId, setTemplateId] = useState(fallback?.id ?? '');
  const [episodeId, setEpisodeId] = useState(episodes[0]?.id ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setFields({});
    try {
      const note = await ok(
        api.POST('/api/patients/{id}/notes', {
          params: { path: { id: patientId } },
          body: { ...(templateId ? { templateId } : {}), ...(episodeId ? { episodeId } : {}) },
        }),
      );
      router.push(noteHref(patientId, note.id));
    } catch (e) {
      const described = describeError(e, 'The note could not be created.');
      setError(described.message);
      setFields(described.fields);
      setPending(false);
    }
  }

  return (
    <>
      <Button
        variant="primary"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        New note
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
      >
        <form onSubmit={submit} className="space-y-4 p-6">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            New visit note
          </h2>
          <p className="text-sm text-slate-700">
            The note opens with what Upright already knows since the last note: the diary and adherence, the pain trend, open alerts, outcome scores, the latest
            assessment and the plan. Keep or delete any line before you sign.
          </p>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <Field id={`${id}-template`} label="Template" error={fields.templateId}>
            <Select id={`${id}-template`} value={templateId} onChange={(e) => setTemplateId(e.target.value)} invalid={!!fields.templateId}>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
              <option value="">No template</option>
            </Select>
          </Field>
          {episodes.length > 0 ? (
            <Field id={`${id}-episode`} label="Episode treated" error={fields.episodeId}>
              <Select id={`${id}-episode`} value={episodeId} onChange={(e) => setEpisodeId(e.target.value)} invalid={!!fields.episodeId}>
                {episodes.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.label}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <p className="text-sm text-slate-600">No episode is recorded: the note will not be tied to one.</p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" pending={pending}>
              Create note
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/**
 * "Write visit note" on an appointment's page: creates the note of that visit, or opens the one already written for
 * it (409 `note_exists` names it).
 */
export function WriteNoteButton({ patientId, appointmentId }: { patientId: string; appointmentId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function write() {
    setPending(true);
    setError(null);
    try {
      const note = await ok(api.POST('/api/patients/{id}/notes', { params: { path: { id: patientId } }, body: { appointmentId } }));
      router.push(noteHref(patientId, note.id));
    } catch (e) {
      const existing = existingNoteId(e);
      if (existing) {
        router.push(noteHref(patientId, existing));
        return;
      }
      setError(describeError(e, 'The note could not be created.').message);
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      <Button onClick={() => void write()} pending={pending}>
        Write visit note
      </Button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
