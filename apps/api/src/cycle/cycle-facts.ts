/**
 * The spasm cycle's shared definitions (issue 19 spec, "Shared definitions"; clinical rules section 9), as pure
 * functions from the facts the CycleRepository loads to the domain's inputs, and the proposal a progression advice
 * makes. No database, no clock: `asOf` (the practice's today) comes in as an argument.
 *
 * Weeks and phases follow the plan data as the rest of Upright reads it (adherence, the patient's page): week `w`
 * (0-based) is days 7w..7w+6 after the version's startDate, and a phase covers the weeks startWeek <= w < endWeek.
 * So "asOf is the first day of phase P" means startDate = asOf - 7 x P.startWeek.
 */
import {
  addDays,
  daysBetween,
  getExercise,
  isExerciseCode,
  meaningfulChange,
  PHASE_KEYS,
  RULESET_VERSION,
  type DischargeInput,
  type PhaseKey,
  type ProgressionAdvice,
  type ProgressionInput,
  type ProgressionLog,
  type SpasmHistoryInput,
  dischargeReview,
  progressionAdvice,
  spasmHistory,
  type DischargeReview,
  type SpasmHistory,
} from '@upright/domain';
import type { FieldError } from '../common/app-error.js';
import type { PlanPhaseDto } from '../plans/dto/plan.dto.js';
import { doseText } from '../plans/plan-changes.js';
import { adherenceOf } from '../portal/clinician/patient-logs.service.js';
import { currentPhaseKey } from '../portal/plan-view.js';
import type { CycleLogRow, CyclePlanRow, HistoryEpisodeRow, OutcomePairRow, PatientCycleFacts, PlanCycleFacts } from './cycle.repository.js';
import { adherenceFrom } from './cycle.repository.js';

/** The days of logs progression reads (rule 9.2: asOf - 13 .. asOf). */
export const PROGRESSION_WINDOW_DAYS = 14;
/** The plan DTO's limits a proposal stays within. */
const MAX_REPS = 100;
const MAX_NOTES = 1000;

// ---------------------------------------------------------------------------------------------------------------
// Spasm history (9.1)

/** The domain's input for a patient's history: every entry, and the plan start when a plan counts. */
export function spasmHistoryInput(episodes: readonly HistoryEpisodeRow[], planStartDate: string | null, asOf: string): SpasmHistoryInput {
  return {
    // Nothing dated after asOf reaches the rules (a practice that moved its time zone west can have such a day).
    episodes: episodes
      .filter((e) => e.onsetDate <= asOf)
      .map((e) => ({ id: e.id, onsetDate: e.onsetDate, resolvedOn: e.resolvedOn !== null && e.resolvedOn <= asOf ? e.resolvedOn : null })),
    asOf,
    // A plan that starts after asOf (planned ahead) has not begun: the history is told without it.
    planStartDate: planStartDate !== null && planStartDate <= asOf ? planStartDate : null,
  };
}

/**
 * What is wrong with a resolvedOn (rule 9: not before the episode's onset, not after asOf), as field errors; the
 * same rule for the clinician's route and the patient's.
 */
export function resolvedOnErrors(onsetDate: string, resolvedOn: string, asOf: string, field = 'resolvedOn'): FieldError[] {
  if (resolvedOn < onsetDate) return [{ field, message: `must be on or after the episode's onset (${onsetDate})` }];
  if (resolvedOn > asOf) return [{ field, message: 'cannot be in the future' }];
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Current phase, adherence, progression (9.2)

export interface CurrentPhase {
  phase: PlanPhaseDto;
  /** Its position in the version's list. */
  index: number;
  key: string;
  title: string;
  /** Whole days since the phase's first day (0 on that day; 0 before it). */
  daysInPhase: number;
  /** It is the last in the version's list. */
  isLastPhase: boolean;
}

/**
 * The phase of the version in force on asOf: the one the patient's page shows (`currentPhaseKey`: the
 * latest-starting phase containing the plan week; the first before the plan, the last after it), with the days
 * since its first day (startDate + 7 x startWeek). Null for a version without phases.
 */
export function currentPhase(phases: readonly PlanPhaseDto[], startDate: string, asOf: string): CurrentPhase | null {
  const key = currentPhaseKey(phases, startDate, asOf);
  const index = phases.findIndex((p) => p.key === key);
  if (index < 0) return null;
  const phase = phases[index];
  return {
    phase,
    index,
    key: phase.key,
    title: phase.title,
    daysInPhase: Math.max(0, daysBetween(addDays(startDate, 7 * phase.startWeek), asOf)),
    isLastPhase: index === phases.length - 1,
  };
}

/**
 * Rule 7 adherence (percent) of the patient to this plan over the 28 days up to asOf, exactly as Today and the
 * plan page compute it (`adherenceOf`: the patient's logs of the window, those before the plan's start not counting
 * as sessions).
 */
export function planAdherencePercent(
  plan: Pick<CyclePlanRow, 'id' | 'patientId' | 'startDate' | 'phases'>,
  logs: readonly CycleLogRow[],
  lastLogDate: string | null,
  asOf: string,
): number {
  const window = { from: adherenceFrom(asOf), to: asOf };
  const result = adherenceOf(
    [plan.patientId],
    window,
    [{ id: plan.id, patientId: plan.patientId, startDate: plan.startDate, phases: plan.phases }],
    logs.map((l) => ({ patientId: plan.patientId, date: l.date, completedExercises: l.completedExercises })),
    new Map(lastLogDate ? [[plan.patientId, lastLogDate]] : []),
  );
  return result.get(plan.patientId)!.percent ?? 0;
}

/** The plan's logs dated asOf-13..asOf, oldest first, as progression reads them. */
export function progressionLogs(planId: string, logs: readonly CycleLogRow[], asOf: string): Required<ProgressionLog>[] {
  const from = addDays(asOf, -(PROGRESSION_WINDOW_DAYS - 1));
  return logs
    .filter((l) => l.planId === planId && l.date >= from && l.date <= asOf)
    .map((l) => ({ date: l.date, pain: l.pain, settledByNextMorning: l.settledByNextMorning }));
}

/**
 * The domain only knows its own phase keys; a clinician's own phase is read as a phase that is not `maintain`
 * (the one key progression treats apart).
 */
export function domainPhaseKey(key: string): PhaseKey {
  return (PHASE_KEYS as readonly string[]).includes(key) ? (key as PhaseKey) : 'strengthen';
}

export interface ProgressionFacts {
  input: ProgressionInput;
  phase: CurrentPhase;
  adherencePercent: number;
  logs: Required<ProgressionLog>[];
}

/** The part of a plan progression reads: its current version's start and phases. */
export type ProgressionPlan = Pick<CyclePlanRow, 'id' | 'patientId' | 'startDate' | 'phases'>;

/**
 * Progression's input for a plan's facts on asOf; null when the version has no phases. Takes only what it reads, so
 * that Today, which loads every active plan's facts in its one statement, builds the same input.
 */
export function progressionFacts(
  facts: Pick<PlanCycleFacts, 'logs' | 'lastLogDate' | 'openPainAlert'> & { plan: ProgressionPlan },
  asOf: string,
): ProgressionFacts | null {
  const { plan } = facts;
  const phase = currentPhase(plan.phases, plan.startDate, asOf);
  if (!phase) return null;
  const adherencePercent = planAdherencePercent(plan, facts.logs, facts.lastLogDate, asOf);
  const logs = progressionLogs(plan.id, facts.logs, asOf);
  return {
    phase,
    adherencePercent,
    logs,
    input: {
      phaseKey: domainPhaseKey(phase.key),
      daysInPhase: phase.daysInPhase,
      isLastPhase: phase.isLastPhase,
      adherencePercent,
      logs,
      openPainAlert: facts.openPainAlert,
      asOf,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Discharge review (9.3)

export type Instrument = OutcomePairRow['instrument'];

export interface OutcomePairFacts {
  baseline: number;
  latest: number;
  baselineOn: string;
  latestOn: string;
  /** Rule 6: an improvement that matters. */
  meaningful: boolean;
}

/** Per recorded instrument: the first and the latest score, and whether the change matters (rule 6). */
export function outcomePairs(rows: readonly OutcomePairRow[]): Partial<Record<Instrument, OutcomePairFacts>> {
  const pairs: Partial<Record<Instrument, OutcomePairFacts>> = {};
  for (const row of rows) {
    pairs[row.instrument] = {
      baseline: row.baseline,
      latest: row.latest,
      baselineOn: row.baselineOn,
      latestOn: row.latestOn,
      meaningful: meaningfulChange(row.instrument, row.baseline, row.latest).meaningful,
    };
  }
  return pairs;
}

/** True when any instrument's pair shows a meaningful improvement, false when pairs exist and none does, null without scores. */
export function reachedMeaningfulChange(pairs: Partial<Record<Instrument, OutcomePairFacts>>): boolean | null {
  const values = Object.values(pairs);
  return values.length ? values.some((p) => p.meaningful) : null;
}

/** Whole weeks from the plan start to asOf (0 before the start). */
export function weeksInCare(planStartDate: string, asOf: string): number {
  return Math.max(0, Math.floor(daysBetween(planStartDate, asOf) / 7));
}

/** The patient's latest recorded episode has red flags and has not resolved. */
export function redFlagOpen(latest: PlanCycleFacts['latestEpisode']): boolean {
  return !!latest && latest.redFlags.length > 0 && latest.resolvedOn === null;
}

/** The inputs a discharge review is computed from (also stored in the discharge snapshot). */
export interface DischargeInputs {
  weeksInCare: number;
  outcomes: Partial<Record<Instrument, OutcomePairFacts>>;
  adherencePercent: number;
  redFlagOpen: boolean;
  priorEpisodes: number;
}

export function dischargeInputs(facts: PlanCycleFacts & { plan: CyclePlanRow }, priorEpisodes: number, asOf: string): DischargeInputs {
  return {
    weeksInCare: weeksInCare(facts.plan.planStartDate, asOf),
    outcomes: outcomePairs(facts.outcomes),
    adherencePercent: planAdherencePercent(facts.plan, facts.logs, facts.lastLogDate, asOf),
    redFlagOpen: redFlagOpen(facts.latestEpisode),
    priorEpisodes,
  };
}

/** The domain's DischargeInput from the inputs (pairs without their dates). */
export function dischargeInput(inputs: DischargeInputs): DischargeInput {
  const outcomes: { -readonly [I in Instrument]?: { baseline: number; latest: number } } = {};
  for (const [instrument, pair] of Object.entries(inputs.outcomes) as [Instrument, OutcomePairFacts][]) {
    outcomes[instrument] = { baseline: pair.baseline, latest: pair.latest };
  }
  return {
    weeksInCare: inputs.weeksInCare,
    outcomes: outcomes,
    adherencePercent: inputs.adherencePercent,
    redFlagOpen: inputs.redFlagOpen,
    priorEpisodes: inputs.priorEpisodes,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The proposal of an advice (spec route 3)

export type ProposalKind = 'next_phase' | 'previous_phase' | 'exercise_progressions' | 'exercise_regressions';

export interface ProposalChange {
  exerciseCode: string;
  name: string;
  from: string;
  to: string;
}

export interface ProgressionProposal {
  kind: ProposalKind;
  toPhaseKey: string | null;
  /** One sentence; with " (ruleset 2026.12)" it is the new version's change note. */
  summary: string;
  changes: ProposalChange[];
}

/** What applying a proposal writes: the new version's start date and phases. */
export interface ProposedVersion {
  proposal: ProgressionProposal;
  startDate: string;
  phases: PlanPhaseDto[];
}

/** An exercise's name and its easier and harder versions: the built-in library's, else the practice's own. */
export interface CatalogueEntry {
  name: string;
  progression: string;
  regression: string;
}

export type ExerciseCatalogue = (code: string) => CatalogueEntry;

export function exerciseCatalogue(own: readonly { code: string; name: string; progression: string; regression: string }[]): ExerciseCatalogue {
  const byCode = new Map(own.map((e) => [e.code, e]));
  return (code) => {
    if (isExerciseCode(code)) {
      const e = getExercise(code);
      return { name: e.name, progression: e.progression, regression: e.regression };
    }
    const e = byCode.get(code);
    return e ? { name: e.name, progression: e.progression, regression: e.regression } : { name: code, progression: '', regression: '' };
  };
}

/** A change note: the proposal's summary with the ruleset it came from. */
export function changeNoteOf(proposal: ProgressionProposal): string {
  return `${proposal.summary} (ruleset ${RULESET_VERSION})`;
}

const doseWithNotes = (e: PlanPhaseDto['exercises'][number]) => (e.notes ? `${doseText(e)}; ${e.notes}` : doseText(e));

/** The exercises of a move from one phase to another: each of the target's, then those the current one drops. */
function phaseMoveChanges(from: PlanPhaseDto, to: PlanPhaseDto, catalogue: ExerciseCatalogue): ProposalChange[] {
  const changes: ProposalChange[] = [];
  const key = (e: PlanPhaseDto['exercises'][number]) => `${e.exerciseCode}\u0000${e.side ?? ''}`;
  const before = new Map(from.exercises.map((e) => [key(e), e]));
  const after = new Set(to.exercises.map(key));
  for (const e of to.exercises) {
    const was = before.get(key(e));
    changes.push({
      exerciseCode: e.exerciseCode,
      name: catalogue(e.exerciseCode).name,
      from: was ? doseWithNotes(was) : `not in “${from.title}”`,
      to: doseWithNotes(e),
    });
  }
  for (const e of from.exercises) {
    if (after.has(key(e))) continue;
    changes.push({ exerciseCode: e.exerciseCode, name: catalogue(e.exerciseCode).name, from: doseWithNotes(e), to: `not in “${to.title}”` });
  }
  return changes;
}

const clip = (text: string) => (text.length > MAX_NOTES ? text.slice(0, MAX_NOTES) : text);

/**
 * What applying the advice would change, or null when there is nothing to apply (hold, review, maintain):
 * - progress, not the last phase: `next_phase` (the phases kept; startDate moved so that asOf is the next phase's
 *   first day);
 * - progress in the last phase: `exercise_progressions` (each exercise of the current phase gets its catalogue
 *   progression as notes; one with holds goes up 2 reps, 5/3/1 to 7/5/3, at most 100);
 * - regress, not the first phase: `previous_phase` (startDate so that asOf is the previous phase's first day);
 * - regress in the first phase: `exercise_regressions` (each exercise of the current phase gets its catalogue
 *   regression as notes and one set fewer, at least 1).
 */
export function progressionProposal(
  advice: Pick<ProgressionAdvice, 'advice'>,
  phases: readonly PlanPhaseDto[],
  startDate: string,
  current: CurrentPhase,
  asOf: string,
  catalogue: ExerciseCatalogue,
): ProposedVersion | null {
  const copy = () => phases.map((p) => ({ ...p, goals: [...p.goals], exercises: p.exercises.map((e) => ({ ...e })) }));
  if (advice.advice === 'progress' && !current.isLastPhase) {
    const next = phases[current.index + 1];
    const newStart = addDays(asOf, -7 * next.startWeek);
    return {
      startDate: newStart,
      phases: copy(),
      proposal: {
        kind: 'next_phase',
        toPhaseKey: next.key,
        summary: `Move on from “${current.title}” to “${next.title}”: the plan now starts on ${newStart}, so today is the first day of “${next.title}”.`,
        changes: phaseMoveChanges(current.phase, next, catalogue),
      },
    };
  }
  if (advice.advice === 'regress' && current.index > 0) {
    const previous = phases[current.index - 1];
    const newStart = addDays(asOf, -7 * previous.startWeek);
    return {
      startDate: newStart,
      phases: copy(),
      proposal: {
        kind: 'previous_phase',
        toPhaseKey: previous.key,
        summary: `Step back from “${current.title}” to “${previous.title}”: the plan now starts on ${newStart}, so today is the first day of “${previous.title}”.`,
        changes: phaseMoveChanges(current.phase, previous, catalogue),
      },
    };
  }
  if (advice.advice !== 'progress' && advice.advice !== 'regress') return null;

  const progress = advice.advice === 'progress';
  const next = copy();
  const changes: ProposalChange[] = [];
  next[current.index].exercises = next[current.index].exercises.map((e) => {
    const entry = catalogue(e.exerciseCode);
    const text = progress ? entry.progression : entry.regression;
    const changed = {
      ...e,
      ...(progress ? (e.holdSeconds ? { reps: Math.min(MAX_REPS, e.reps + 2) } : {}) : { sets: Math.max(1, e.sets - 1) }),
      ...(text ? { notes: clip(text) } : {}),
    };
    changes.push({ exerciseCode: e.exerciseCode, name: entry.name, from: doseWithNotes(e), to: doseWithNotes(changed) });
    return changed;
  });
  return {
    startDate,
    phases: next,
    proposal: progress
      ? {
          kind: 'exercise_progressions',
          toPhaseKey: null,
          summary: `Progress each exercise of “${current.title}” to its harder version (exercises with holds: two more reps in each round of the pyramid).`,
          changes,
        }
      : {
          kind: 'exercise_regressions',
          toPhaseKey: null,
          summary: `Ease each exercise of “${current.title}” back to its easier version, with one set fewer.`,
          changes,
        },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The four results from loaded facts (what the routes, Today and the patient's page share)

/** A patient's spasm history told against their active (else most recently completed) plan. */
export function patientSpasmHistory(
  facts: Pick<PatientCycleFacts, 'episodes' | 'historyPlan'>,
  asOf: string,
): { input: SpasmHistoryInput; history: SpasmHistory } {
  const input = spasmHistoryInput(facts.episodes, facts.historyPlan?.startDate ?? null, asOf);
  return { input, history: spasmHistory(input) };
}

/** A patient's spasm history told against this plan's start (the patient's page of that plan). */
export function planSpasmHistory(facts: PlanCycleFacts & { plan: CyclePlanRow }, asOf: string): { input: SpasmHistoryInput; history: SpasmHistory } {
  const input = spasmHistoryInput(facts.episodes, facts.plan.planStartDate, asOf);
  return { input, history: spasmHistory(input) };
}

export interface PlanProgression extends ProgressionFacts {
  advice: ProgressionAdvice;
  /** Null for hold, review and maintain. */
  proposed: ProposedVersion | null;
}

/** Progression advice of a plan on asOf, with what applying it would write; null when the version has no phases. */
export function planProgression(facts: PlanCycleFacts & { plan: CyclePlanRow }, asOf: string): PlanProgression | null {
  const computed = progressionFacts(facts, asOf);
  if (!computed) return null;
  const advice = progressionAdvice(computed.input);
  const proposed = progressionProposal(advice, facts.plan.phases, facts.plan.startDate, computed.phase, asOf, exerciseCatalogue(facts.ownExercises));
  return { ...computed, advice, proposed };
}

/** The discharge review of a plan on asOf, with its inputs and the patient's history (priorEpisodes). */
export function planDischargeReview(
  facts: PlanCycleFacts & { plan: CyclePlanRow },
  asOf: string,
): { inputs: DischargeInputs; review: DischargeReview; history: SpasmHistory } {
  const { history } = planSpasmHistory(facts, asOf);
  const inputs = dischargeInputs(facts, history.priorEpisodes, asOf);
  return { inputs, review: dischargeReview(dischargeInput(inputs)), history };
}
