import { DomainValidationError } from './errors.js';
import { painAlert, type PainLog } from './pain-alert.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

describe('painAlert', () => {
  it.each<[number, number | undefined, string[] | null]>([
    [6, undefined, null],
    [7, undefined, ['pain_high']],
    [10, undefined, ['pain_high']],
    [0, undefined, null],
    [5, 3, null],
    [6, 3, ['pain_jump']],
    [5, 2, ['pain_jump']],
    [6, 4, null],
    [8, 5, ['pain_high', 'pain_jump']],
    [8, 6, ['pain_high']],
    [2, 9, null],
  ])('pain %i after %p -> %p', (pain, previous, reasons) => {
    const alert = painAlert({ pain }, previous === undefined ? undefined : { pain: previous });
    if (reasons === null) {
      expect(alert).toBeNull();
      return;
    }
    expect(alert).toMatchObject({ code: 'pain_alert', reasons });
  });

  it('explains itself', () => {
    expect(painAlert({ pain: 8 }, { pain: 4 })!.text).toBe(
      'Pain logged at 8/10 (7 or more). Pain up 4 points, from 4/10 at the previous log to 8/10. Contact the patient and review the plan.',
    );
    expect(painAlert({ pain: 5 }, { pain: 1 })!.text).toBe('Pain up 4 points, from 1/10 at the previous log to 5/10. Contact the patient and review the plan.');
  });

  it('treats a null previous log as none and ignores other fields', () => {
    expect(painAlert({ pain: 5 }, null)).toBeNull();
    const log = { pain: 7, date: '2026-03-04', completedExercises: [] } as PainLog;
    expect(painAlert(log)!.reasons).toEqual(['pain_high']);
  });

  it.each<[unknown, unknown, string[]]>([
    [{ pain: 11 }, { pain: -1 }, ['log.pain', 'previousLog.pain']],
    [{ pain: '7' }, undefined, ['log.pain']],
    [{ pain: 6.5 }, { pain: 2 }, ['log.pain']],
    [null, 'x', ['log', 'previousLog']],
    [{}, {}, ['log.pain', 'previousLog.pain']],
  ])('rejects %p after %p', (log, previous, fields) => {
    expect(fieldsOf(() => painAlert(log as PainLog, previous as PainLog))).toEqual(fields);
  });
});
