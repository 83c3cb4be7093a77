/**
 * Rule 6, outcome measures: scoring and what counts as a change that matters.
 *
 * The Oswestry Disability Index text is licensed (Mapi Research Trust): Upright records the section scores the
 * clinician enters and ships no questionnaire wording.
 */
import { INSTRUMENTS, type Instrument, type OdiBand } from './codes.js';
import { roundTo } from './rounding.js';
import { Problems, eachItem, checkArray, checkBoolean, checkCode, checkInteger, checkNumber, field } from './validation.js';

/** The fixed shape of the ODI: 10 sections scored 0-5, at least 8 answered. */
export const ODI = { sections: 10, maxPerSection: 5, minAnswered: 8 } as const;

/**
 * ODI bands by percent, upper bound inclusive: 0-20 minimal, >20-40 moderate, >40-60 severe, >60-80 crippled;
 * above 80 is `bed_bound`.
 */
export const ODI_BAND_LIMITS: readonly { band: OdiBand; upTo: number }[] = [
  { band: 'minimal', upTo: 20 },
  { band: 'moderate', upTo: 40 },
  { band: 'severe', upTo: 60 },
  { band: 'crippled', upTo: 80 },
];

export const RMDQ_ITEMS = 24;
export const PSFS = { minActivities: 1, maxActivities: 5, maxRating: 10 } as const;

export interface OdiScore {
  /** sum / (5 x answered) x 100, 1 decimal. */
  percent: number;
  band: OdiBand;
  /** Sections answered (8-10). */
  answered: number;
}

/** The ODI band of a percentage (0-100): the first band whose upper bound it does not exceed, else `bed_bound`. */
export function odiBand(percent: number): OdiBand {
  const limit = ODI_BAND_LIMITS.find((b) => percent <= b.upTo);
  return limit ? limit.band : 'bed_bound';
}

/**
 * Score the Oswestry Disability Index from its 10 section scores (integers 0-5, `null` = unanswered).
 * percent = sum / (5 x answered) x 100, rounded to 1 decimal; the band is read from that rounded percent.
 *
 * @throws DomainValidationError when the list is not 10 long, a score is not an integer 0-5 or null
 *   (`sections[3]`), or fewer than 8 sections are answered.
 */
export function scoreOdi(sections: readonly (number | null)[]): OdiScore {
  const p = new Problems();
  if (checkArray(p, 'sections', sections)) {
    if (sections.length !== ODI.sections) p.add('sections', `must have exactly ${ODI.sections} section scores`);
    eachItem(sections, (value, i) => {
      if (value !== null) checkInteger(p, field('sections', i), value, 0, ODI.maxPerSection);
    });
    const answered = sections.filter((v) => v !== null).length;
    if (!p.any && answered < ODI.minAnswered) {
      p.add('sections', `at least ${ODI.minAnswered} of ${ODI.sections} sections must be answered (${answered} were)`);
    }
  }
  p.throwIfAny();
  const answeredScores = sections.filter((v): v is number => v !== null);
  const sum = answeredScores.reduce((a, b) => a + b, 0);
  const percent = roundTo((sum / (ODI.maxPerSection * answeredScores.length)) * 100, 1);
  return { percent, band: odiBand(percent), answered: answeredScores.length };
}

/**
 * Score the Roland-Morris Disability Questionnaire: 24 yes/no items, score = number of yes (0-24).
 *
 * @throws DomainValidationError when the list is not 24 long or an item is not a boolean (`items[5]`).
 */
export function scoreRmdq(items: readonly boolean[]): { score: number } {
  const p = new Problems();
  if (checkArray(p, 'items', items)) {
    if (items.length !== RMDQ_ITEMS) p.add('items', `must have exactly ${RMDQ_ITEMS} answers`);
    eachItem(items, (item, i) => checkBoolean(p, field('items', i), item));
  }
  p.throwIfAny();
  return { score: items.filter((item) => item).length };
}

/**
 * Score the Patient-Specific Functional Scale: 1-5 activities each rated 0-10 (integers, 10 = able to do it as
 * before); score = the mean, 1 decimal. Higher is better.
 *
 * @throws DomainValidationError when there are not 1-5 ratings or a rating is not an integer 0-10.
 */
export function scorePsfs(ratings: readonly number[]): { score: number; activities: number } {
  const p = new Problems();
  if (checkArray(p, 'ratings', ratings)) {
    if (ratings.length < PSFS.minActivities || ratings.length > PSFS.maxActivities) {
      p.add('ratings', `must rate between ${PSFS.minActivities} and ${PSFS.maxActivities} activities`);
    }
    eachItem(ratings, (rating, i) => checkInteger(p, field('ratings', i), rating, 0, PSFS.maxRating));
  }
  p.throwIfAny();
  const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
  return { score: roundTo(mean, 1), activities: ratings.length };
}

/**
 * Check a Numeric Pain Rating Scale answer: an integer 0-10.
 *
 * @throws DomainValidationError otherwise.
 */
export function scoreNprs(value: number): { score: number } {
  const p = new Problems();
  checkInteger(p, 'value', value, 0, 10);
  p.throwIfAny();
  return { score: value };
}

interface ChangeRule {
  /** The range of a score (as the scorers return it). */
  min: number;
  max: number;
  /** Scores are whole numbers. */
  integer: boolean;
  /** Only PSFS goes up as the patient improves. */
  higherIsBetter: boolean;
  /** An improvement of at least this many points matters... */
  points: number;
  /** ...or at least this share of the baseline (NPRS only). */
  percentOfBaseline?: number;
}

/** Smallest improvements that matter (Ostelo 2008), with each instrument's range and direction. */
export const MEANINGFUL_CHANGE: { readonly [I in Instrument]: ChangeRule } = {
  odi: { min: 0, max: 100, integer: false, higherIsBetter: false, points: 10 },
  nprs: { min: 0, max: 10, integer: true, higherIsBetter: false, points: 2, percentOfBaseline: 30 },
  rmdq: { min: 0, max: 24, integer: true, higherIsBetter: false, points: 5 },
  psfs: { min: 0, max: 10, integer: false, higherIsBetter: true, points: 2 },
};

export interface OutcomeChange {
  /** `current - baseline`, rounded to 1 decimal. */
  change: number;
  /** Moved the good way (down, or up for PSFS). */
  improved: boolean;
  /** Improved by at least the smallest change that matters. */
  meaningful: boolean;
}

/**
 * Whether the change from `baseline` to `current` is an improvement that matters (Ostelo 2008):
 * ODI >= 10 points, NPRS >= 2 points or >= 30 % of baseline, RMDQ >= 5 points, PSFS >= 2 points
 * (higher is better for PSFS only). `change = current - baseline`. Scores are as the scorers return them
 * (ODI percent, NPRS 0-10, RMDQ 0-24, PSFS mean).
 *
 * @throws DomainValidationError for an unknown instrument or a score out of its range.
 */
export function meaningfulChange(instrument: Instrument, baseline: number, current: number): OutcomeChange {
  const p = new Problems();
  if (checkCode(p, 'instrument', instrument, INSTRUMENTS)) {
    const rule = MEANINGFUL_CHANGE[instrument];
    const check = rule.integer ? checkInteger : checkNumber;
    check(p, 'baseline', baseline, rule.min, rule.max);
    check(p, 'current', current, rule.min, rule.max);
  } else {
    checkNumber(p, 'baseline', baseline, Number.NEGATIVE_INFINITY);
    checkNumber(p, 'current', current, Number.NEGATIVE_INFINITY);
  }
  p.throwIfAny();

  const rule = MEANINGFUL_CHANGE[instrument];
  const change = roundTo(current - baseline, 1);
  const gain = rule.higherIsBetter ? change : -change;
  const improved = gain > 0;
  const byPoints = gain >= rule.points;
  const byPercent = rule.percentOfBaseline !== undefined && gain * 100 >= rule.percentOfBaseline * baseline;
  return { change, improved, meaningful: improved && (byPoints || byPercent) };
}
