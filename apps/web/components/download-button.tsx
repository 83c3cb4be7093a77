'use client';
import { useState } from 'react';
import { Button, type ButtonVariant } from '@/components/ui';
import { ApiError } from '@/lib/api/client';
import { downloadFile, formatBytes } from '@/lib/download';
import { describeError } from '@/lib/problems';

type State =
  { kind: 'idle' } | { kind: 'downloading'; received: number } | { kind: 'saved'; filename: string; bytes: number } | { kind: 'failed'; message: string };

/**
 * A button that downloads an export: while it runs, the bytes received so far (the exports are streamed, so there is
 * no total to show a percentage of); then the file is saved and its name and size are said. Everything said is in a
 * polite live region, so a screen reader hears the progress and the result too. A session that has ended sends the
 * visitor to sign in again (staff) or to the expired-link page (`portal`).
 */
export function DownloadButton({
  path,
  label,
  fallbackName,
  variant = 'secondary',
  portal = false,
  inline = false,
  className = '',
}: {
  path: string;
  label: string;
  fallbackName: string;
  variant?: ButtonVariant;
  portal?: boolean;
  /** The progress beside the button (in a row of buttons) rather than under it. */
  inline?: boolean;
  className?: string;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function download() {
    setState({ kind: 'downloading', received: 0 });
    try {
      const saved = await downloadFile(path, fallbackName, ({ received }) => setState({ kind: 'downloading', received }));
      setState({ kind: 'saved', ...saved });
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 401) {
        // A full page load on purpose: the session is over.
        const next = portal ? '/p/expired' : `/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
        window.location.assign(next);
        return;
      }
      setState({ kind: 'failed', message: describeError(error, 'The download failed. Please try again.').message });
    }
  }

  const busy = state.kind === 'downloading';
  return (
    <div className={`flex ${inline ? 'flex-wrap items-center gap-2' : 'flex-col items-start gap-1'} ${className}`}>
      <Button variant={variant} pending={busy} onClick={download} className="whitespace-nowrap">
        {label}
      </Button>
      <p aria-live="polite" className={`${inline ? '' : 'min-h-5'} text-sm ${state.kind === 'failed' ? 'text-red-700' : 'text-slate-600'}`}>
        {state.kind === 'downloading' && `Downloading… ${formatBytes(state.received)} received`}
        {state.kind === 'saved' && `Saved ${state.filename} (${formatBytes(state.bytes)})`}
        {state.kind === 'failed' && state.message}
      </p>
    </div>
  );
}
