import { DomainValidationError, ODI, PSFS, RMDQ_ITEMS, scoreNprs, scoreOdi, scorePsfs, scoreRmdq, type Instrument, type OdiBand } from '@upright/domain';
import { AppError, FieldError } from '../common/app-error.js';

export interface ScoredAnswers {
  score: number;
  /** The ODI band; null for the other instruments. */
  band: OdiBand | null;
}

/** More items than any instrument has: refused at once rather than checked one by one. */
const MAX_ITEMS = Math.max(ODI.sections, RMDQ_ITEMS, PSFS.maxActivities);

/**
 * Scores the answers of an outcome measure with the domain's scorer for the instrument. Their shape depends on
 * the instrument, so the scorer is also what validates them; its field names (`sections[3]`, `items`, `ratings`,
 * `value`) are renamed to the request's (`answers[3]`, `answers`), so the 400 names what the client sent.
 */
export function scoreAnswers(instrument: Instrument, answers: unknown): ScoredAnswers {
  if (Array.isArray(answers) && answers.length > MAX_ITEMS) {
    throw invalid([{ field: 'answers', message: `has ${answers.length} answers; ${instrument} has at most ${maxItems(instrument)}` }]);
  }
  try {
    switch (instrument) {
      case 'odi': {
        const { percent, band } = scoreOdi(answers as (number | null)[]);
        return { score: percent, band };
      }
      case 'nprs':
        return { score: scoreNprs(answers as number).score, band: null };
      case 'rmdq':
        return { score: scoreRmdq(answers as boolean[]).score, band: null };
      case 'psfs':
        return { score: scorePsfs(answers as number[]).score, band: null };
    }
  } catch (error) {
    if (error instanceof DomainValidationError) {
      throw invalid(error.errors.map((e) => ({ field: e.field.replace(/^[A-Za-z]+/, 'answers'), message: e.message })));
    }
    throw error;
  }
}

function maxItems(instrument: Instrument): number {
  return { odi: ODI.sections, nprs: 1, rmdq: RMDQ_ITEMS, psfs: PSFS.maxActivities }[instrument];
}

function invalid(errors: FieldError[]): AppError {
  return AppError.fields(errors);
}
