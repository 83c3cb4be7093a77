/**
 * Rule 9.3, the discharge review: whether a patient is ready to be discharged to self-management, should keep
 * going, or needs a review, a reassessment or a referral, from the change in their outcome measures, time in care
 * and adherence. A suggestion for the clinician to confirm, never a decision.
 */
import { INSTRUMENTS, RULESET_VERSION, type DischargeReasonCode, type DischargeStatus, type Instrument, type RulesetVersion } from './codes.js';
import { SATISFACTORY_ADHERENCE_PERCENT } from './adherence.js';
import { MEANINGFUL_CHANGE, meaningfulChange, type OutcomeChange } from './outcomes.js';
import { SPASM_HISTORY_RULES } from './spasm-history.js';
import { Problems, checkBoolean, checkInteger, checkNumber, checkRecord, field, isAbsent } from './validation.js';

/** An outcome measure at the first assessment and now, on the instrument's scale (as rule 6 scores it). */
export interface OutcomePair {
  baseline: number;
  latest: number;
}

/** The outcome measures recorded for the patient; an instrument left out or null was not recorded. */
export type DischargeOutcomes = { readonly [I in Instrument]?: OutcomePair | null };

export interface DischargeInput {
  /** Whole weeks since the first assessment or the plan start, >= 0. */
  weeksInCare: number;
  outcomes: DischargeOutcomes;
  /** Adherence to the plan (rule 7), 0-100. */
  adherencePercent: number;
  /** A red flag that has not been cleared. */
  redFlagOpen: boolean;
  /** Distinct episodes before the latest one (rule 9.1), integer >= 0. */
  priorEpisodes: number;
}

export interface DischargeReason {
  code: DischargeReasonCode;
  text: string;
}

/** Advice to keep exercising after discharge, for the clinician (`text`) and the patient (`patientText`). */
export interface Maintenance {
  code: 'keep_exercising_12_months';
  text: string;
  patientText: string;
}

export interface DischargeReview {
  status: DischargeStatus;
  /** Only the reasons of the rule that decided. */
  reasons: DischargeReason[];
  /** Present when `status` is `ready`. */
  maintenance?: Maintenance;
  rulesetVersion: RulesetVersion;
}

/** The numbers of rule 9.3, in one place (adherence is rule 7's, the meaningful changes rule 6's). */
export const DISCHARGE_RULES = {
  /** NPRS this many points above baseline or more is worse. */
  painWorseByPoints: 2,
  /** No change that matters by this many weeks predicts a poor course (Heymans 2010; Beneciuk 2014): review. */
  reviewFromWeeks: 4,
  /** No change that matters by this many weeks: reassess or refer, as care pathways expect. */
  reassessFromWeeks: 12,
  /** Acceptable symptom state: ODI at most this (van Hooff 2016)... */
  acceptableOdiUpTo: 22,
  /** ...and pain at most this on the NPRS (Tubach 2012). */
  acceptableNprsUpTo: 4,
} as const;

const LABELS: { readonly [I in Instrument]: string } = { odi: 'ODI', nprs: 'NPRS', rmdq: 'RMDQ', psfs: 'PSFS' };

function validate(input: unknown): asserts input is DischargeInput {
  const p = new Problems();
  if (checkRecord(p, 'input', input)) {
    checkInteger(p, 'weeksInCare', input.weeksInCare, 0);
    if (checkRecord(p, 'outcomes', input.outcomes)) {
      const { outcomes } = input;
      for (const instrument of INSTRUMENTS) {
        const pair = outcomes[instrument];
        const path = field('outcomes', instrument);
        if (isAbsent(pair) || !checkRecord(p, path, pair)) continue;
        const { min, max, integer } = MEANINGFUL_CHANGE[instrument];
        const check = integer ? checkInteger : checkNumber;
        check(p, field(path, 'baseline'), pair.baseline, min, max);
        check(p, field(path, 'latest'), pair.latest, min, max);
      }
    }
    checkNumber(p, 'adherencePercent', input.adherencePercent, 0, 100);
    checkBoolean(p, 'redFlagOpen', input.redFlagOpen);
    checkInteger(p, 'priorEpisodes', input.priorEpisodes, 0);
  }
  p.throwIfAny();
}

/** A recorded instrument with its change (rule 6). */
interface Measured {
  instrument: Instrument;
  pair: OutcomePair;
  change: OutcomeChange;
}

function measureText(m: Measured): string {
  return `${LABELS[m.instrument]} ${m.pair.baseline} -> ${m.pair.latest}`;
}

function measuresText(measured: readonly Measured[]): string {
  return measured.map(measureText).join(', ');
}

/** A review decided by a single rule, with its single reason. */
function decided(status: DischargeStatus, code: DischargeReasonCode, text: string): DischargeReview {
  return { status, reasons: [{ code, text }], rulesetVersion: RULESET_VERSION };
}

function maintenanceFor(priorEpisodes: number): Maintenance {
  const maintenance: Maintenance = {
    code: 'keep_exercising_12_months',
    text: 'Keep the exercises going for at least 12 months after discharge: exercise with education cuts recurrences, and the protection fades when exercise stops (Steffens 2016; Pocovi 2024).',
    patientText: 'Keep doing your exercises for at least a year, even when your back feels fine: that is what keeps the spasms from coming back.',
  };
  if (priorEpisodes >= SPASM_HISTORY_RULES.highRiskFromPriorEpisodes) {
    maintenance.text += ` ${priorEpisodes} previous episodes, more than two: the risk of another is higher, so keeping up the exercises matters more.`;
    maintenance.patientText += ' You have had several episodes before, so keeping up your exercises matters even more for you.';
  }
  return maintenance;
}

/**
 * Discharge review (rule 9.3). The first rule that matches decides, and only its reasons are listed:
 *
 * 1. `not_applicable` when a red flag is open (`red_flag_open`).
 *    With no instrument recorded, `continue` (`no_outcomes`) and rules 2-5 do not apply.
 * 2. `review` when NPRS is 2+ points above baseline (`pain_worse`).
 * 3. `refer_or_reassess` at 12+ weeks in care without a meaningful improvement (rule 6) on any recorded instrument
 *    (`no_meaningful_change_12_weeks`).
 * 4. `review` at 4+ weeks without one (`no_meaningful_change_4_weeks`).
 * 5. `ready` when ODI or RMDQ improved meaningfully, ODI (when recorded) is 22 or less, NPRS is recorded and 4 or
 *    less, PSFS (when recorded) improved meaningfully, and adherence is 80 % or more (`function_improved`,
 *    `acceptable_state`, `adherent`), with advice to keep exercising for 12 months (`maintenance`).
 * 6. Otherwise `continue`, naming each unmet condition of rule 5 in that order.
 *
 * @throws DomainValidationError listing every bad field (e.g. `outcomes.nprs.latest` out of 0-10).
 */
export function dischargeReview(input: DischargeInput): DischargeReview {
  validate(input);
  const rules = DISCHARGE_RULES;
  if (input.redFlagOpen) {
    return decided('not_applicable', 'red_flag_open', 'A red flag is open: no discharge review until it has been dealt with.');
  }

  const measured: Measured[] = [];
  for (const instrument of INSTRUMENTS) {
    const pair = input.outcomes[instrument];
    if (isAbsent(pair)) continue;
    measured.push({ instrument, pair, change: meaningfulChange(instrument, pair.baseline, pair.latest) });
  }
  if (measured.length === 0) {
    return decided('continue', 'no_outcomes', 'No outcome measure recorded: record ODI or RMDQ and NPRS (and PSFS if used) to judge the way to discharge.');
  }
  const find = (instrument: Instrument): Measured | undefined => measured.find((m) => m.instrument === instrument);
  const nprs = find('nprs');
  const odi = find('odi');
  const psfs = find('psfs');

  if (nprs && nprs.pair.latest >= nprs.pair.baseline + rules.painWorseByPoints) {
    return decided(
      'review',
      'pain_worse',
      `Pain worse: NPRS ${nprs.pair.baseline}/10 at baseline, ${nprs.pair.latest}/10 now (${rules.painWorseByPoints} points or more up). Review before anything else.`,
    );
  }
  if (!measured.some((m) => m.change.meaningful)) {
    if (input.weeksInCare >= rules.reassessFromWeeks) {
      return decided(
        'refer_or_reassess',
        'no_meaningful_change_12_weeks',
        `${input.weeksInCare} weeks in care and no change that matters on any recorded measure (${measuresText(measured)}): reassess, or refer.`,
      );
    }
    if (input.weeksInCare >= rules.reviewFromWeeks) {
      return decided(
        'review',
        'no_meaningful_change_4_weeks',
        `${input.weeksInCare} weeks in care and no change that matters on any recorded measure (${measuresText(measured)}): an early lack of change predicts a poor course; review the plan.`,
      );
    }
  }

  const functional = measured.filter((m) => m.instrument === 'odi' || m.instrument === 'rmdq');
  const functionImproved = functional.filter((m) => m.change.meaningful);
  const odiAcceptable = !odi || odi.pair.latest <= rules.acceptableOdiUpTo;
  const nprsAcceptable = nprs !== undefined && nprs.pair.latest <= rules.acceptableNprsUpTo;
  const psfsImproved = !psfs || psfs.change.meaningful;
  const adherent = input.adherencePercent >= SATISFACTORY_ADHERENCE_PERCENT;

  if (functionImproved.length > 0 && odiAcceptable && nprsAcceptable && psfsImproved && adherent) {
    const state = [
      ...(odi ? [`ODI ${odi.pair.latest} (${rules.acceptableOdiUpTo} or less)`] : []),
      `NPRS ${nprs.pair.latest}/10 (${rules.acceptableNprsUpTo} or less)`,
    ];
    return {
      status: 'ready',
      reasons: [
        { code: 'function_improved', text: `Function improved by a change that matters: ${measuresText(functionImproved)}.` },
        { code: 'acceptable_state', text: `Acceptable symptom state: ${state.join(', ')}.` },
        { code: 'adherent', text: `Adherence ${input.adherencePercent} %, ${SATISFACTORY_ADHERENCE_PERCENT} % or more.` },
      ],
      maintenance: maintenanceFor(input.priorEpisodes),
      rulesetVersion: RULESET_VERSION,
    };
  }

  const unmet: DischargeReason[] = [];
  if (functional.length === 0) {
    unmet.push({ code: 'function_missing', text: 'Neither ODI nor RMDQ recorded: function cannot be judged.' });
  } else if (functionImproved.length === 0) {
    unmet.push({
      code: 'function_not_improved',
      text: `Function not yet improved by a change that matters: ${measuresText(functional)}.`,
    });
  }
  if (!odiAcceptable) {
    unmet.push({
      code: 'odi_above_22',
      text: `ODI ${odi.pair.latest}, above ${rules.acceptableOdiUpTo}: not yet an acceptable symptom state.`,
    });
  }
  if (!nprs) {
    unmet.push({ code: 'nprs_missing', text: 'NPRS not recorded: the symptom state cannot be judged.' });
  } else if (!nprsAcceptable) {
    unmet.push({
      code: 'pain_above_4',
      text: `Pain ${nprs.pair.latest}/10, above ${rules.acceptableNprsUpTo}/10: not yet an acceptable symptom state.`,
    });
  }
  if (!psfsImproved) {
    unmet.push({
      code: 'psfs_not_improved',
      text: `PSFS not yet improved by a change that matters: ${measureText(psfs)}.`,
    });
  }
  if (!adherent) {
    unmet.push({
      code: 'adherence_below_80',
      text: `Adherence ${input.adherencePercent} %, under ${SATISFACTORY_ADHERENCE_PERCENT} %.`,
    });
  }
  return { status: 'continue', reasons: unmet, rulesetVersion: RULESET_VERSION };
}
