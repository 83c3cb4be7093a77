/**
 * Rule 9.2, progression: whether the patient should regress, hold, progress or keep maintaining the current plan
 * phase, read from the pain of the last two weeks' logs, whether it settled by the next morning, adherence and
 * time in the phase. A suggestion for the clinician to confirm, never a decision.
 *
 * The pain-monitoring model (pain up to 5/10 during and after exercise is acceptable if it has settled by the next
 * morning and does not rise week to week; Silbernagel 2007, from Thomeé 1997) comes from tendon and knee studies:
 * for the back it is a rule of thumb.
 */
import {
  PHASE_KEYS,
  RULESET_VERSION,
  type PhaseKey,
  type ProgressionActionCode,
  type ProgressionAdviceCode,
  type ProgressionReasonCode,
  type RulesetVersion,
} from './codes.js';
import { LOW_ADHERENCE_PERCENT, SATISFACTORY_ADHERENCE_PERCENT } from './adherence.js';
import { daysBetween } from './dates.js';
import { MCGILL_PYRAMID_NOTE, STRENGTH_PROGRESSION_RULE } from './exercises.js';
import { roundTo } from './rounding.js';
import {
  Problems,
  checkArray,
  checkBoolean,
  checkCode,
  checkDate,
  checkInteger,
  checkNullableBoolean,
  checkNumber,
  checkRecord,
  eachItem,
  field,
} from './validation.js';
import { counted } from './words.js';

/** A patient's log as progression reads it. Other fields (exercises done, notes) may be present and are ignored. */
export interface ProgressionLog {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Pain during or after that session, integer 0-10. */
  pain: number;
  /** The patient's answer the next day; null or left out: not answered. */
  settledByNextMorning?: boolean | null;
}

export interface ProgressionInput {
  phaseKey: PhaseKey;
  /** Whole days in the current phase, >= 0. */
  daysInPhase: number;
  isLastPhase: boolean;
  /** Adherence over the last 28 days (rule 7), 0-100. */
  adherencePercent: number;
  /** The patient's logs, any dates and order: only those of the 14 days up to `asOf` count. */
  logs: readonly ProgressionLog[];
  /** A pain alert (rule 7) that the clinician has not closed. */
  openPainAlert: boolean;
  /** `YYYY-MM-DD`: the day the advice is for. */
  asOf: string;
}

export interface ProgressionReason {
  code: ProgressionReasonCode;
  text: string;
}

/** What to do, for the clinician (`text`) and the patient (`patientText`). */
export interface ProgressionAction {
  code: ProgressionActionCode;
  text: string;
  patientText: string;
}

export interface ProgressionAdvice {
  advice: ProgressionAdviceCode;
  /** Every rule that matched adds its reasons, in rule order, even when an earlier rule decided. */
  reasons: ProgressionReason[];
  action: ProgressionAction;
  rulesetVersion: RulesetVersion;
}

/** The numbers of rule 9.2, in one place (adherence thresholds are rule 7's, in `adherence.ts`). */
export const PROGRESSION_RULES = {
  /** Logs of this many days up to `asOf` (that day included) count. */
  windowDays: 14,
  /** "This week": the 7 days up to `asOf`; the 7 before are "last week". */
  weekDays: 7,
  /** Pain above this during or after exercise is more than the rule of thumb accepts. */
  maxAcceptablePain: 5,
  /** Mean pain this many points above last week's is rising... */
  risingByPoints: 1,
  /** ...when each week has at least this many logs. */
  minLogsPerWeek: 2,
  /** Progress no sooner than this many days into a phase. */
  minDaysInPhase: 14,
  /** Progress only with logs on at least this many days of the window. */
  minLogDays: 3,
} as const;

function validate(input: unknown): asserts input is ProgressionInput {
  const p = new Problems();
  if (checkRecord(p, 'input', input)) {
    checkCode(p, 'phaseKey', input.phaseKey, PHASE_KEYS);
    checkInteger(p, 'daysInPhase', input.daysInPhase, 0);
    checkBoolean(p, 'isLastPhase', input.isLastPhase);
    checkNumber(p, 'adherencePercent', input.adherencePercent, 0, 100);
    if (checkArray(p, 'logs', input.logs)) {
      eachItem(input.logs, (log, i) => {
        const path = field('logs', i);
        if (!checkRecord(p, path, log)) return;
        checkDate(p, field(path, 'date'), log.date);
        checkInteger(p, field(path, 'pain'), log.pain, 0, 10);
        if (log.settledByNextMorning !== undefined) {
          checkNullableBoolean(p, field(path, 'settledByNextMorning'), log.settledByNextMorning);
        }
      });
    }
    checkBoolean(p, 'openPainAlert', input.openPainAlert);
    checkDate(p, 'asOf', input.asOf);
  }
  p.throwIfAny();
}

/** A log of the window, with how many days before `asOf` it is. */
interface RecentLog {
  log: ProgressionLog;
  daysAgo: number;
}

/** Pain of a week: its sum and the number of logs, so that means compare exactly. */
interface WeekPain {
  sum: number;
  count: number;
}

function weekPain(logs: readonly RecentLog[]): WeekPain {
  return { sum: logs.reduce((total, l) => total + l.log.pain, 0), count: logs.length };
}

/** sumA / countA - sumB / countB >= points, by cross-multiplying (no floating-point difference). */
function meanRisenBy(a: WeekPain, b: WeekPain, points: number): boolean {
  return a.sum * b.count - b.sum * a.count >= points * a.count * b.count;
}

function meanText(week: WeekPain): string {
  return `${roundTo(week.sum / week.count, 1)}/10`;
}

const ACTIONS: { readonly [C in ProgressionActionCode]: Omit<ProgressionAction, 'code'> } = {
  regress_phase: {
    text: "Step back: use each exercise's regression, or return to the previous phase, and contact the patient to find out how they are.",
    patientText:
      'Please ease off your exercises for now: do the easier versions, or fewer of them, and keep moving gently. The clinic will be in touch with you soon.',
  },
  review_adherence: {
    text: 'Talk with the patient about what gets in the way of the exercises before changing the plan.',
    patientText: 'Your physio would like to talk with you about how the exercises fit into your days, so the plan works for you.',
  },
  hold_phase: {
    text: 'Stay in this phase at the current dose and look again at the next review.',
    patientText: 'Keep going with your exercises as they are for now.',
  },
  progress_phase: {
    text: 'Move on to the next phase of the plan.',
    patientText: 'You are ready for the next step: your physio will show you what changes in your exercises.',
  },
  keep_maintaining: {
    text: 'Keep the maintenance programme going and consider a discharge review.',
    patientText: 'You are doing well. Keep your exercises going: that is what keeps the spasms away.',
  },
};

/** In the last phase there is no next phase: each exercise progresses instead (McGill pyramid; ACSM load). */
const LAST_PHASE_PROGRESSION_TEXT = `Progress each exercise in this phase. McGill exercises: ${MCGILL_PYRAMID_NOTE} Strength exercises: ${STRENGTH_PROGRESSION_RULE}`;

function actionFor(advice: ProgressionAdviceCode, isLastPhase: boolean): ProgressionAction {
  const code = (
    {
      regress: 'regress_phase',
      review: 'review_adherence',
      hold: 'hold_phase',
      progress: 'progress_phase',
      maintain: 'keep_maintaining',
    } as const
  )[advice];
  const { text, patientText } = ACTIONS[code];
  return { code, text: code === 'progress_phase' && isLastPhase ? LAST_PHASE_PROGRESSION_TEXT : text, patientText };
}

/**
 * Progression advice for the current plan phase (rule 9.2). Logs dated `asOf` - 13 to `asOf` count; "this week" is
 * `asOf` - 6 to `asOf`, "last week" the 7 days before. The first rule that matches decides; every rule that matches
 * adds its reasons, in rule order:
 *
 * 1. `regress`: an open pain alert (`pain_alert_open`); pain above 5 in a log of this week (`pain_above_5`); the two
 *    most recent answered logs not settled by the next morning (`not_settling_twice`); mean pain this week at least
 *    1 point above last week's, each week with 2+ logs, compared exactly (`pain_rising`).
 * 2. `review`: adherence under 50 % (`low_adherence`).
 * 3. `hold`: under 14 days in the phase (`too_soon`); adherence under 80 % (`adherence_below_80`); logs on fewer
 *    than 3 days of the window (`too_few_logs`); the most recent answered log not settled (`not_settled`).
 * 4. Otherwise `progress` (`ready_to_progress`), or `maintain` (`maintaining_well`) in a last phase `maintain`.
 *
 * "Most recent" is the latest date, and for equal dates the later in `logs`.
 *
 * @throws DomainValidationError listing every bad field (e.g. `logs[2].pain`, `adherencePercent`).
 */
export function progressionAdvice(input: ProgressionInput): ProgressionAdvice {
  validate(input);
  const rules = PROGRESSION_RULES;
  const recent: RecentLog[] = input.logs
    .map((log) => ({ log, daysAgo: daysBetween(log.date, input.asOf) }))
    .filter((l) => l.daysAgo >= 0 && l.daysAgo < rules.windowDays)
    // Oldest first; the sort is stable, so logs of one day keep their input order and the last is the most recent.
    .sort((a, b) => b.daysAgo - a.daysAgo);
  const thisWeek = recent.filter((l) => l.daysAgo < rules.weekDays);
  const lastWeek = recent.filter((l) => l.daysAgo >= rules.weekDays);
  const answered = recent.filter((l) => typeof l.log.settledByNextMorning === 'boolean');
  const lastAnswered = answered.at(-1);
  const lastTwoAnswered = answered.slice(-2);

  const regress: ProgressionReason[] = [];
  if (input.openPainAlert) {
    regress.push({ code: 'pain_alert_open', text: 'A pain alert is still open: deal with it before loading more.' });
  }
  const painful = thisWeek.filter((l) => l.log.pain > rules.maxAcceptablePain);
  if (painful.length > 0) {
    const worst = Math.max(...painful.map((l) => l.log.pain));
    regress.push({
      code: 'pain_above_5',
      text: `${counted(painful.length, 'log')} of the last 7 days with pain above ${rules.maxAcceptablePain}/10 (up to ${worst}/10): more than the pain-monitoring rule of thumb accepts.`,
    });
  }
  if (lastTwoAnswered.length === 2 && lastTwoAnswered.every((l) => l.log.settledByNextMorning === false)) {
    regress.push({
      code: 'not_settling_twice',
      text: `Pain had not settled by the next morning after the two most recent answered sessions (${lastTwoAnswered[0].log.date} and ${lastTwoAnswered[1].log.date}).`,
    });
  }
  const thisWeekPain = weekPain(thisWeek);
  const lastWeekPain = weekPain(lastWeek);
  if (
    thisWeekPain.count >= rules.minLogsPerWeek &&
    lastWeekPain.count >= rules.minLogsPerWeek &&
    meanRisenBy(thisWeekPain, lastWeekPain, rules.risingByPoints)
  ) {
    regress.push({
      code: 'pain_rising',
      text: `Mean pain ${meanText(thisWeekPain)} over the last 7 days against ${meanText(lastWeekPain)} the 7 days before: rising by ${rules.risingByPoints} point or more week to week.`,
    });
  }

  const review: ProgressionReason[] = [];
  if (input.adherencePercent < LOW_ADHERENCE_PERCENT) {
    review.push({
      code: 'low_adherence',
      text: `Adherence ${input.adherencePercent} % over the last 28 days, under ${LOW_ADHERENCE_PERCENT} %: talk about what gets in the way before changing the plan.`,
    });
  }

  const hold: ProgressionReason[] = [];
  if (input.daysInPhase < rules.minDaysInPhase) {
    hold.push({
      code: 'too_soon',
      text: `${counted(input.daysInPhase, 'day')} in this phase, fewer than ${rules.minDaysInPhase}: too soon to progress.`,
    });
  }
  if (input.adherencePercent < SATISFACTORY_ADHERENCE_PERCENT) {
    hold.push({
      code: 'adherence_below_80',
      text: `Adherence ${input.adherencePercent} % over the last 28 days, under the ${SATISFACTORY_ADHERENCE_PERCENT} % usually counted as satisfactory.`,
    });
  }
  // Days, not entries: three logs on one day say nothing about how a fortnight of loading was tolerated (the
  // clinically safer reading of "fewer than 3 logs").
  const logDays = new Set(recent.map((l) => l.daysAgo)).size;
  if (logDays < rules.minLogDays) {
    hold.push({
      code: 'too_few_logs',
      text: `Logs on ${counted(logDays, 'day')} of the last ${rules.windowDays}, fewer than ${rules.minLogDays}: not enough to judge how the load is tolerated.`,
    });
  }
  if (lastAnswered && lastAnswered.log.settledByNextMorning === false) {
    hold.push({
      code: 'not_settled',
      text: `Pain had not settled by the next morning after the most recent answered session (${lastAnswered.log.date}).`,
    });
  }

  let advice: ProgressionAdviceCode;
  const reasons = [...regress, ...review, ...hold];
  if (regress.length > 0) advice = 'regress';
  else if (review.length > 0) advice = 'review';
  else if (hold.length > 0) advice = 'hold';
  else if (input.isLastPhase && input.phaseKey === 'maintain') {
    advice = 'maintain';
    reasons.push({
      code: 'maintaining_well',
      text: 'Maintaining well: pain tolerated and settling, adherence satisfactory. Keep going, and consider a discharge review.',
    });
  } else {
    advice = 'progress';
    reasons.push({
      code: 'ready_to_progress',
      text: `Ready to progress: ${counted(input.daysInPhase, 'day')} in the phase, adherence ${input.adherencePercent} %, logs on ${logDays} days of the last ${rules.windowDays}, pain tolerated and settling.`,
    });
  }

  return { advice, reasons, action: actionFor(advice, input.isLastPhase), rulesetVersion: RULESET_VERSION };
}
