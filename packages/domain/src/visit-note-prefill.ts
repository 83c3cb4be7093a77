/**
 * Issue 17, the prefill of a new visit note: what Upright already knows since the last visit, written as the four
 * SOAP sections (subjective, objective, assessment, plan) in short plain lines the clinician keeps, edits or
 * deletes. Facts only, no advice: the clinician decides. Dates are written `YYYY-MM-DD`, as everywhere in the domain.
 */
import {
  EPISODE_CATEGORIES,
  FINDING_CODES,
  INSTRUMENTS,
  PAIN_ALERT_REASONS,
  RED_FLAG_CODES,
  URGENCIES,
  type EpisodeCategory,
  type Instrument,
  type PainAlertReason,
  type RedFlagCode,
  type Urgency,
} from './codes.js';
import { adherence, type AdherencePlan } from './adherence.js';
import { daysBetween, isIsoDate } from './dates.js';
import { MEANINGFUL_CHANGE, meaningfulChange } from './outcomes.js';
import { EMERGENCY_RED_FLAGS, RED_FLAG_TEXTS, REVIEW_AGE, URGENT_RED_FLAGS } from './red-flags.js';
import { roundTo } from './rounding.js';
import {
  Problems,
  checkArray,
  checkCode,
  checkCodeList,
  checkDate,
  checkInteger,
  checkNullableBoolean,
  checkNumber,
  checkRecord,
  checkText,
  eachItem,
  field,
  isAbsent,
} from './validation.js';
import { counted } from './words.js';

/** What the API gathers for a new note. Every date is `YYYY-MM-DD`. */
export interface VisitNotePrefillFacts {
  /** The practice's today, in its time zone. */
  today: string;
  /** The note's `prefillSince`: the visit date of the previous note, else the active plan's start, else null (all counts). */
  since: string | null;
  /**
   * The episode the note treats. `category` and `urgency` as stored (the episode's classification);
   * `redFlagReasons` the codes of the classification's red-flag screen (`redFlags.reasons[].code`: red-flag codes
   * and `age_review`).
   */
  episode: {
    onsetDate: string;
    category: string;
    urgency: string;
    redFlagReasons: readonly string[];
    status: 'recorded' | 'entered_in_error';
  } | null;
  /**
   * The active plan, else the latest, at its current version. `status` is the plan's (`draft`, `active`,
   * `completed`, `entered_in_error`); `phases` as stored (`timesPerWeek` 1-14: 14 is twice a day).
   */
  plan: {
    title: string;
    status: string;
    versionNumber: number;
    startDate: string;
    changeNote: string | null;
    phases: AdherencePlan['phases'];
  } | null;
  /** Readable lines of what changed in the plan since the version current at the last note; [] when none. */
  planChanges: readonly string[];
  /**
   * The patient's diary since `since` (all when null), oldest first. Entries dated before `since` or after `today`
   * are left out of the summary (as progression ignores logs outside its window). `pain` and `difficulty` 0-10.
   */
  logs: readonly { date: string; completedExercises: readonly string[]; pain: number; difficulty: number; note: string | null }[];
  /** Unacknowledged pain alerts, whatever their date: each is listed. */
  openPainAlerts: readonly { date: string; pain: number; reasons: readonly string[] }[];
  /**
   * Outcome scores recorded since `since` (those dated before it or after `today` are left out). `changeFromFirst`
   * is `score` minus the patient's first score on that instrument (null: this is the first). `meaningful` is checked
   * for its type only: the text always asks rule 6 (`meaningfulChange`), so a note cannot disagree with the rule.
   */
  outcomes: readonly {
    instrument: Instrument;
    recordedOn: string;
    score: number;
    changeFromFirst: number | null;
    meaningful: boolean | null;
  }[];
  /** The latest recorded postural assessment with its report's findings. */
  assessment: { assessedOn: string; findings: readonly { code: string; text: string }[] } | null;
}

/** The four sections of a SOAP note. */
export interface VisitNoteSections {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

/** The numbers of the prefill, in one place. */
export const VISIT_NOTE_PREFILL_RULES = {
  /**
   * Pain is improving or worsening when the average of the latest week of diary entries differs from the average of
   * the first week by at least this many points, else steady. It is the smallest change in NPRS that matters
   * (2 points; Ostelo 2008, the source of rule 6's `MEANINGFUL_CHANGE`). Only the points count here, not rule 6's
   * alternative of 30 % of baseline: a diary average is not a baseline, and at low pain 30 % is under a point.
   * Difficulty (0-10 too) uses the same threshold, a product choice: there is no published figure for it.
   */
  trendPoints: MEANINGFUL_CHANGE.nprs.points,
  /**
   * Days in "the first week" and "the latest week" of entries. When the entries cover fewer than twice this, each
   * window is half the days covered (rounded down), so the two never overlap and a weekly visit still gets a trend.
   */
  trendWindowDays: 7,
  /** A trend needs entries on at least this many days: two days are a comparison, not a trend (a product choice). */
  trendMinDays: 3,
  /** The patient's latest diary notes quoted in the subjective section: enough for the story, short enough to read. */
  diaryNotesShown: 5,
  /**
   * Adherence counts a day as one session, so a dose of up to 14 a week (twice a day) counts as daily (7), as the
   * API's adherence figures do.
   */
  maxSessionsPerWeek: 7,
  /** Highest `timesPerWeek` a stored plan dose may have (twice a day). */
  maxTimesPerWeek: 14,
} as const;

/** Plan statuses, as the API stores them. */
const PLAN_STATUSES = ['draft', 'active', 'completed', 'entered_in_error'] as const;
type PlanStatus = (typeof PLAN_STATUSES)[number];

const EPISODE_STATUSES = ['recorded', 'entered_in_error'] as const;

/** What a classification's red-flag screen lists: every red-flag code and the age reason. */
const RED_FLAG_REASON_CODES = [...RED_FLAG_CODES, 'age_review'] as const;
type RedFlagReasonCode = (typeof RED_FLAG_REASON_CODES)[number];

/** The product's words for the codes (the dashboard's labels). */
const CATEGORY_WORDS: { readonly [C in EpisodeCategory]: string } = {
  overload: 'Overload',
  support_deficit: 'Support deficit',
  unclear: 'Unclear pattern',
  referral: 'Referral',
};
const URGENCY_WORDS: { readonly [U in Urgency]: string } = { routine: 'routine', urgent: 'urgent', emergency: 'emergency' };
const PLAN_STATUS_WORDS: { readonly [S in PlanStatus]: string } = {
  draft: 'draft',
  active: 'active',
  completed: 'completed',
  entered_in_error: 'entered in error',
};
const PAIN_ALERT_WORDS: { readonly [R in PainAlertReason]: string } = { pain_high: 'high pain', pain_jump: 'sharp rise' };
const INSTRUMENT_LABELS: { readonly [I in Instrument]: string } = { odi: 'ODI', nprs: 'NPRS', rmdq: 'RMDQ', psfs: 'PSFS' };
const INSTRUMENT_UNITS: { readonly [I in Instrument]: string } = { odi: ' %', nprs: '/10', rmdq: '/24', psfs: '/10' };

function validate(facts: unknown, prompts: unknown): asserts facts is VisitNotePrefillFacts {
  const p = new Problems();
  if (checkRecord(p, 'facts', facts)) {
    checkDate(p, 'today', facts.today);
    if (facts.since !== null && checkDate(p, 'since', facts.since) && isIsoDate(facts.today) && daysBetween(facts.since, facts.today) < 0) {
      p.add('since', 'must be on or before today');
    }
    checkEpisode(p, facts.episode);
    checkPlan(p, facts.plan);
    checkTextList(p, 'planChanges', facts.planChanges);
    checkLogs(p, facts.logs);
    checkAlerts(p, facts.openPainAlerts);
    checkOutcomes(p, facts.outcomes);
    checkAssessment(p, facts.assessment);
  }
  if (!isAbsent(prompts) && checkRecord(p, 'prompts', prompts)) {
    for (const key of SECTION_KEYS) {
      const value = prompts[key];
      if (!isAbsent(value) && typeof value !== 'string') p.add(field('prompts', key), 'must be a string');
    }
  }
  p.throwIfAny();
}

/** A string, possibly empty (free text). */
function checkString(p: Problems, path: string, value: unknown): value is string {
  if (typeof value === 'string') return true;
  p.add(path, value === undefined ? 'is required' : 'must be a string');
  return false;
}

/** A string with something other than white space in it (a title, a finding's text). */
function checkLine(p: Problems, path: string, value: unknown): void {
  if (checkText(p, path, value) && oneLine(value) === '') p.add(path, 'must not be blank');
}

/** A string or null (free text that may be absent); left out is not allowed. */
function checkNullableString(p: Problems, path: string, value: unknown): void {
  if (value !== null) checkString(p, path, value);
}

function checkTextList(p: Problems, path: string, value: unknown): void {
  if (checkArray(p, path, value)) eachItem(value, (item, i) => checkString(p, field(path, i), item));
}

function checkEpisode(p: Problems, episode: unknown): void {
  if (episode === null || !checkRecord(p, 'episode', episode)) return;
  checkDate(p, 'episode.onsetDate', episode.onsetDate);
  checkCode(p, 'episode.category', episode.category, EPISODE_CATEGORIES);
  checkCode(p, 'episode.urgency', episode.urgency, URGENCIES);
  checkCodeList(p, 'episode.redFlagReasons', episode.redFlagReasons, RED_FLAG_REASON_CODES);
  checkCode(p, 'episode.status', episode.status, EPISODE_STATUSES);
}

function checkPlan(p: Problems, plan: unknown): void {
  if (plan === null || !checkRecord(p, 'plan', plan)) return;
  checkLine(p, 'plan.title', plan.title);
  checkCode(p, 'plan.status', plan.status, PLAN_STATUSES);
  checkInteger(p, 'plan.versionNumber', plan.versionNumber, 1);
  checkDate(p, 'plan.startDate', plan.startDate);
  checkNullableString(p, 'plan.changeNote', plan.changeNote);
  if (!checkArray(p, 'plan.phases', plan.phases)) return;
  eachItem(plan.phases, (phase, i) => {
    const path = field('plan.phases', i);
    if (!checkRecord(p, path, phase)) return;
    const startOk = checkInteger(p, field(path, 'startWeek'), phase.startWeek, 0);
    const endOk = checkInteger(p, field(path, 'endWeek'), phase.endWeek, 0);
    if (startOk && endOk && (phase.endWeek as number) <= (phase.startWeek as number)) p.add(field(path, 'endWeek'), 'must be after startWeek');
    const exercisesPath = field(path, 'exercises');
    if (!checkArray(p, exercisesPath, phase.exercises)) return;
    eachItem(phase.exercises, (exercise, j) => {
      const exercisePath = field(exercisesPath, j);
      if (checkRecord(p, exercisePath, exercise)) {
        checkInteger(p, field(exercisePath, 'timesPerWeek'), exercise.timesPerWeek, 0, VISIT_NOTE_PREFILL_RULES.maxTimesPerWeek);
      }
    });
  });
}

function checkLogs(p: Problems, logs: unknown): void {
  if (!checkArray(p, 'logs', logs)) return;
  eachItem(logs, (log, i) => {
    const path = field('logs', i);
    if (!checkRecord(p, path, log)) return;
    checkDate(p, field(path, 'date'), log.date);
    const exercisesPath = field(path, 'completedExercises');
    if (checkArray(p, exercisesPath, log.completedExercises)) {
      eachItem(log.completedExercises, (code, j) => checkText(p, field(exercisesPath, j), code));
    }
    checkInteger(p, field(path, 'pain'), log.pain, 0, 10);
    checkInteger(p, field(path, 'difficulty'), log.difficulty, 0, 10);
    checkNullableString(p, field(path, 'note'), log.note);
  });
}

function checkAlerts(p: Problems, alerts: unknown): void {
  if (!checkArray(p, 'openPainAlerts', alerts)) return;
  eachItem(alerts, (alert, i) => {
    const path = field('openPainAlerts', i);
    if (!checkRecord(p, path, alert)) return;
    checkDate(p, field(path, 'date'), alert.date);
    checkInteger(p, field(path, 'pain'), alert.pain, 0, 10);
    checkCodeList(p, field(path, 'reasons'), alert.reasons, PAIN_ALERT_REASONS);
  });
}

function checkOutcomes(p: Problems, outcomes: unknown): void {
  if (!checkArray(p, 'outcomes', outcomes)) return;
  eachItem(outcomes, (outcome, i) => {
    const path = field('outcomes', i);
    if (!checkRecord(p, path, outcome)) return;
    const known = checkCode(p, field(path, 'instrument'), outcome.instrument, INSTRUMENTS);
    checkDate(p, field(path, 'recordedOn'), outcome.recordedOn);
    checkScore(p, path, outcome, known);
    checkNullableBoolean(p, field(path, 'meaningful'), outcome.meaningful);
  });
}

/** A score on the instrument's scale (rule 6), and a change from the first that keeps the first score on it too. */
function checkScore(p: Problems, path: string, outcome: Record<string, unknown>, known: boolean): void {
  const scorePath = field(path, 'score');
  const changePath = field(path, 'changeFromFirst');
  const { score, changeFromFirst } = outcome;
  if (!known) {
    checkNumber(p, scorePath, score, Number.NEGATIVE_INFINITY);
    if (changeFromFirst !== null) checkNumber(p, changePath, changeFromFirst, Number.NEGATIVE_INFINITY);
    return;
  }
  const rule = MEANINGFUL_CHANGE[outcome.instrument as Instrument];
  const check = rule.integer ? checkInteger : checkNumber;
  const scoreOk = check(p, scorePath, score, rule.min, rule.max);
  if (changeFromFirst === null) return;
  const span = rule.max - rule.min;
  if (check(p, changePath, changeFromFirst, -span, span) && scoreOk) {
    const first = roundTo(score - changeFromFirst, 1);
    if (first < rule.min || first > rule.max) {
      p.add(changePath, `must leave a first score (score - changeFromFirst) between ${rule.min} and ${rule.max}`);
    }
  }
}

function checkAssessment(p: Problems, assessment: unknown): void {
  if (assessment === null || !checkRecord(p, 'assessment', assessment)) return;
  checkDate(p, 'assessment.assessedOn', assessment.assessedOn);
  if (!checkArray(p, 'assessment.findings', assessment.findings)) return;
  eachItem(assessment.findings, (finding, i) => {
    const path = field('assessment.findings', i);
    if (!checkRecord(p, path, finding)) return;
    checkCode(p, field(path, 'code'), finding.code, FINDING_CODES);
    checkLine(p, field(path, 'text'), finding.text);
  });
}

const SECTION_KEYS = ['subjective', 'objective', 'assessment', 'plan'] as const;

/** Free text on one line: runs of white space (line breaks included) become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A number as the clinician reads it: at most 1 decimal, no trailing zero. */
function num(value: number): string {
  return String(roundTo(value, 1));
}

/** Entries sorted by a date, oldest first; the sort is stable, so entries of one day keep their input order. */
function byDate<T>(items: readonly T[], dateOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => daysBetween(dateOf(b), dateOf(a)));
}

/** Within [since, today] (since null: up to today). */
function inPeriod(date: string, since: string | null, today: string): boolean {
  return (since === null || daysBetween(since, date) >= 0) && daysBetween(date, today) >= 0;
}

type Log = VisitNotePrefillFacts['logs'][number];
type Trend = 'down' | 'up' | 'steady' | null;

/** A 0-10 series of the diary (pain or difficulty), with the trend of rule `trendPoints`. */
interface Series {
  first: number;
  latest: number;
  mean: number;
  min: number;
  max: number;
  /** null: too few days with entries to judge. */
  trend: Trend;
  /** Average of the first and latest windows, and the days in each (when a trend was judged). */
  early: number;
  late: number;
  windowDays: number;
}

/** Sum and count, so that averages compare exactly (by cross-multiplying, no floating-point difference). */
interface Total {
  sum: number;
  count: number;
}

function total(values: readonly number[]): Total {
  return { sum: values.reduce((a, b) => a + b, 0), count: values.length };
}

/** `a` average minus `b` average >= points, exactly. */
function risenBy(a: Total, b: Total, points: number): boolean {
  return a.sum * b.count - b.sum * a.count >= points * a.count * b.count;
}

/**
 * The series of `valueOf` over `logs` (oldest first, at least one). The trend compares the average of the entries in
 * the first window of days with the latest window: `trendWindowDays`, or half the days covered when fewer than twice
 * that; up or down by at least `trendPoints`, else steady; null with entries on fewer than `trendMinDays` days.
 */
function series(logs: readonly Log[], valueOf: (log: Log) => number): Series {
  const rules = VISIT_NOTE_PREFILL_RULES;
  const values = logs.map(valueOf);
  const firstDate = logs[0].date;
  const lastDate = logs[logs.length - 1].date;
  const windowDays = Math.min(rules.trendWindowDays, Math.floor((daysBetween(firstDate, lastDate) + 1) / 2));
  const early = total(logs.filter((l) => daysBetween(firstDate, l.date) < windowDays).map(valueOf));
  const late = total(logs.filter((l) => daysBetween(l.date, lastDate) < windowDays).map(valueOf));
  const days = new Set(logs.map((l) => l.date)).size;
  let trend: Trend = null;
  if (days >= rules.trendMinDays) {
    if (risenBy(late, early, rules.trendPoints)) trend = 'up';
    else if (risenBy(early, late, rules.trendPoints)) trend = 'down';
    else trend = 'steady';
  }
  const all = total(values);
  return {
    first: values[0],
    latest: values[values.length - 1],
    mean: all.sum / all.count,
    min: Math.min(...values),
    max: Math.max(...values),
    trend,
    early: early.sum / Math.max(early.count, 1),
    late: late.sum / Math.max(late.count, 1),
    windowDays,
  };
}

/** "5/10 (one entry)", "3/10 at every entry", or "first 6/10 → latest 3/10, average 4.2/10". */
function seriesText(s: Series, count: number): string {
  if (count === 1) return `${s.first}/10 (one entry)`;
  if (s.min === s.max) return `${s.first}/10 at every entry`;
  return `first ${s.first}/10 → latest ${s.latest}/10, average ${num(s.mean)}/10`;
}

function windowText(days: number): string {
  return days === 1 ? 'day' : `${days} days`;
}

const PAIN_TREND_WORDS: { readonly [T in Exclude<Trend, null>]: string } = { down: 'improving', up: 'worsening', steady: 'steady' };
const DIFFICULTY_TREND_WORDS: { readonly [T in Exclude<Trend, null>]: string } = { down: 'getting easier', up: 'getting harder', steady: 'steady' };

function painLines(logs: readonly Log[]): string[] {
  const s = series(logs, (l) => l.pain);
  const range = s.min === s.max ? '' : `, range ${s.min}–${s.max}/10`;
  const lines = [`Pain: ${seriesText(s, logs.length)}${range}.`];
  if (s.min === s.max) return lines;
  if (s.trend === null) {
    lines.push(`Pain trend: not judged, entries on fewer than ${VISIT_NOTE_PREFILL_RULES.trendMinDays} days.`);
  } else {
    const window = windowText(s.windowDays);
    lines.push(`Pain trend: ${PAIN_TREND_WORDS[s.trend]} (average ${num(s.early)}/10 over the first ${window} → ${num(s.late)}/10 over the latest ${window}).`);
  }
  return lines;
}

function difficultyLine(logs: readonly Log[]): string {
  const s = series(logs, (l) => l.difficulty);
  const trend = s.min === s.max || s.trend === null ? '' : ` (${DIFFICULTY_TREND_WORDS[s.trend]})`;
  return `Difficulty: ${seriesText(s, logs.length)}${trend}.`;
}

function adherenceLine(facts: VisitNotePrefillFacts, logs: readonly Log[]): string {
  const { plan, since, today } = facts;
  if (plan === null) return 'Adherence: no exercise plan.';
  const status = plan.status as PlanStatus;
  if (status !== 'active') return `Adherence: not measured, the plan is ${status === 'draft' ? 'a draft' : PLAN_STATUS_WORDS[status]}.`;
  if (daysBetween(plan.startDate, today) < 0) return `Adherence: the plan starts on ${plan.startDate}.`;
  const fromPlanStart = since === null || daysBetween(since, plan.startDate) > 0;
  const from = fromPlanStart ? plan.startDate : since;
  const cap = VISIT_NOTE_PREFILL_RULES.maxSessionsPerWeek;
  const adherencePlan: AdherencePlan = {
    startDate: plan.startDate,
    phases: plan.phases.map((phase) => ({
      startWeek: phase.startWeek,
      endWeek: phase.endWeek,
      exercises: phase.exercises.map((e) => ({ timesPerWeek: Math.min(cap, e.timesPerWeek) })),
    })),
  };
  const figures = adherence(adherencePlan, logs, from, today);
  const label = fromPlanStart ? `Adherence since the plan started on ${plan.startDate}` : 'Adherence';
  if (figures.prescribedSessions === 0) return `${label}: no sessions prescribed in this period.`;
  const { percent, loggedSessions: logged, prescribedSessions: prescribed } = figures;
  // The percent is capped at 100: more sessions than prescribed is said as such, not as "7 of 6".
  if (logged > prescribed) return `${label}: ${percent} % (${counted(logged, 'session')} logged, ${prescribed} prescribed).`;
  return `${label}: ${percent} % (${logged} of ${counted(prescribed, 'prescribed session')}).`;
}

function subjectiveFacts(facts: VisitNotePrefillFacts): string[] {
  const { since, today } = facts;
  const logs = byDate(
    facts.logs.filter((l) => inPeriod(l.date, since, today)),
    (l) => l.date,
  );
  const lines: string[] = [];
  if (since === null) lines.push('All diary entries (no earlier note):');
  else {
    const days = daysBetween(since, today);
    lines.push(`Since ${since} (${days === 0 ? 'today' : counted(days, 'day')}):`);
  }
  if (logs.length === 0) {
    lines.push(since === null ? 'No diary entries.' : `No diary entries since ${since}.`);
    lines.push(adherenceLine(facts, logs));
    return lines;
  }
  const days = new Set(logs.map((l) => l.date)).size;
  lines.push(`Diary: ${counted(logs.length, 'entry', 'entries')} on ${counted(days, 'day')}, the last on ${logs[logs.length - 1].date}.`);
  lines.push(adherenceLine(facts, logs));
  lines.push(...painLines(logs));
  lines.push(difficultyLine(logs));

  const noted = logs.filter((l) => l.note !== null && oneLine(l.note) !== '');
  const shown = noted.slice(-VISIT_NOTE_PREFILL_RULES.diaryNotesShown);
  if (shown.length > 0) {
    lines.push(shown.length < noted.length ? `Diary notes (the latest ${shown.length} of ${noted.length}):` : 'Diary notes:');
    for (const log of shown) lines.push(`- ${log.date}: “${oneLine(log.note as string)}”`);
  }
  return lines;
}

function outcomeLine(outcome: VisitNotePrefillFacts['outcomes'][number]): string {
  const { instrument, score, changeFromFirst } = outcome;
  const unit = INSTRUMENT_UNITS[instrument];
  const head = `- ${outcome.recordedOn} ${INSTRUMENT_LABELS[instrument]} ${num(score)}${unit}`;
  if (changeFromFirst === null) return `${head}: first score.`;
  const first = roundTo(score - changeFromFirst, 1);
  const change = meaningfulChange(instrument, first, score);
  const points = counted(Math.abs(change.change), 'point');
  let verdict: string;
  if (change.change === 0) verdict = 'no change';
  else if (change.meaningful) verdict = `improved ${points}, a change that matters`;
  else if (change.improved) verdict = `improved ${points}, not yet a change that matters`;
  else verdict = `worse by ${points}`;
  return `${head} (first ${num(first)}${unit}): ${verdict}.`;
}

function objectiveFacts(facts: VisitNotePrefillFacts): string[] {
  const { assessment, since, today } = facts;
  const lines: string[] = [];
  if (assessment === null) lines.push('No postural assessment recorded.');
  else if (assessment.findings.length === 0) lines.push(`Latest postural assessment ${assessment.assessedOn}: no findings.`);
  else {
    lines.push(`Latest postural assessment ${assessment.assessedOn}:`);
    for (const finding of assessment.findings) lines.push(`- ${oneLine(finding.text)}`);
  }
  const outcomes = byDate(
    facts.outcomes.filter((o) => inPeriod(o.recordedOn, since, today)),
    (o) => o.recordedOn,
  );
  const period = since === null ? '' : ` since ${since}`;
  if (outcomes.length === 0) lines.push(since === null ? 'No outcome scores recorded.' : `No outcome scores since ${since}.`);
  else {
    lines.push(`Outcome scores${period}:`);
    for (const outcome of outcomes) lines.push(outcomeLine(outcome));
  }
  return lines;
}

/**
 * The text of a red-flag reason. The screen's text for minor trauma depends on age and osteoporosis, which the codes
 * alone do not always say: with `osteoporosis` it is urgent; without `age_review` the age is 20-50, so it is not; with
 * `age_review` and a routine urgency the age is under 20; with `age_review` and no other emergency or urgent code
 * in an urgent episode it is the urgent one (over 50). Only when another code could explain the urgency is the text
 * left conditional.
 */
function redFlagText(code: RedFlagReasonCode, codes: ReadonlySet<string>, urgency: Urgency): string {
  if (code === 'age_review') {
    return `Age under ${REVIEW_AGE.youngest} or over ${REVIEW_AGE.oldest}: serious causes are more likely, so look harder (not a referral on its own).`;
  }
  const minorTrauma = codes.has('minor_trauma');
  const osteoporosis = codes.has('osteoporosis');
  if (code === 'osteoporosis' && minorTrauma) return 'Osteoporosis makes the minor trauma urgent: fracture risk.';
  if (code !== 'minor_trauma') return RED_FLAG_TEXTS[code];
  if (osteoporosis) return 'Minor trauma with osteoporosis: rule out fracture.';
  if (!codes.has('age_review') || urgency === 'routine') return RED_FLAG_TEXTS.minor_trauma;
  const otherUrgent = [...EMERGENCY_RED_FLAGS, ...URGENT_RED_FLAGS].some((c: RedFlagCode) => codes.has(c));
  if (!otherUrgent) return 'Minor trauma over age 50: rule out fracture.';
  return 'Minor trauma with age under 20 or over 50: if over 50, rule out fracture.';
}

function assessmentFacts(facts: VisitNotePrefillFacts): string[] {
  const { episode } = facts;
  const lines: string[] = [];
  if (episode === null) lines.push('No episode recorded.');
  else if (episode.status === 'entered_in_error') {
    lines.push(`Episode (onset ${episode.onsetDate}) was entered in error: check which episode this note is for.`);
  } else {
    const urgency = episode.urgency as Urgency;
    lines.push(`Episode (onset ${episode.onsetDate}): ${CATEGORY_WORDS[episode.category as EpisodeCategory]}, ${URGENCY_WORDS[urgency]}.`);
    const codes = [...new Set(episode.redFlagReasons)] as RedFlagReasonCode[];
    if (codes.length === 0) lines.push('Red flags: none.');
    else {
      lines.push('Red flags:');
      const present = new Set<string>(codes);
      for (const code of codes) lines.push(`- ${redFlagText(code, present, urgency)}`);
    }
  }
  const alerts = byDate(facts.openPainAlerts, (a) => a.date);
  if (alerts.length === 0) lines.push('No open pain alerts.');
  else {
    lines.push(`Open pain ${alerts.length === 1 ? 'alert' : 'alerts'}: review before progressing.`);
    for (const alert of alerts) {
      const reasons = [...new Set(alert.reasons)].map((r) => PAIN_ALERT_WORDS[r as PainAlertReason]);
      lines.push(`- ${alert.date}: pain ${alert.pain}/10${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}.`);
    }
  }
  return lines;
}

function planFacts(facts: VisitNotePrefillFacts): string[] {
  const { plan, today } = facts;
  const lines: string[] = [];
  if (plan === null) lines.push('No exercise plan.');
  else {
    const started = daysBetween(plan.startDate, today) < 0 ? 'starts' : 'started';
    const status = PLAN_STATUS_WORDS[plan.status as PlanStatus];
    lines.push(`Exercise plan: ${oneLine(plan.title)}, version ${plan.versionNumber} (${status}), ${started} ${plan.startDate}.`);
    const changeNote = plan.changeNote === null ? '' : oneLine(plan.changeNote);
    if (changeNote !== '') lines.push(`What changed and why (version ${plan.versionNumber}): ${changeNote}`);
  }
  const changes = facts.planChanges.map(oneLine).filter((c) => c !== '');
  if (changes.length > 0) {
    lines.push('Changes since the last note:');
    for (const change of changes) lines.push(`- ${change}`);
  }
  lines.push('Next step (progress, hold or step back; next review):');
  return lines;
}

/** The prompt, without trailing white space or leading blank lines, then a blank line, then the facts. */
function section(prompt: string | null | undefined, facts: readonly string[]): string {
  const head = (prompt ?? '').replace(/\s+$/, '').replace(/^(?:[^\S\n]*\n)+/, '');
  const body = facts.join('\n');
  return head === '' ? body : `${head}\n\n${body}`;
}

/**
 * The four sections of a new visit note, from what Upright knows (issue 17). Each section is the template's prompt
 * (when given and not blank), a blank line, then the facts:
 *
 * - subjective: the period ("Since <since> (N days):"), the diary (entries, days, the last date), adherence via rule 7
 *   over [the later of `since` and the plan start, today] for an active plan (said plainly otherwise), pain (first →
 *   latest, average, range) with its trend (`VISIT_NOTE_PREFILL_RULES`), difficulty the same way, and the patient's
 *   latest diary notes, dated.
 * - objective: the latest postural assessment's findings, and each outcome score of the period with its first score
 *   and whether the change matters (rule 6, `meaningfulChange`).
 * - assessment: the episode's category and urgency, its red flags (`RED_FLAG_TEXTS`), and every open pain alert
 *   (date, pain, reasons) with "review before progressing".
 * - plan: the plan's title, version, status and start, what changed and why, the change lines, and the next-step prompt.
 *
 * Lines are short plain text; free text is kept to one line. Diary entries and outcome scores dated before `since` or
 * after `today` are left out; pain alerts are all listed.
 *
 * @throws DomainValidationError listing every bad field (e.g. `logs[2].pain`, `outcomes[0].changeFromFirst`,
 *   `plan.phases[1].exercises[0].timesPerWeek`, `prompts.plan`).
 */
export function visitNotePrefill(facts: VisitNotePrefillFacts, prompts?: Partial<VisitNoteSections>): VisitNoteSections {
  validate(facts, prompts);
  const given: Partial<VisitNoteSections> = prompts ?? {};
  return {
    subjective: section(given.subjective, subjectiveFacts(facts)),
    objective: section(given.objective, objectiveFacts(facts)),
    assessment: section(given.assessment, assessmentFacts(facts)),
    plan: section(given.plan, planFacts(facts)),
  };
}
