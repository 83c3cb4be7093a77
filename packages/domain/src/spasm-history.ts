/**
 * Rule 9.1, the spasm history: which recorded spasms are distinct episodes and which are flares of one, how
 * often episodes have come lately, how likely another one is, and whether the cycle is ending since the plan
 * began. The clinician and the patient see it; it changes nothing by itself.
 */
import { RULESET_VERSION, type RecurrenceRisk, type RulesetVersion, type SpasmCycle, type SpasmHistoryReasonCode, type SpasmTrend } from './codes.js';
import { daysBetween, isIsoDate } from './dates.js';
import { Problems, checkArray, checkDate, checkRecord, checkText, eachItem, field, isAbsent } from './validation.js';
import { counted } from './words.js';

/** One spasm as recorded (an episode, or a flare the clinician recorded separately). */
export interface SpasmEpisode {
  /** Unique among the episodes given. */
  id: string;
  /** `YYYY-MM-DD`, on or before `asOf`. */
  onsetDate: string;
  /** `YYYY-MM-DD`, between `onsetDate` and `asOf`; null or left out while unknown or ongoing. */
  resolvedOn?: string | null;
}

export interface SpasmHistoryInput {
  /** In any order. */
  episodes: readonly SpasmEpisode[];
  /** `YYYY-MM-DD`: the day the history is read for. */
  asOf: string;
  /** `YYYY-MM-DD`, on or before `asOf`; null or left out when there is no plan. */
  planStartDate?: string | null;
}

/** Spasms less than 30 days apart, counted as one episode. */
export interface DistinctEpisode {
  /** The first member's onset. */
  onsetDate: string;
  /** The latest onset or resolution date among the members. */
  end: string;
  /** Ids of the members, in onset order (ties by id). */
  memberIds: string[];
}

export interface SpasmHistoryReason {
  code: SpasmHistoryReasonCode;
  text: string;
}

export interface SpasmHistory {
  /** In onset order. */
  distinct: DistinctEpisode[];
  /** Distinct episodes with onset in the 365 days up to `asOf`. */
  last12Months: number;
  /** Distinct episodes with onset in the 365 days before those. */
  previous12Months: number;
  trend: SpasmTrend;
  /** Distinct episodes before the latest one. */
  priorEpisodes: number;
  recurrenceRisk: RecurrenceRisk;
  /** Distinct episodes that began after the plan start; null without a plan. */
  newSincePlan: number | null;
  /** Days from the plan start to `asOf`; null without a plan. */
  daysSincePlan: number | null;
  /** Days to `asOf` from the plan start or the latest spasm onset after it (flares included); null without a plan. */
  daysFree: number | null;
  cycle: SpasmCycle;
  /** Exactly three: the trend's, the recurrence risk's and the cycle's, in that order. */
  reasons: SpasmHistoryReason[];
  /** Plain words for the patient page; never empty. */
  patientText: string;
  rulesetVersion: RulesetVersion;
}

/** The numbers of rule 9.1, in one place. */
export const SPASM_HISTORY_RULES = {
  /** A new episode needs at least this many days after the end of the previous one (de Vet 2002); sooner is a flare. */
  newEpisodeAfterDays: 30,
  /** The length of a "12 months" window. */
  yearDays: 365,
  /** From this many priors, the risk is `high` ("more than two previous episodes"; Machado 2017). */
  highRiskFromPriorEpisodes: 3,
  /** A quarter without a spasm is worth telling the patient (a product choice). */
  holdingFromDays: 90,
  /** A year without a spasm, the horizon of the recurrence studies (a product choice). */
  brokenFromDays: 365,
} as const;

function validate(input: unknown): asserts input is SpasmHistoryInput {
  const p = new Problems();
  if (checkRecord(p, 'input', input)) {
    const asOf = isIsoDate(input.asOf) ? input.asOf : null;
    const afterAsOf = (date: string): boolean => asOf !== null && daysBetween(asOf, date) > 0;
    if (checkArray(p, 'episodes', input.episodes)) {
      const firstWithId = new Map<string, number>();
      eachItem(input.episodes, (episode, i) => {
        const path = field('episodes', i);
        if (!checkRecord(p, path, episode)) return;
        if (checkText(p, field(path, 'id'), episode.id)) {
          const first = firstWithId.get(episode.id);
          if (first === undefined) firstWithId.set(episode.id, i);
          else p.add(field(path, 'id'), `duplicates the id of ${field('episodes', first)}`);
        }
        const onset = checkDate(p, field(path, 'onsetDate'), episode.onsetDate) ? episode.onsetDate : null;
        if (onset !== null && afterAsOf(onset)) p.add(field(path, 'onsetDate'), 'must be on or before asOf');
        const resolvedPath = field(path, 'resolvedOn');
        if (!isAbsent(episode.resolvedOn) && checkDate(p, resolvedPath, episode.resolvedOn)) {
          if (onset !== null && daysBetween(onset, episode.resolvedOn) < 0) {
            p.add(resolvedPath, 'must be on or after onsetDate');
          }
          if (afterAsOf(episode.resolvedOn)) p.add(resolvedPath, 'must be on or before asOf');
        }
      });
    }
    checkDate(p, 'asOf', input.asOf);
    if (!isAbsent(input.planStartDate) && checkDate(p, 'planStartDate', input.planStartDate)) {
      if (afterAsOf(input.planStartDate)) p.add('planStartDate', 'must be on or before asOf');
    }
  }
  p.throwIfAny();
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function later(a: string, b: string): string {
  return daysBetween(a, b) > 0 ? b : a;
}

/** Episodes in onset order, ties by id (compared as strings, not by locale). */
function inOnsetOrder(episodes: readonly SpasmEpisode[]): SpasmEpisode[] {
  return [...episodes].sort((a, b) => compareText(a.onsetDate, b.onsetDate) || compareText(a.id, b.id));
}

/** Group sorted spasms: one starting less than 30 days after the current distinct episode's end is a flare of it. */
function groupDistinct(sorted: readonly SpasmEpisode[]): DistinctEpisode[] {
  const distinct: DistinctEpisode[] = [];
  let current: DistinctEpisode | undefined;
  for (const episode of sorted) {
    const end = isAbsent(episode.resolvedOn) ? episode.onsetDate : later(episode.onsetDate, episode.resolvedOn);
    if (current && daysBetween(current.end, episode.onsetDate) < SPASM_HISTORY_RULES.newEpisodeAfterDays) {
      current.memberIds.push(episode.id);
      current.end = later(current.end, end);
    } else {
      current = { onsetDate: episode.onsetDate, end, memberIds: [episode.id] };
      distinct.push(current);
    }
  }
  return distinct;
}

function trendOf(distinct: readonly DistinctEpisode[], last12Months: number, previous12Months: number): SpasmTrend {
  if (distinct.length === 0) return 'none';
  if (distinct.length === 1) return 'first';
  if (last12Months > previous12Months) return 'increasing';
  return last12Months < previous12Months ? 'decreasing' : 'stable';
}

function riskOf(priorEpisodes: number): RecurrenceRisk {
  if (priorEpisodes >= SPASM_HISTORY_RULES.highRiskFromPriorEpisodes) return 'high';
  return priorEpisodes >= 1 ? 'raised' : 'baseline';
}

/** What happened since the plan began. */
interface SincePlan {
  planStart: string;
  newSincePlan: number;
  daysSincePlan: number;
  daysFree: number;
  /** The plan start, or the latest spasm onset after it: where `daysFree` counts from. */
  freeSince: string;
  /** The latest distinct episode that began after the plan start, and how many days before `asOf`. */
  latestNew: { onsetDate: string; daysAgo: number } | null;
  cycle: Exclude<SpasmCycle, 'no_plan'>;
}

function sincePlan(sorted: readonly SpasmEpisode[], distinct: readonly DistinctEpisode[], planStart: string, asOf: string): SincePlan {
  const rules = SPASM_HISTORY_RULES;
  // The anchor (the latest distinct episode on or before the start) and its flares are not new: only distinct
  // episodes that began after the start are.
  const newEpisodes = distinct.filter((d) => daysBetween(planStart, d.onsetDate) > 0);
  const latest = newEpisodes.at(-1);
  const latestNew = latest ? { onsetDate: latest.onsetDate, daysAgo: daysBetween(latest.onsetDate, asOf) } : null;
  // Every spasm after the start resets the count of free days, a flare of the anchor too.
  const freeSince = sorted.reduce((from, e) => later(from, e.onsetDate), planStart);
  const daysFree = daysBetween(freeSince, asOf);
  let cycle: SincePlan['cycle'];
  if (latestNew && latestNew.daysAgo < rules.yearDays) cycle = 'recurred';
  else if (daysFree >= rules.brokenFromDays) cycle = 'broken';
  else if (daysFree >= rules.holdingFromDays) cycle = 'holding';
  else cycle = 'too_early';
  return {
    planStart,
    newSincePlan: newEpisodes.length,
    daysSincePlan: daysBetween(planStart, asOf),
    daysFree,
    freeSince,
    latestNew,
    cycle,
  };
}

const TREND_WORDS = {
  increasing: 'episodes are coming more often',
  decreasing: 'episodes are coming less often',
  stable: 'no change in how often they come',
} as const;

function trendText(trend: SpasmTrend, distinct: readonly DistinctEpisode[], last: number, previous: number): string {
  if (trend === 'none') return 'No spasm episode recorded.';
  if (trend === 'first') {
    const flares = distinct[0].memberIds.length - 1;
    const withFlares = flares > 0 ? `, with ${counted(flares, 'flare')}` : '';
    return `One distinct episode so far (onset ${distinct[0].onsetDate}${withFlares}): no pattern to read yet.`;
  }
  return `${counted(last, 'distinct episode')} in the last 12 months against ${previous} in the 12 months before: ${TREND_WORDS[trend]}.`;
}

function riskText(risk: RecurrenceRisk, priorEpisodes: number, distinct: readonly DistinctEpisode[]): string {
  if (risk === 'high') {
    return `${priorEpisodes} distinct episodes before the latest: more than two previous episodes is the most consistent predictor of another; keeping up the exercises matters more.`;
  }
  if (risk === 'raised') {
    return `${counted(priorEpisodes, 'distinct episode')} before the latest: another episode is more likely than after a first one.`;
  }
  if (distinct.length === 0) return 'No episode recorded: baseline risk.';
  return 'No distinct episode before the latest: baseline risk (about a third of people have another episode within a year).';
}

function freeSinceWords(s: SincePlan, forPatient: boolean): string {
  if (s.freeSince === s.planStart) return forPatient ? 'your plan began' : `the plan began on ${s.planStart}`;
  return forPatient ? 'your last spasm' : `the last spasm on ${s.freeSince}`;
}

function cycleText(s: SincePlan | null): string {
  if (s === null) return 'No plan start date: whether the cycle is ending since the plan began cannot be judged.';
  if (s.cycle === 'recurred') {
    const latest = s.latestNew as NonNullable<SincePlan['latestNew']>;
    return `${counted(s.newSincePlan, 'new distinct episode')} since the plan began on ${s.planStart}, the latest starting ${counted(latest.daysAgo, 'day')} ago (${latest.onsetDate}): the cycle is not broken yet; review the plan.`;
  }
  const verdict = {
    broken: `a year or more: the cycle looks broken; keep the exercises going`,
    holding: `${SPASM_HISTORY_RULES.holdingFromDays} days or more: holding`,
    too_early: `fewer than ${SPASM_HISTORY_RULES.holdingFromDays} days: too early to say`,
  }[s.cycle];
  return `${counted(s.daysFree, 'day')} without a spasm since ${freeSinceWords(s, false)} (${counted(s.daysSincePlan, 'day')} into the plan), ${verdict}.`;
}

function patientTextOf(s: SincePlan | null, sorted: readonly SpasmEpisode[]): string {
  if (s === null) {
    const last = sorted.at(-1);
    return last ? `Your last back spasm began on ${last.onsetDate}.` : 'No back spasms recorded yet.';
  }
  if (s.cycle === 'recurred') {
    return `You have had ${counted(s.newSincePlan, 'new back spasm')} since your plan began. Your physio will go through your plan with you.`;
  }
  if (s.daysFree === 0) {
    return s.freeSince === s.planStart
      ? 'Your plan starts today. Keep going with your exercises.'
      : 'A spasm started today: keep moving gently, and tell your physio if it does not ease.';
  }
  const encouragement = {
    broken: 'That is a year or more: keep your exercises going to keep it that way.',
    holding: 'That is three months or more: keep going.',
    too_early: 'Keep going with your exercises.',
  }[s.cycle];
  return `No spasm for ${counted(s.daysFree, 'day')} since ${freeSinceWords(s, true)}. ${encouragement}`;
}

/**
 * The spasm history of a patient (rule 9.1), read on `asOf`.
 *
 * - Distinct episodes: spasms in onset order (ties by id); one that starts less than 30 days after the end of the
 *   current distinct episode (its members' latest onset or resolution) is a flare of it, else it starts a new one.
 * - `last12Months` / `previous12Months`: distinct episodes with onset in (asOf - 365, asOf] / (asOf - 730, asOf - 365].
 * - `trend`: `none`, `first` (one distinct episode in all), else the last 12 months against the 12 before.
 * - `recurrenceRisk` from the distinct episodes before the latest: 0 `baseline`, 1-2 `raised`, 3+ `high`.
 * - With `planStartDate`: `newSincePlan` (distinct episodes that began after it), `daysSincePlan`, `daysFree` (from
 *   the start or the latest spasm onset after it, flares included) and `cycle`: `recurred` when a new episode began
 *   less than 365 days ago, else `broken` (365+ free days), `holding` (90+), `too_early`. Without it, `no_plan`.
 *
 * @throws DomainValidationError listing every bad field: bad dates, an onset or a resolution after `asOf`, a
 *   resolution before its onset, a plan start after `asOf`, a missing or duplicate id.
 */
export function spasmHistory(input: SpasmHistoryInput): SpasmHistory {
  validate(input);
  const { asOf } = input;
  const sorted = inOnsetOrder(input.episodes);
  const distinct = groupDistinct(sorted);

  const { yearDays } = SPASM_HISTORY_RULES;
  const ages = distinct.map((d) => daysBetween(d.onsetDate, asOf));
  const last12Months = ages.filter((age) => age < yearDays).length;
  const previous12Months = ages.filter((age) => age >= yearDays && age < 2 * yearDays).length;
  const trend = trendOf(distinct, last12Months, previous12Months);
  const priorEpisodes = Math.max(0, distinct.length - 1);
  const recurrenceRisk = riskOf(priorEpisodes);
  const plan = isAbsent(input.planStartDate) ? null : sincePlan(sorted, distinct, input.planStartDate, asOf);
  const cycle: SpasmCycle = plan ? plan.cycle : 'no_plan';

  return {
    distinct,
    last12Months,
    previous12Months,
    trend,
    priorEpisodes,
    recurrenceRisk,
    newSincePlan: plan ? plan.newSincePlan : null,
    daysSincePlan: plan ? plan.daysSincePlan : null,
    daysFree: plan ? plan.daysFree : null,
    cycle,
    reasons: [
      { code: `trend_${trend}`, text: trendText(trend, distinct, last12Months, previous12Months) },
      { code: `risk_${recurrenceRisk}`, text: riskText(recurrenceRisk, priorEpisodes, distinct) },
      { code: `cycle_${cycle}`, text: cycleText(plan) },
    ],
    patientText: patientTextOf(plan, sorted),
    rulesetVersion: RULESET_VERSION,
  };
}
