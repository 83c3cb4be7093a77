'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Button, Field, Input } from '@/components/ui';
import { ApiError, isSessionOver, type PortalEpisodeQuestion, type PortalFollowUp, type PortalSettleQuestion } from '@/lib/api/browser';
import { formatDate } from '@/lib/format';
import { localIsoDate } from './local-date';
import { answerFollowUp, answerSettled, markEpisodeResolved } from './check-in-api';

/** Questions the patient put aside ("Skip", "Not yet") stay hidden until the browser tab is closed. */
const SKIPPED_KEY = 'upright.portal.skipped';

function skippedKeys(): string[] {
  try {
    return JSON.parse(window.sessionStorage.getItem(SKIPPED_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
}

function rememberSkipped(key: string): void {
  try {
    window.sessionStorage.setItem(SKIPPED_KEY, JSON.stringify([...new Set([...skippedKeys(), key])]));
  } catch {
    // Storage refused (private mode): the question is hidden until the page is reloaded.
  }
}

const noSubscription = () => () => undefined;

/** Whether the question was put aside earlier in this browser session (never on the server: it has no storage). */
function useSkippedBefore(key: string): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => skippedKeys().includes(key),
    () => false,
  );
}

interface Outcome {
  text: string;
  tone: 'success' | 'neutral';
}

/**
 * One question in a card. While unanswered: the question, its buttons and any error. Once answered (or put aside):
 * the reply, announced through the card's status region, which gets the focus (the buttons that had it are gone).
 */
function QuestionCard({
  id,
  title,
  intro,
  outcome,
  error,
  children,
  testId,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  outcome: Outcome | null;
  error: string | null;
  children: ReactNode;
  testId: string;
}) {
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  // The buttons that had the focus are gone with the answer: the reply takes it.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  return (
    <section aria-labelledby={`${id}-heading`} data-testid={testId} className="rounded-2xl border border-brand-500 bg-white p-5 shadow-sm print:hidden">
      <h2 id={`${id}-heading`} className="text-lg font-semibold tracking-tight">
        {title}
      </h2>
      {!outcome && (
        <>
          {intro && <p className="mt-1 text-slate-700">{intro}</p>}
          <div className="mt-4">{children}</div>
          {error && (
            <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-red-800">
              {error}
            </p>
          )}
        </>
      )}
      <div role="status" aria-live="polite">
        {outcome && (
          <p
            id={`${id}-outcome`}
            ref={outcomeRef}
            tabIndex={-1}
            className={`mt-2 rounded-xl border p-4 ${outcome.tone === 'success' ? 'border-emerald-300 bg-emerald-50 text-emerald-900' : 'border-slate-200 bg-slate-50 text-slate-800'}`}
          >
            {outcome.text}
          </p>
        )}
      </div>
    </section>
  );
}

const BIG = 'min-h-12 px-5 text-base!';

/** Puts a question aside until the patient next opens their plan (this tab), and says so in `reply`. */
function AskLaterButton({
  skipKey,
  disabled,
  onSkipped,
  reply,
  children,
}: {
  skipKey: string;
  disabled: boolean;
  onSkipped: (outcome: Outcome) => void;
  reply: string;
  children: ReactNode;
}) {
  return (
    <Button
      variant="secondary"
      className={BIG}
      disabled={disabled}
      onClick={() => {
        rememberSkipped(skipKey);
        onSkipped({ tone: 'neutral', text: reply });
      }}
    >
      {children}
    </Button>
  );
}

/**
 * Why the day in a date field cannot be sent, in plain words (the API says the same in its own terms); null when
 * it can. `earliest` is the first day allowed, `tooEarly` what to say before it.
 */
function dayProblem(day: string, earliest: string, tooEarly: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'Choose a day.';
  if (day < earliest) return tooEarly;
  if (day > today) return 'Choose today or a day before it.';
  return null;
}

/** The day after `isoDate` (YYYY-MM-DD). */
function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** What an answer's failure says, or null when the session is over (the caller then goes to /p/expired). */
function failureText(e: unknown, fallback: string): string | null {
  if (isSessionOver(e)) return null;
  if (e instanceof ApiError) {
    const first = e.problem.errors?.[0];
    return first ? `Your answer could not be saved: ${first.message}.` : e.problem.detail || fallback;
  }
  return fallback;
}

/**
 * Sends one answer: shows the reply (and moves the focus to it) when it is saved, the problem when it is not, and
 * refreshes the page's server parts (the spasm-free days, an ease-off notice) without losing the reply.
 */
function useAnswer() {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function send(which: string, request: () => Promise<unknown>, reply: Outcome, onConflict?: (e: ApiError) => Outcome | null) {
    setPending(which);
    setError(null);
    setFieldErrors({});
    try {
      await request();
      setOutcome(reply);
      router.refresh();
    } catch (e) {
      const conflict = e instanceof ApiError && e.problem.status === 409 && onConflict ? onConflict(e) : null;
      if (conflict) {
        setOutcome(conflict);
        router.refresh();
        return;
      }
      const text = failureText(e, 'Your answer could not be saved. Please try again.');
      if (text === null) {
        router.replace('/p/expired');
        return;
      }
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(text);
    } finally {
      setPending(null);
    }
  }

  /** A field's problem found before sending: shown beside the field, as the API's would be. */
  const refuse = (field: string, message: string) => {
    setError(null);
    setFieldErrors({ [field]: message });
  };

  return { pending, outcome, error, fieldErrors, send, refuse, show: setOutcome };
}

/** "Had the pain settled by the next morning after your session on …?" Yes / No (saved at once) / Skip (hidden for the session). */
function SettleQuestionCard({ question }: { question: PortalSettleQuestion }) {
  const key = `settle:${question.logId}`;
  const skippedBefore = useSkippedBefore(key);
  const { pending, outcome, error, send, show } = useAnswer();
  if (skippedBefore && !outcome) return null;

  const answer = (settled: boolean) =>
    send(settled ? 'yes' : 'no', () => answerSettled(question.logId, settled), {
      tone: settled ? 'success' : 'neutral',
      text: settled
        ? 'Thank you. Good to hear the pain had settled by the morning.'
        : 'Thank you for telling us. If the pain still lasts into the next morning, do the easier versions for now. Your physiotherapist will see your answer.',
    });

  return (
    <QuestionCard
      id="settle"
      testId="settle-question"
      title={`Had the pain settled by the next morning after your session on ${formatDate(question.date)}?`}
      outcome={outcome}
      error={error}
    >
      <div className="flex flex-wrap gap-3">
        <Button className={BIG} pending={pending === 'yes'} disabled={!!pending} onClick={() => answer(true)}>
          Yes
        </Button>
        <Button className={BIG} pending={pending === 'no'} disabled={!!pending} onClick={() => answer(false)}>
          No
        </Button>
        <AskLaterButton
          skipKey={key}
          disabled={!!pending}
          onSkipped={show}
          reply="Skipped. We will not ask about this session again until you next open your plan."
        >
          Skip
        </AskLaterButton>
      </div>
    </QuestionCard>
  );
}

/** "Has your spasm settled?" Yes with the day it settled (today unless changed) / Not yet (hidden for the session). */
function EpisodeQuestionCard({ question }: { question: PortalEpisodeQuestion }) {
  const key = `episode:${question.episodeId}`;
  const skippedBefore = useSkippedBefore(key);
  const [today] = useState(() => localIsoDate());
  const [resolvedOn, setResolvedOn] = useState(today);
  const { pending, outcome, error, fieldErrors, send, refuse, show } = useAnswer();
  const dateRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (fieldErrors.resolvedOn) dateRef.current?.focus();
  }, [fieldErrors]);
  if (skippedBefore && !outcome) return null;

  return (
    <QuestionCard
      id="episode"
      testId="episode-question"
      title="Has your spasm settled?"
      intro={`Your back spasm began on ${formatDate(question.onsetDate)}.`}
      outcome={outcome}
      error={error && !fieldErrors.resolvedOn ? error : null}
    >
      <div className="max-w-xs">
        <Field id="episode-resolved-on" label="When did it settle?" error={fieldErrors.resolvedOn}>
          <Input
            ref={dateRef}
            id="episode-resolved-on"
            type="date"
            required
            min={question.onsetDate}
            max={today}
            value={resolvedOn}
            onChange={(e) => setResolvedOn(e.target.value)}
            invalid={!!fieldErrors.resolvedOn}
            className="min-h-12"
          />
        </Field>
      </div>
      <div className="mt-4 flex flex-wrap gap-3">
        <Button
          className={BIG}
          pending={pending === 'yes'}
          disabled={!!pending || !resolvedOn}
          onClick={() => {
            const problem = dayProblem(resolvedOn, question.onsetDate, `Choose the day your spasm began (${formatDate(question.onsetDate)}) or later.`, today);
            if (problem) return refuse('resolvedOn', problem);
            void send('yes', () => markEpisodeResolved(question.episodeId, resolvedOn), {
              tone: 'success',
              text: `Thank you. We have noted that your spasm settled on ${formatDate(resolvedOn)}. Keep going with your exercises: they help keep it away.`,
            });
          }}
        >
          Yes, it has settled
        </Button>
        <AskLaterButton
          skipKey={key}
          disabled={!!pending}
          onSkipped={show}
          reply="Thank you. Keep moving gently, and contact the practice if it gets worse. We will ask again next time."
        >
          Not yet
        </AskLaterButton>
      </div>
    </QuestionCard>
  );
}

/** "Any back spasm since your discharge?" No (saved at once) / Yes, then the day it started. */
function FollowUpQuestionCard({ question, completedOn }: { question: PortalFollowUp; completedOn: string | null }) {
  const [today] = useState(() => localIsoDate());
  const [saying, setSaying] = useState<'yes' | null>(null);
  const [spasmOn, setSpasmOn] = useState(today);
  const dateRef = useRef<HTMLInputElement>(null);
  const { pending, outcome, error, fieldErrors, send, refuse } = useAnswer();
  useEffect(() => {
    if (fieldErrors.spasmOn) dateRef.current?.focus();
  }, [fieldErrors]);
  const alreadyAnswered = (e: ApiError): Outcome | null =>
    e.problem.code === 'already_answered' ? { tone: 'neutral', text: 'This question has already been answered. Thank you.' } : null;

  return (
    <QuestionCard
      id="follow-up"
      testId="follow-up-question"
      title="Any back spasm since your discharge?"
      intro={`A quick check-in, ${question.months} months after your plan finished${completedOn ? ` on ${formatDate(completedOn)}` : ''}.`}
      outcome={outcome}
      error={error && !fieldErrors.spasmOn ? error : null}
    >
      <div className="flex flex-wrap gap-3">
        <Button
          className={BIG}
          pending={pending === 'no'}
          disabled={!!pending}
          onClick={() =>
            send(
              'no',
              () => answerFollowUp(question.id, { spasmSince: false }),
              { tone: 'success', text: 'Thank you. Good to hear it. Keep your exercises going: they are what keeps the spasms away.' },
              alreadyAnswered,
            )
          }
        >
          No
        </Button>
        <Button
          variant={saying === 'yes' ? 'primary' : 'secondary'}
          className={BIG}
          aria-expanded={saying === 'yes'}
          aria-controls="follow-up-yes"
          disabled={!!pending}
          onClick={() => {
            setSaying('yes');
            requestAnimationFrame(() => dateRef.current?.focus());
          }}
        >
          Yes
        </Button>
      </div>
      <div id="follow-up-yes" hidden={saying !== 'yes'} className="mt-4">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const problem = completedOn
              ? dayProblem(spasmOn, dayAfter(completedOn), `Choose a day after your plan finished (${formatDate(completedOn)}).`, today)
              : dayProblem(spasmOn, '0000-01-01', '', today);
            if (problem) return refuse('spasmOn', problem);
            void send(
              'yes',
              () => answerFollowUp(question.id, { spasmSince: true, spasmOn }),
              {
                tone: 'neutral',
                text: `Thank you for telling us. Your physiotherapist will see that a spasm started on ${formatDate(spasmOn)} and may contact you. Keep moving gently.`,
              },
              alreadyAnswered,
            );
          }}
        >
          <div className="max-w-xs">
            <Field id="follow-up-spasm-on" label="When did it start?" error={fieldErrors.spasmOn}>
              <Input
                ref={dateRef}
                id="follow-up-spasm-on"
                type="date"
                required
                min={completedOn ? dayAfter(completedOn) : undefined}
                max={today}
                value={spasmOn}
                onChange={(e) => setSpasmOn(e.target.value)}
                invalid={!!fieldErrors.spasmOn}
                className="min-h-12"
              />
            </Field>
          </div>
          <Button type="submit" className={`${BIG} mt-4`} pending={pending === 'yes'} disabled={!!pending || !spasmOn}>
            {pending === 'yes' ? 'Sending…' : 'Send'}
          </Button>
        </form>
      </div>
    </QuestionCard>
  );
}

/**
 * The questions the practice asks the patient, one card each, answered with one tap. The questions shown are those
 * of the page's first load: refreshing the page's server parts after an answer keeps the reply on screen, and a new
 * question (another session's morning) waits for the next visit.
 */
export function CheckIns(props: {
  settleQuestion: PortalSettleQuestion | null;
  episodeQuestion: PortalEpisodeQuestion | null;
  followUp: PortalFollowUp | null;
  completedOn: string | null;
}) {
  const [{ settleQuestion, episodeQuestion, followUp, completedOn }] = useState(props);
  if (!settleQuestion && !episodeQuestion && !followUp) return null;
  return (
    <div className="space-y-4">
      {followUp && <FollowUpQuestionCard question={followUp} completedOn={completedOn} />}
      {episodeQuestion && <EpisodeQuestionCard question={episodeQuestion} />}
      {settleQuestion && <SettleQuestionCard question={settleQuestion} />}
    </div>
  );
}
