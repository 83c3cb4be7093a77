'use client';
import QRCode from 'qrcode';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CreatedShareLink, ShareLinkInfo, ShareLinkState } from '@/lib/api/client';
import { Badge, Button, ErrorMessage, Field, Input } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

const STATE: Record<ShareLinkState, { label: string; tone: 'success' | 'neutral' | 'danger' | 'warning' }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'neutral' },
  locked: { label: 'Locked', tone: 'danger' },
};

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** In the viewer's time zone; the server's first render may use another, so its text is allowed to differ. */
function When({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {(withTime ? DATE_TIME : DATE).format(new Date(iso))}
    </time>
  );
}

/**
 * Sharing a plan with the patient: a link they open without an account (they confirm their birth year), shown
 * once with a Copy button and a QR code to scan in the clinic; the list of links made so far with their state;
 * and "Revoke all links".
 */
export function SharePanel({ planId, active, initialLinks }: { planId: string; active: boolean; initialLinks: ShareLinkInfo[] }) {
  const [links, setLinks] = useState(initialLinks);
  const [days, setDays] = useState('90');
  const [daysError, setDaysError] = useState<string | undefined>();
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const linkInput = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!created) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the QR code goes with the link it shows
      setQr(null);
      return;
    }
    let current = true;
    QRCode.toString(created.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => current && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => current && setQr(null));
    return () => {
      current = false;
    };
  }, [created]);

  async function refresh() {
    try {
      setLinks((await ok(api.GET('/api/plans/{planId}/share', { params: { path: { planId } } }))).items);
    } catch {
      // The list is informative; the action itself already succeeded or reported its error.
    }
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setCopied(null);
    const n = Number(days);
    if (!/^\d+$/.test(days.trim()) || n < 1 || n > 365) {
      setDaysError('Enter a whole number of days from 1 to 365');
      return;
    }
    setDaysError(undefined);
    setPending(true);
    try {
      const link = await ok(api.POST('/api/plans/{planId}/share', { params: { path: { planId } }, body: { expiresInDays: n } }));
      setCreated(link);
      await refresh();
      requestAnimationFrame(() => linkInput.current?.focus());
    } catch (e) {
      const { message, fields } = describeError(e, 'The link could not be created. Please try again.');
      setDaysError(fields.expiresInDays);
      setError(message);
    } finally {
      setPending(false);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied('yes');
    } catch {
      linkInput.current?.select();
      setCopied('failed');
    }
  }

  async function revokeAll() {
    setRevoking(true);
    setError(null);
    try {
      await ok(api.DELETE('/api/plans/{planId}/share', { params: { path: { planId } } }));
      confirm.current?.close();
      setCreated(null);
      await refresh();
    } catch (e) {
      confirm.current?.close();
      setError(describeError(e, 'The links could not be revoked. Please try again.').message);
    } finally {
      setRevoking(false);
    }
  }

  const open = links.filter((l) => l.state === 'active' || l.state === 'locked').length;

  return (
    <div className="space-y-5" data-testid="share-panel">
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {active ? (
        <form onSubmit={create} noValidate className="flex flex-wrap items-end gap-3">
          <div className="w-40">
            <Field id="expiresInDays" label="Link valid for (days)" error={daysError}>
              <Input
                id="expiresInDays"
                type="number"
                inputMode="numeric"
                min={1}
                max={365}
                value={days}
                onChange={(e) => setDays(e.target.value)}
                invalid={!!daysError}
              />
            </Field>
          </div>
          <Button type="submit" pending={pending} className="mb-px">
            Create patient link
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">Activate the plan to share it: only an active plan can be shared with the patient.</p>
      )}

      {created && (
        <div className="rounded-xl border border-brand-100 bg-brand-50 p-4" data-testid="created-link">
          <p className="text-sm font-semibold text-brand-700">Copy this link now: it is shown only once.</p>
          <p className="mt-0.5 text-xs text-slate-600">
            It works until <When iso={created.expiresAt} />. The patient confirms their birth year to open it.
          </p>
          <div className="mt-3 flex flex-wrap items-end gap-2">
            <div className="w-full">
              <label htmlFor="share-url" className="block text-sm font-medium text-slate-700">
                Patient link
              </label>
              <input
                ref={linkInput}
                id="share-url"
                readOnly
                value={created.url}
                onFocus={(e) => e.target.select()}
                className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
              />
            </div>
            <Button variant="secondary" onClick={copy}>
              Copy link
            </Button>
          </div>
          <p role="status" className="mt-1 min-h-5 text-sm">
            {copied === 'yes' && <span className="text-brand-700">Copied to the clipboard.</span>}
            {copied === 'failed' && (
              <span className="text-amber-900">Your browser did not allow copying: the link is selected, press Ctrl+C (⌘C on a Mac).</span>
            )}
          </p>
          {qr && (
            <figure className="mt-2 inline-block rounded-lg bg-white p-2 ring-1 ring-slate-200">
              {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn in the browser: next/image has nothing to fetch or optimise */}
              <img src={qr} alt="QR code of the patient link: the patient scans it with their phone camera" width={176} height={176} className="h-44 w-44" />
              <figcaption className="mt-1 text-center text-xs text-slate-500">Scan to open on a phone</figcaption>
            </figure>
          )}
        </div>
      )}

      <div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="text-sm font-semibold text-slate-800">Links made</h3>
          {open > 0 && (
            <Button variant="ghost" className="text-red-700" onClick={() => confirm.current?.showModal()}>
              Revoke all links
            </Button>
          )}
        </div>
        {links.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No link yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="share-links">
            {links.map((l) => (
              <li key={l.id} className="py-2">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={STATE[l.state].tone}>{STATE[l.state].label}</Badge>
                  <span className="text-slate-700">
                    Made <When iso={l.createdAt} withTime />
                  </span>
                </div>
                <p className="mt-0.5 text-xs text-slate-600">
                  {l.state === 'revoked' && l.revokedAt ? (
                    <>
                      Revoked <When iso={l.revokedAt} withTime />
                    </>
                  ) : (
                    <>
                      {l.state === 'expired' ? 'Expired' : 'Expires'} <When iso={l.expiresAt} />
                    </>
                  )}
                  {' · '}
                  {l.lastOpenedAt ? (
                    <>
                      last opened <When iso={l.lastOpenedAt} withTime />
                    </>
                  ) : (
                    'not opened yet'
                  )}
                  {' · '}
                  {l.failedAttempts} failed attempt{l.failedAttempts === 1 ? '' : 's'}
                  {l.state === 'locked' && ' (locked after too many wrong birth years)'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>

      <dialog
        ref={confirm}
        aria-labelledby="revoke-title"
        className="m-auto w-[min(30rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
      >
        <div className="space-y-4 p-6">
          <h2 id="revoke-title" className="text-lg font-semibold">
            Revoke every link to this plan?
          </h2>
          <p className="text-sm text-slate-700">
            The patient’s {open === 1 ? 'link stops' : `${open} links stop`} working at once. You can create a new link afterwards.
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => confirm.current?.close()}>
              Cancel
            </Button>
            <Button variant="danger" pending={revoking} onClick={revokeAll}>
              Revoke all links
            </Button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
