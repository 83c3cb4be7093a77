'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TableFrame } from '@/components/table-frame';
import { CatalogueRowActions, CatalogueStatus, useCatalogue } from '../_components/catalogue-controls';
import { Badge, Button, Card, EmptyState, ErrorMessage, Field, Input, Textarea } from '@/components/ui';
import type { NoteSections, NoteTemplate } from '@/lib/api/client';
import { api, ifMatch, ok } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

/** The four sections of a visit note, in the order a note shows them. */
const SECTIONS: { key: keyof NoteSections; label: string }[] = [
  { key: 'subjective', label: 'Subjective' },
  { key: 'objective', label: 'Objective' },
  { key: 'assessment', label: 'Assessment' },
  { key: 'plan', label: 'Plan' },
];

const NAME_MAX = 80;
const PROMPT_MAX = 20_000;
const EMPTY_PROMPTS: NoteSections = { subjective: '', objective: '', assessment: '', plan: '' };

const byName = (a: NoteTemplate, b: NoteTemplate) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' });

/** Which sections a template puts a prompt into, for the list ("Subjective, Plan"). */
function promptedSections(prompts: NoteSections): string {
  const named = SECTIONS.filter(({ key }) => prompts[key].trim()).map(({ label }) => label);
  return named.length ? named.join(', ') : 'None';
}

const statusBadge = (template: NoteTemplate) => (template.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>);

/** The name and four prompts of a template, for a new one or to change an existing one (at the version shown). */
function TemplateForm({
  editing,
  onDone,
  onStale,
  onCancel,
}: {
  editing: NoteTemplate | null;
  onDone: (saved: NoteTemplate) => void;
  onStale: () => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(editing?.name ?? '');
  const [prompts, setPrompts] = useState<NoteSections>(editing?.prompts ?? EMPTY_PROMPTS);
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const prefix = editing ? `template-${editing.id}` : 'new-template';

  // Opening a template to edit takes the keyboard to its form (which sits below the list).
  const editingId = editing?.id;
  useEffect(() => {
    if (editingId) nameRef.current?.focus();
  }, [editingId]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    const problems: Record<string, string> = {};
    if (!trimmed) problems.name = 'Enter a name for the template';
    else if (trimmed.length > NAME_MAX) problems.name = `Use at most ${NAME_MAX} characters`;
    setFields(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    setPending(true);
    const body = { name: trimmed, prompts };
    try {
      const saved = editing
        ? await ok(api.PATCH('/api/note-templates/{id}', { params: { path: { id: editing.id }, header: ifMatch(editing.version) }, body }))
        : await ok(api.POST('/api/note-templates', { body: { ...body, active: true } }));
      if (!editing) {
        setName('');
        setPrompts(EMPTY_PROMPTS);
      }
      onDone(saved);
    } catch (e) {
      const problem = describeError(e, 'The template could not be saved.');
      if (problem.status === 412) {
        // The list reloads and this form opens again with the other admin's version (it is keyed by version).
        await onStale();
        return;
      }
      setFields(problem.fields);
      if (!Object.keys(problem.fields).length) setError(problem.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="template-form-heading">
      <Field id={`${prefix}-name`} label="Name" hint="For example “Follow-up”. Each active template needs its own name." error={fields.name}>
        <Input
          ref={nameRef}
          id={`${prefix}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={NAME_MAX}
          required
          invalid={!!fields.name}
          className="max-w-md"
        />
      </Field>
      <p className="text-sm text-slate-600">
        Each prompt is put at the top of its section of a new note, before what Upright already knows about the patient. Leave a prompt blank for none.
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        {SECTIONS.map(({ key, label }) => {
          const id = `${prefix}-${key}`;
          const error = fields[`prompts.${key}`] ?? fields[key];
          return (
            <Field key={key} id={id} label={label} error={error}>
              <Textarea
                id={id}
                rows={5}
                value={prompts[key]}
                onChange={(e) => setPrompts((all) => ({ ...all, [key]: e.target.value }))}
                maxLength={PROMPT_MAX}
                invalid={!!error}
                aria-describedby={error ? `${id}-error` : undefined}
              />
            </Field>
          );
        })}
      </div>
      {(error || fields.prompts) && <ErrorMessage>{error ?? fields.prompts}</ErrorMessage>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending}>
          {pending ? 'Saving…' : editing ? 'Save template' : 'Add template'}
        </Button>
        {editing && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/**
 * The practice's visit-note templates: add one, change its name and prompts, or stop it being offered for new
 * notes (and offer it again). Every change is made at the version shown (If-Match), so two admins cannot overwrite
 * each other unknowingly.
 */
export function NoteTemplates({ initial }: { initial: NoteTemplate[] }) {
  const {
    items: templates,
    setItems,
    editing,
    editingId,
    setEditingId,
    status,
    setStatus,
    error,
    setError,
    busyId,
    saved,
    toggle,
  } = useCatalogue(initial, byName);

  /** After a stale-version answer: the list again, so the admin sees what the other admin changed. */
  async function reload(message: string) {
    setStatus(null);
    try {
      const latest = await ok(api.GET('/api/note-templates'));
      setItems(latest.items);
      setError(message);
    } catch (e) {
      setError(describeError(e, 'The templates could not be reloaded. Reload the page.').message);
    }
  }

  const switchTemplate = (template: NoteTemplate) =>
    toggle(template, {
      send: () =>
        ok(
          api.PATCH('/api/note-templates/{id}', {
            params: { path: { id: template.id }, header: ifMatch(template.version) },
            body: { active: !template.active },
          }),
        ),
      said: (updated) => `${updated.name} ${updated.active ? 'is offered for new notes again' : 'is no longer offered for new notes'}.`,
      fallback: 'The template could not be changed.',
      onStale: () => reload(`Another admin changed ${template.name} meanwhile. The list now shows the latest: check it and try again.`),
    });

  return (
    <Card title="Templates">
      {templates.length === 0 ? (
        <EmptyState title="No note templates yet">Add one below: clinicians choose a template when they start a visit note.</EmptyState>
      ) : (
        <TableFrame label="Note templates" className="rounded-xl border border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">The practice’s note templates, by name</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Name
                </th>
                {/* On a phone, what these two columns say sits under the name instead, so the table fits without scrolling. */}
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                  Prompts
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {templates.map((template) => (
                <tr key={template.id} className={template.active ? '' : 'bg-slate-50/60'}>
                  <td className="px-3 py-2 align-top">
                    <div className="font-medium break-words">{template.name}</div>
                    <div className="mt-1 space-y-1 sm:hidden">
                      <div>{statusBadge(template)}</div>
                      <div className="text-slate-600">Prompts: {promptedSections(template.prompts)}</div>
                    </div>
                  </td>
                  <td className="hidden px-3 py-2 align-top text-slate-600 sm:table-cell">{promptedSections(template.prompts)}</td>
                  <td className="hidden px-3 py-2 align-top sm:table-cell">{statusBadge(template)}</td>
                  <td className="px-3 py-2 align-top">
                    <CatalogueRowActions
                      name={template.name}
                      editing={editingId === template.id}
                      onEdit={() => {
                        setError(null);
                        setEditingId(editingId === template.id ? null : template.id);
                      }}
                      active={template.active}
                      toggling={busyId === template.id}
                      onToggle={() => void switchTemplate(template)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      <CatalogueStatus status={status} error={error} />
      <div className="mt-5 border-t border-slate-100 pt-4">
        <h3 id="template-form-heading" className="mb-3 font-medium">
          {editing ? `Edit ${editing.name}` : 'Add a template'}
        </h3>
        <TemplateForm
          // A new version (another admin's, after a 412) opens the form again with its text.
          key={editing ? `${editing.id}-${editing.version}` : 'new'}
          editing={editing}
          onStale={() => reload('Another admin changed this template while you were editing. The form now shows their version: make your change again.')}
          onCancel={() => setEditingId(null)}
          onDone={(template) => {
            saved(template, editing ? `${template.name} saved.` : `${template.name} added.`);
            setEditingId(null);
          }}
        />
      </div>
    </Card>
  );
}
