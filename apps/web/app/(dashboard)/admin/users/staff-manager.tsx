'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { NewUser, Role, User, UserPage } from '@/lib/api/client';
import { Badge, Button, EmptyState, ErrorMessage, Field, Input, Select } from '@/components/ui';
import { TableFrame } from '@/components/table-frame';
import { api, ok, ifMatch } from '@/lib/api/browser';
import { formatDate } from '@/lib/format';
import { describeError } from '@/lib/problems';
import { ROLE_HINTS, ROLE_LABELS, ROLE_OPTIONS } from '@/lib/roles';
import { textField } from '@/lib/form-data';

const STALE_ACCOUNT = 'Someone else changed this account while you were looking at it. The list now shows the latest details: check them and try again.';

const PAGE = 100;

/**
 * The practice's staff accounts: invite, change a role, deactivate or reactivate. Every change is a PATCH at the
 * version shown (If-Match), so two admins cannot overwrite each other unknowingly.
 */
export function StaffManager({ meId, initialPage }: { meId: string; initialPage: UserPage }) {
  const [users, setUsers] = useState(initialPage.items);
  const [nextCursor, setNextCursor] = useState(initialPage.nextCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<User | null>(null);

  const replace = (user: User) => setUsers((list) => list.map((u) => (u.id === user.id ? user : u)));

  /** After a stale-version answer: the first page again, so the admin sees what changed. */
  async function reload() {
    try {
      const page = await ok(api.GET('/api/users', { params: { query: { limit: PAGE } } }));
      setUsers(page.items);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setListError(describeError(e, 'The staff list could not be refreshed.').message);
    }
  }

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setListError(null);
    try {
      const page = await ok(api.GET('/api/users', { params: { query: { limit: PAGE, cursor: nextCursor } } }));
      setUsers((list) => [...list, ...page.items.filter((u) => !list.some((x) => x.id === u.id))]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setListError(describeError(e, 'More staff could not be loaded.').message);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-3">
      <section aria-labelledby="staff-heading" className="min-w-0 lg:col-span-2">
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 id="staff-heading" className="text-lg font-semibold tracking-tight">
            Staff accounts
          </h2>
          <span className="text-sm text-slate-500">
            {users.filter((u) => u.active).length} active · {users.length} in all{nextCursor ? ' so far' : ''}
          </span>
        </div>

        <div role="status" aria-live="polite" className="empty:hidden">
          {notice && <p className="mb-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{notice}</p>}
        </div>
        {listError && <ErrorMessage>{listError}</ErrorMessage>}

        {users.length === 0 ? (
          <EmptyState title="No staff accounts yet">Invite your colleagues with the form beside this list.</EmptyState>
        ) : (
          <TableFrame label="Staff account list" className="rounded-2xl border border-slate-200 bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Staff accounts of your practice, newest first</caption>
              <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Role and access
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="staff-rows">
                {users.map((user) => (
                  <StaffRow
                    key={user.id}
                    user={user}
                    isMe={user.id === meId}
                    onChanged={(updated, message) => {
                      replace(updated);
                      setNotice(message);
                    }}
                    onStale={reload}
                    onToggleActive={() => {
                      setNotice(null);
                      setConfirming(user);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </TableFrame>
        )}

        {nextCursor && (
          <div className="mt-4 text-center">
            <Button variant="secondary" onClick={loadMore} pending={loadingMore}>
              {loadingMore ? 'Loading…' : 'Load more'}
            </Button>
          </div>
        )}
      </section>

      <InviteForm
        onInvited={(user) => {
          setUsers((list) => [user, ...list]);
          setNotice(`${user.name} can now sign in as ${ROLE_LABELS[user.role].toLowerCase()} with ${user.email} and the initial password you chose.`);
        }}
      />

      <ActiveDialog
        user={confirming}
        isMe={confirming?.id === meId}
        onClose={() => setConfirming(null)}
        onDone={(updated) => {
          replace(updated);
          setConfirming(null);
          setNotice(updated.active ? `${updated.name} can sign in again.` : `${updated.name} was deactivated and signed out on every device.`);
        }}
        onStale={reload}
      />
    </div>
  );
}

function StaffRow({
  user,
  isMe,
  onChanged,
  onStale,
  onToggleActive,
}: {
  user: User;
  isMe: boolean;
  onChanged: (user: User, message: string) => void;
  onStale: () => Promise<void>;
  onToggleActive: () => void;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = `role-${user.id}`;
  const errorId = `role-error-${user.id}`;
  const changed = role !== user.role;

  async function saveRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!changed) return;
    setPending(true);
    setError(null);
    try {
      const updated = await ok(api.PATCH('/api/users/{id}', { params: { path: { id: user.id }, header: ifMatch(user.version) }, body: { role } }));
      onChanged(updated, `${updated.name} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`);
    } catch (e) {
      const problem = describeError(e, 'The role could not be changed.');
      setError(problem.status === 412 ? STALE_ACCOUNT : (problem.fields.role ?? problem.message));
      if (problem.status === 412) await onStale();
    } finally {
      setPending(false);
    }
  }

  return (
    <tr className={user.active ? '' : 'bg-slate-50/60'} data-testid="staff-row">
      <td className="px-4 py-3 align-top">
        <div className="font-medium text-slate-900">
          {user.name}
          {isMe && <span className="ml-1 font-normal text-slate-500">(you)</span>}{' '}
          {user.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>}
        </div>
        <div className="break-all text-slate-600">{user.email}</div>
        <div className="mt-0.5 text-xs text-slate-500">Added {formatDate(user.createdAt)}</div>
      </td>
      {/* The role, and the account's switch beside it (below it where the row is narrow, as on a phone). */}
      <td className="px-4 py-3 align-top">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <form onSubmit={saveRole} className="flex flex-wrap items-center gap-2">
            <label htmlFor={selectId} className="sr-only">
              Role of {user.name}
            </label>
            <Select
              id={selectId}
              value={role}
              onChange={(e) => {
                setRole(e.target.value as Role);
                setError(null);
              }}
              invalid={!!error}
              aria-describedby={error ? errorId : undefined}
              className="mt-0! w-auto! min-w-36 text-sm"
            >
              {ROLE_OPTIONS.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
            {changed && (
              <>
                <Button type="submit" pending={pending}>
                  Save role
                </Button>
                <Button
                  variant="ghost"

                  onClick={() => {
                    setRole(user.role);
                    setError(null);
                  }}
                >
                  Undo
                </Button>
              </>
            )}
          </form>
          <Button
            variant={user.active ? 'ghost' : 'secondary'}
            onClick={onToggleActive}
            aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.name}`}
          >
            {user.active ? 'Deactivate' : 'Reactivate'}
          </Button>
        </div>
        {error && (
          <p id={errorId} role="alert" className="mt-1 max-w-xs text-sm text-red-700">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

/** Confirms deactivation (which signs the person out at once) or reactivation. */
function ActiveDialog({
  user,
  isMe,
  onClose,
  onDone,
  onStale,
}: {
  user: User | null;
  isMe: boolean;
  onClose: () => void;
  onDone: (user: User) => void;
  onStale: () => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The native modal dialog (focus kept inside, Escape closes) opens whenever a user is chosen.
  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (user && !node.open) {
      setError(null);
      node.showModal();
    }
    if (!user && node.open) node.close();
  }, [user]);

  const deactivate = user?.active ?? true;

  async function confirm() {
    if (!user) return;
    setPending(true);
    setError(null);
    try {
      const updated = await ok(
        api.PATCH('/api/users/{id}', { params: { path: { id: user.id }, header: ifMatch(user.version) }, body: { active: !user.active } }),
      );
      dialog.current?.close();
      onDone(updated);
    } catch (e) {
      const problem = describeError(e, deactivate ? 'The account could not be deactivated.' : 'The account could not be reactivated.');
      setError(problem.status === 412 ? STALE_ACCOUNT : problem.message);
      if (problem.status === 412) await onStale();
    } finally {
      setPending(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="active-title"
      aria-describedby="active-text"
      className="m-auto w-[min(30rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
    >
      {user && (
        <div className="space-y-3 p-6">
          <h2 id="active-title" className="text-lg font-semibold">
            {deactivate ? 'Deactivate' : 'Reactivate'} {user.name}?
          </h2>
          <div id="active-text" className="space-y-2 text-sm text-slate-700">
            {deactivate ? (
              <>
                <p>
                  {isMe ? 'You' : 'They'} will be <strong>signed out at once</strong> on every device and can no longer sign in.
                </p>
                <p>Nothing is deleted: patients, records and the audit log keep their name. You can reactivate the account later.</p>
              </>
            ) : (
              <p>They can sign in again with their current password, with the role {ROLE_LABELS[user.role].toLowerCase()}.</p>
            )}
          </div>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button variant={deactivate ? 'danger' : 'primary'} onClick={confirm} pending={pending}>
              {deactivate ? 'Deactivate account' : 'Reactivate account'}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}

function InviteForm({ onInvited }: { onInvited: (user: User) => void }) {
  const [role, setRole] = useState<Role>('clinician');
  const [showPassword, setShowPassword] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body: NewUser = {
      name: textField(data, 'name').trim(),
      email: textField(data, 'email').trim(),
      role,
      password: textField(data, 'password'),
    };
    setPending(true);
    setError(null);
    setFields({});
    try {
      const user = await ok(api.POST('/api/users', { body }));
      form.reset();
      setRole('clinician');
      setShowPassword(false);
      onInvited(user);
    } catch (e) {
      const problem = describeError(e, 'The account could not be created.');
      setFields(problem.fields);
      setError(Object.keys(problem.fields).length ? 'Check the fields marked below.' : problem.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="invite-heading" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="invite-heading" className="text-lg font-semibold tracking-tight">
        Invite a staff member
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Their account works at once. Give them their email and initial password yourself; they can change the password after signing in.
      </p>
      <form onSubmit={submit} noValidate className="mt-4 space-y-4">
        <Field id="invite-name" label="Name" error={fields.name}>
          <Input id="invite-name" name="name" autoComplete="off" required maxLength={100} invalid={!!fields.name} />
        </Field>
        <Field id="invite-email" label="Email" error={fields.email}>
          <Input id="invite-email" name="email" type="email" autoComplete="off" required invalid={!!fields.email} />
        </Field>
        <Field id="invite-role" label="Role" hint={ROLE_HINTS[role]} error={fields.role}>
          <Select
            id="invite-role"
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            invalid={!!fields.role}
            aria-describedby={fields.role ? 'invite-role-error' : 'invite-role-hint'}
          >
            {ROLE_OPTIONS.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="invite-password"
          label="Initial password"
          hint="8-128 characters. Use a long passphrase, a few random words; common passwords and ones containing their name or email are refused."
          error={fields.password}
        >
          <div className="flex items-stretch gap-2">
            <Input
              id="invite-password"
              name="password"
              type={showPassword ? 'text' : 'password'}
              autoComplete="new-password"
              required
              minLength={8}
              maxLength={128}
              invalid={!!fields.password}
            />
            <Button variant="secondary" className="mt-1" onClick={() => setShowPassword((s) => !s)} aria-pressed={showPassword} aria-controls="invite-password">
              {showPassword ? 'Hide' : 'Show'}
            </Button>
          </div>
        </Field>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <Button type="submit" pending={pending} className="w-full">
          {pending ? 'Inviting…' : 'Invite'}
        </Button>
      </form>
    </section>
  );
}
