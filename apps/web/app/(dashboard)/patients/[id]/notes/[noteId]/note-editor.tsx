'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { Button, ErrorMessage, Field, Textarea } from '@/components/ui';
import { api, ApiError, ifMatch, ok, type NoteSections, type VisitNote } from '@/lib/api/browser';
import { formatTime } from '@/lib/calendar';
import { NOTE_SECTIONS } from '@/lib/notes';
import { describeError } from '@/lib/problems';
import { NoteSectionsView } from '../_components/note-view';

/** How long after the last keystroke a draft is saved. */
const SAVE_DELAY_MS = 1000;

/** Longest section the API takes. */
const SECTION_MAX = 20_000;

const noSubscription = () => () => undefined;

/** False in the server's HTML and until React has taken the page over; typing before then is not autosaved. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

type SaveState =
  | { kind: 'saved'; at: string }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; detail: string }
  /** 412: another tab or window saved first; nothing more is saved here until a reload. */
  | { kind: 'conflict' }
  /** 409: signed or marked entered in error elsewhere. */
  | { kind: 'locked'; detail: string }
  | { kind: 'signed' };

const changedSections = (typed: NoteSections, stored: NoteSections): Partial<NoteSections> | null => {
  const changes = Object.fromEntries(NOTE_SECTIONS.filter(({ key }) => typed[key] !== stored[key]).map(({ key }) => [key, typed[key]]));
  return Object.keys(changes).length ? changes : null;
};

/**
 * The draft's four sections, saved as the clinician types: about a second after typing stops and when a field loses
 * the focus, one save at a time, each with If-Match of the version the previous one answered, so a second tab never
 * overwrites this one silently (412 says so instead). "Sign note" saves what is left, then signs after a confirmation.
 * Leaving with changes not yet saved asks first (a link inside the dashboard saves them, then goes).
 */
export function NoteEditor({ note, timeZone }: { note: VisitNote; timeZone: string }) {
  const router = useRouter();
  const id = useId();
  const [sections, setSections] = useState(note.sections);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: note.updatedAt });
  // The save loop reads refs, not state: it runs across renders.
  const typed = useRef(note.sections);
  const stored = useRef(note.sections);
  const version = useRef(note.version);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopped = useRef(false);
  const leaving = useRef(false);
  const signDialog = useRef<HTMLDialogElement>(null);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const hydrated = useHydrated();

  const unsaved = () => changedSections(typed.current, stored.current) !== null;

  /** One PATCH of the sections that changed; false when it failed (the state says why). */
  async function saveOnce(changes: Partial<NoteSections>): Promise<boolean> {
    setState({ kind: 'saving' });
    try {
      const updated = await ok(
        api.PATCH('/api/notes/{noteId}', { params: { path: { noteId: note.id }, header: ifMatch(version.current) }, body: { sections: changes } }),
      );
      version.current = updated.version;
      stored.current = { ...stored.current, ...changes };
      setState(unsaved() ? { kind: 'dirty' } : { kind: 'saved', at: updated.updatedAt });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 412) {
        stopped.current = true;
        setState({ kind: 'conflict' });
      } else if (e instanceof ApiError && (e.problem.code === 'note_signed' || e.problem.code === 'note_entered_in_error')) {
        stopped.current = true;
        setState({ kind: 'locked', detail: e.problem.detail });
      } else {
        setState({ kind: 'failed', detail: describeError(e, 'The note could not be saved.').message });
      }
      return false;
    }
  }

  /**
   * Saves until what is typed is stored, never two saves at once: a call while one is in flight waits for it, then
   * sends what changed meanwhile. True when everything typed is saved.
   */
  async function flush(): Promise<boolean> {
    clearTimeout(timer.current);
    for (;;) {
      if (stopped.current) return false;
      if (inFlight.current) {
        await inFlight.current;
        continue;
      }
      const changes = changedSections(typed.current, stored.current);
      if (!changes) return true;
      const attempt = saveOnce(changes);
      inFlight.current = attempt;
      const saved = await attempt;
      inFlight.current = null;
      if (!saved) return false;
    }
  }

  function edit(key: keyof NoteSections, value: string) {
    typed.current = { ...typed.current, [key]: value };
    setSections(typed.current);
    if (stopped.current) return;
    setState((s) => (s.kind === 'saving' ? s : { kind: 'dirty' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  // Before leaving: the browser asks on a reload, a closed tab or another site; a link inside the dashboard saves
  // first and goes once saved (or asks, when the save failed); going away by Back saves on the way out.
  useEffect(() => {
    const pending = () => !leaving.current && !stopped.current && (unsaved() || inFlight.current !== null);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!pending()) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    const click = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[href]') : null;
      if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || !pending()) return;
      event.preventDefault();
      event.stopPropagation();
      void flush().then((saved) => {
        if (saved || window.confirm('Your latest changes to this note are not saved. Leave anyway?')) {
          leaving.current = true;
          router.push(url.pathname + url.search + url.hash);
        }
      });
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
      // Unmounted (Back, or the page re-rendered as signed): what is still unsaved goes out now.
      if (!stopped.current && unsaved()) void flush();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- installed once; the handlers read refs
  }, []);

  async function sign() {
    setSigning(true);
    setSignError(null);
    const saved = await flush();
    if (!saved) {
      setSigning(false);
      signDialog.current?.close();
      return;
    }
    try {
      await ok(api.POST('/api/notes/{noteId}/sign', { params: { path: { noteId: note.id }, header: ifMatch(version.current) } }));
      stopped.current = true;
      leaving.current = true;
      setState({ kind: 'signed' });
      signDialog.current?.close();
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 412) {
        stopped.current = true;
        setState({ kind: 'conflict' });
        signDialog.current?.close();
      } else if (e instanceof ApiError && e.problem.code === 'note_empty') {
        setSignError('The note is empty. Write at least one section before signing.');
      } else {
        setSignError(describeError(e, 'The note could not be signed.').message);
      }
    } finally {
      setSigning(false);
    }
  }

  function reload() {
    leaving.current = true;
    window.location.reload();
  }

  const readOnly = state.kind === 'conflict' || state.kind === 'locked' || state.kind === 'signed';

  return (
    <div className="space-y-4">
      <form
        aria-label="Visit note"
        onSubmit={(e) => {
          e.preventDefault();
          void flush();
        }}
        className="space-y-5 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm print:hidden"
        data-hydrated={hydrated || undefined}
      >
        <div className="flex flex-wrap items-center justify-between gap-3">
          <SaveStatus state={state} timeZone={timeZone} onRetry={() => void flush()} />
          <Button
            variant="primary"
            disabled={readOnly || !hydrated}
            onClick={() => {
              setSignError(null);
              signDialog.current?.showModal();
            }}
          >
            Sign note
          </Button>
        </div>
        {state.kind === 'conflict' && (
          <div className="space-y-2">
            <ErrorMessage>
              This note was changed in another tab or window. Reload it to see the latest version; what you typed here since the last save is not kept, so copy
              anything you need first.
            </ErrorMessage>
            <Button variant="secondary" onClick={reload}>
              Reload the note
            </Button>
          </div>
        )}
        {state.kind === 'locked' && (
          <div className="space-y-2">
            <ErrorMessage>{state.detail || 'This note can no longer be changed.'}</ErrorMessage>
            <Button variant="secondary" onClick={reload}>
              Reload the note
            </Button>
          </div>
        )}
        {NOTE_SECTIONS.map(({ key, label }) => (
          <Field key={key} id={`${id}-${key}`} label={label}>
            <Textarea
              id={`${id}-${key}`}
              name={key}
              value={sections[key]}
              onChange={(e) => edit(key, e.target.value)}
              onBlur={() => void flush()}
              readOnly={readOnly || !hydrated}
              maxLength={SECTION_MAX}
              rows={4}
              spellCheck
              className="field-sizing-content min-h-28 font-sans text-sm leading-relaxed"
            />
          </Field>
        ))}
      </form>

      {/* On paper: what is typed, as text (a text box would cut it off). */}
      <NoteSectionsView sections={sections} className="hidden print:block" />

      <dialog
        ref={signDialog}
        aria-labelledby={`${id}-sign-title`}
        aria-describedby={`${id}-sign-text`}
        className="m-auto w-[min(30rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
      >
        <div className="space-y-3 p-6">
          <h2 id={`${id}-sign-title`} className="text-lg font-semibold">
            Sign this note?
          </h2>
          <p id={`${id}-sign-text`} className="text-sm text-slate-700">
            A signed note can’t be changed: it is kept as it is, with your name and the time of signing. Anything to correct or add later goes in an addendum
            under the note.
          </p>
          {signError && <ErrorMessage>{signError}</ErrorMessage>}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => signDialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button variant="primary" onClick={() => void sign()} pending={signing}>
              Sign note
            </Button>
          </div>
        </div>
      </dialog>
    </div>
  );
}

/** The save state, visible and announced (polite: it never interrupts typing). */
function SaveStatus({ state, timeZone, onRetry }: { state: SaveState; timeZone: string; onRetry: () => void }) {
  return (
    <div className="min-w-0 text-sm">
      <p role="status" aria-live="polite" data-testid="save-status" data-state={state.kind} className="flex flex-wrap items-center gap-1">
        {state.kind === 'saved' && <span className="text-emerald-800">Saved {formatTime(state.at, timeZone)}</span>}
        {state.kind === 'dirty' && <span className="text-slate-600">Unsaved changes</span>}
        {state.kind === 'saving' && <span className="text-slate-600">Saving…</span>}
        {state.kind === 'signed' && <span className="text-emerald-800">Signed</span>}
        {(state.kind === 'conflict' || state.kind === 'locked') && <span className="font-medium text-red-800">Not saved</span>}
        {state.kind === 'failed' && (
          <>
            <span className="font-medium text-red-800">Not saved:</span>
            <button type="button" onClick={onRetry} aria-label="Retry saving" className="font-medium text-brand-700 underline underline-offset-2">
              retry
            </button>
          </>
        )}
      </p>
      {state.kind === 'failed' && <p className="mt-0.5 text-xs text-slate-600">{state.detail}</p>}
    </div>
  );
}
