'use client';
import { useState, type FormEvent } from 'react';
import { TableFrame } from '@/components/table-frame';
import { CatalogueRowActions, CatalogueStatus, useCatalogue } from '../_components/catalogue-controls';
import { Badge, Button, Card, EmptyState, ErrorMessage, Field, Input } from '@/components/ui';
import type { AppointmentType } from '@/lib/api/client';
import { api, ifMatch, ok } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

const DEFAULT_COLOR = '#177067';

/** The name, length and colour of a type, for a new one or to change an existing one. */
function TypeForm({ editing, onDone }: { editing: AppointmentType | null; onDone: (saved: AppointmentType) => void }) {
  const [name, setName] = useState(editing?.name ?? '');
  const [minutes, setMinutes] = useState(editing ? String(editing.durationMinutes) : '30');
  const [color, setColor] = useState(editing?.color ?? DEFAULT_COLOR);
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const prefix = editing ? `type-${editing.id}` : 'new-type';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const duration = Number(minutes);
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Enter a name for the type';
    if (!Number.isInteger(duration) || duration < 5 || duration > 240) problems.durationMinutes = 'Enter a whole number of minutes from 5 to 240';
    setFields(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    setPending(true);
    const body = { name: name.trim(), durationMinutes: duration, color };
    try {
      const saved = editing
        ? await ok(api.PATCH('/api/appointment-types/{id}', { params: { path: { id: editing.id }, header: ifMatch(editing.version) }, body }))
        : await ok(api.POST('/api/appointment-types', { body }));
      if (!editing) {
        setName('');
        setMinutes('30');
      }
      onDone(saved);
    } catch (e) {
      const problem = describeError(e, 'The type could not be saved.');
      setFields(problem.fields);
      if (problem.status === 412) setError('Another admin changed this type while you were editing. Reload the page to see their change.');
      else if (!Object.keys(problem.fields).length) setError(problem.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_8rem_6rem_auto] sm:items-start">
      <Field id={`${prefix}-name`} label="Name" error={fields.name}>
        <Input id={`${prefix}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} invalid={!!fields.name} />
      </Field>
      <Field id={`${prefix}-minutes`} label="Length (minutes)" error={fields.durationMinutes}>
        <Input
          id={`${prefix}-minutes`}
          type="number"
          inputMode="numeric"
          min={5}
          max={240}
          step={5}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          invalid={!!fields.durationMinutes}
        />
      </Field>
      <Field id={`${prefix}-color`} label="Colour" error={fields.color}>
        <Input
          id={`${prefix}-color`}
          type="color"
          value={color}
          onChange={(e) => setColor(e.target.value)}
          invalid={!!fields.color}
          className="h-10 w-20 p-1"
        />
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" pending={pending}>
          {pending ? 'Saving…' : editing ? 'Save type' : 'Add type'}
        </Button>
      </div>
      {error && (
        <div className="sm:col-span-4">
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      )}
    </form>
  );
}

/** The practice's appointment types: add one, change one, or stop it being booked (and allow it again). */
export function AppointmentTypes({ initial }: { initial: AppointmentType[] }) {
  const { items: types, editing, editingId, setEditingId, status, error, busyId, saved, toggle } = useCatalogue(initial);

  const switchType = (type: AppointmentType) =>
    toggle(type, {
      send: () =>
        ok(api.PATCH('/api/appointment-types/{id}', { params: { path: { id: type.id }, header: ifMatch(type.version) }, body: { active: !type.active } })),
      said: (updated) => `${updated.name} ${updated.active ? 'can be booked again' : 'can no longer be booked'}.`,
      fallback: 'The type could not be changed.',
    });

  return (
    <Card title="Appointment types">
      {types.length === 0 ? (
        <EmptyState title="No appointment types yet">Add one below: appointments are booked as one of these types.</EmptyState>
      ) : (
        <TableFrame label="Appointment types" className="rounded-xl border border-slate-200">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Length
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Colour
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {types.map((type) => (
                <tr key={type.id}>
                  <td className="px-3 py-2 font-medium">{type.name}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{type.durationMinutes} min</td>
                  <td className="px-3 py-2">
                    {type.color ? (
                      <span className="inline-flex items-center gap-2">
                        <span aria-hidden="true" className="h-4 w-4 rounded-full border border-slate-300" style={{ backgroundColor: type.color }} />
                        <span className="font-mono text-xs">{type.color}</span>
                      </span>
                    ) : (
                      <span className="text-slate-500">None</span>
                    )}
                  </td>
                  <td className="px-3 py-2">{type.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}</td>
                  <td className="px-3 py-2">
                    <CatalogueRowActions
                      name={type.name}
                      editing={editingId === type.id}
                      onEdit={() => setEditingId(editingId === type.id ? null : type.id)}
                      active={type.active}
                      toggling={busyId === type.id}
                      onToggle={() => void switchType(type)}
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
        <h3 className="mb-3 font-medium">{editing ? `Edit ${editing.name}` : 'Add a type'}</h3>
        <TypeForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onDone={(type) => {
            saved(type, editing ? `${type.name} saved.` : `${type.name} added.`);
            setEditingId(null);
          }}
        />
      </div>
    </Card>
  );
}
