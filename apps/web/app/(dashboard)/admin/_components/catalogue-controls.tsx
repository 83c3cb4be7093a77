'use client';

import { Button, ErrorMessage } from '@/components/ui';

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
