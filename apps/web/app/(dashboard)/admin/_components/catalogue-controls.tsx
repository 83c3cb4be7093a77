'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ErrorMessage } from '@/components/ui';
import { describeError } from '@/lib/problems';

/** An item of an admin catalogue: named, switched on and off, changed at its version (If-Match). */
interface CatalogueItem {
  id: string;
  name: string;
  active: boolean;
  version: number;
}

/**
 * The state of an admin catalogue page: its items (kept in `order` when given), the one open in the form, the last
 * result, and the item being switched on or off. `saved` puts an item the API answered into the list and says
 * `message`; `toggle` switches an item at the version shown, and on a 412 hands it to `onStale` when given.
 */
export function useCatalogue<T extends CatalogueItem>(initial: T[], order?: (a: T, b: T) => number) {
  const router = useRouter();
  const [items, setItems] = useState(initial);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const editing = items.find((item) => item.id === editingId) ?? null;

  function saved(item: T, message: string) {
    setItems((all) => {
      const next = all.some((i) => i.id === item.id) ? all.map((i) => (i.id === item.id ? item : i)) : [...all, item];
      return order ? next.sort(order) : next;
    });
    setStatus(message);
    setError(null);
    router.refresh();
  }

  async function toggle(
    item: T,
    { send, said, fallback, onStale }: { send: () => Promise<T>; said: (updated: T) => string; fallback: string; onStale?: () => Promise<void> },
  ) {
    setBusyId(item.id);
    setStatus(null);
    setError(null);
    try {
      const updated = await send();
      saved(updated, said(updated));
    } catch (e) {
      const problem = describeError(e, fallback);
      if (problem.status === 412 && onStale) await onStale();
      else setError(problem.message);
    } finally {
      setBusyId(null);
    }
  }

  return { items, setItems, editing, editingId, setEditingId, status, setStatus, error, setError, busyId, saved, toggle };
}

/**
 * What the admin catalogues (appointment types, note templates) share: each row's Edit/Cancel and
 * Deactivate/Reactivate buttons, and the status line and error under the table. Items are never deleted, only
 * deactivated, so every catalogue offers the same two actions.
 */
export function CatalogueRowActions({
  name,
  editing,
  onEdit,
  active,
  toggling,
  onToggle,
}: {
  name: string;
  /** This row is the one in the form below. */
  editing: boolean;
  /** Opens this row in the form, or closes the form when it is open on this row. */
  onEdit: () => void;
  active: boolean;
  toggling: boolean;
  onToggle: () => void;
}) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button type="button" variant="secondary" onClick={onEdit} aria-label={`${editing ? 'Cancel editing' : 'Edit'} ${name}`}>
        {editing ? 'Cancel' : 'Edit'}
      </Button>
      <Button type="button" variant="secondary" pending={toggling} onClick={onToggle} aria-label={`${active ? 'Deactivate' : 'Reactivate'} ${name}`}>
        {active ? 'Deactivate' : 'Reactivate'}
      </Button>
    </div>
  );
}

/** The catalogue's last result: a polite status line (announced) and, when something failed, the error. */
export function CatalogueStatus({ status, error }: { status: string | null; error: string | null }) {
  return (
    <>
      <div role="status" className="mt-3 text-sm text-emerald-900 empty:hidden">
        {status}
      </div>
      {error && (
        <div className="mt-3">
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      )}
    </>
  );
}
