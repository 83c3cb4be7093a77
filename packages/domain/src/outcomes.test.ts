import fc from 'fast-check';
import { ODI_BANDS, type Instrument, type OdiBand } from './codes.js';
import { DomainValidationError } from './errors.js';
import { meaningfulChange, odiBand, scoreNprs, scoreOdi, scorePsfs, scoreRmdq } from './outcomes.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

const n = null;

describe('odiBand', () => {
  it.each<[number, OdiBand]>([
    [0, 'minimal'],
    [20, 'minimal'],
    [20.1, 'moderate'],
    [40, 'moderate'],
    [40.1, 'severe'],
    [60, 'severe'],
    [60.1, 'crippled'],
    [80, 'crippled'],
    [80.1, 'bed_bound'],
    [100, 'bed_bound'],
  ])('%p %% -> %s', (percent, band) => {
    expect(odiBand(percent)).toBe(band);
  });
});

describe('scoreOdi', () => {
  it.each<[(number | null)[], number, OdiBand, number]>([
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'minimal', 10],
    [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 20, 'minimal', 10],
    [[2, 1, 1, 1, 1, 1, 1, 1, 1, 1], 22, 'moderate', 10],
    [[1, 1, 1, 1, 1, 1, 1, 1, 1, n], 20, 'minimal', 9],
    [[2, 1, 1, 1, 1, 1, 1, 1, 1, n], 22.2, 'moderate', 9],
    [[1, 1, 1, 1, 1, 1, 0, 1, 0, n], 15.6, 'minimal', 9],
    [[3, 3, 3, 3, 3, 3, 3, 3, n, n], 60, 'severe', 8],
    [[4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 80, 'crippled', 10],
    [[5, 4, 4, 4, 4, 4, 4, 4, 4, 4], 82, 'bed_bound', 10],
    [[5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 100, 'bed_bound', 10],
  ])('%p -> %p %% %s', (sections, percent, band, answered) => {
    expect(scoreOdi(sections)).toEqual({ percent, band, answered });
  });

  it.each<[string, unknown, string[]]>([
    ['fewer than 8 answered', [1, 1, 1, 1, 1, 1, 1, n, n, n], ['sections']],
    ['9 sections', [1, 1, 1, 1, 1, 1, 1, 1, 1], ['sections']],
    ['11 sections', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], ['sections']],
    ['a score of 6', [1, 1, 6, 1, 1, 1, 1, 1, 1, 1], ['sections[2]']],
    ['a negative score', [1, 1, 1, -1, 1, 1, 1, 1, 1, 1], ['sections[3]']],
    ['a fraction', [1, 1, 1, 1, 2.5, 1, 1, 1, 1, 1], ['sections[4]']],
    ['a string', ['3', 1, 1, 1, 1, 1, 1, 1, 1, 1], ['sections[0]']],
    ['undefined', [undefined, 1, 1, 1, 1, 1, 1, 1, 1, 1], ['sections[0]']],
    ['not a list', { 0: 1 }, ['sections']],
    ['everything at once', [6, 'x', 1, 1, 1, 1, 1, 1, 1], ['sections', 'sections[0]', 'sections[1]']],
  ])('rejects %s', (_label, sections, fields) => {
    expect(fieldsOf(() => scoreOdi(sections as (number | null)[]))).toEqual(fields);
  });

  it('says how many were answered when too few', () => {
    expect(() => scoreOdi([1, 1, 1, 1, 1, 1, 1, n, n, n])).toThrow(/at least 8 of 10 sections must be answered \(7 were\)/);
  });

  it('stays within 0-100 and in the band of its percent (property)', () => {
    const section = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constant(null) });
    fc.assert(
      fc.property(fc.array(section, { minLength: 10, maxLength: 10 }), (sections) => {
        const answered = sections.filter((s) => s !== null).length;
        if (answered < 8) {
          expect(() => scoreOdi(sections)).toThrow(DomainValidationError);
          return;
        }
        const score = scoreOdi(sections);
        expect(score.percent).toBeGreaterThanOrEqual(0);
        expect(score.percent).toBeLessThanOrEqual(100);
        expect(score.answered).toBe(answered);
        expect(ODI_BANDS).toContain(score.band);
        expect(score.band).toBe(odiBand(score.percent));
      }),
    );
  });
});

describe('scoreRmdq', () => {
  const answers = (yes: number): boolean[] => Array.from({ length: 24 }, (_, i) => i < yes);

  it.each([0, 1, 12, 24])('%i yes -> score %i', (yes) => {
    expect(scoreRmdq(answers(yes))).toEqual({ score: yes });
  });

  it.each<[string, unknown, string[]]>([
    ['23 answers', answers(3).slice(1), ['items']],
    ['a non-boolean', [...answers(3).slice(1), 'yes'], ['items[23]']],
    ['not a list', 'yes', ['items']],
  ])('rejects %s', (_label, items, fields) => {
    expect(fieldsOf(() => scoreRmdq(items as boolean[]))).toEqual(fields);
  });
});

describe('scorePsfs', () => {
  it.each<[number[], number]>([
    [[0], 0],
    [[10], 10],
    [[3, 4], 3.5],
    [[3, 4, 4], 3.7],
    [[2, 2, 3], 2.3],
    [[1, 2, 3, 4, 10], 4],
  ])('%p -> %p', (ratings, score) => {
    expect(scorePsfs(ratings)).toEqual({ score, activities: ratings.length });
  });

  it.each<[string, unknown, string[]]>([
    ['no activity', [], ['ratings']],
    ['six activities', [1, 2, 3, 4, 5, 6], ['ratings']],
    ['a rating of 11', [3, 11], ['ratings[1]']],
    ['a fractional rating', [3.5], ['ratings[0]']],
    ['a string rating', ['7'], ['ratings[0]']],
    ['not a list', 7, ['ratings']],
  ])('rejects %s', (_label, ratings, fields) => {
    expect(fieldsOf(() => scorePsfs(ratings as number[]))).toEqual(fields);
  });
});

describe('scoreNprs', () => {
  it.each([0, 4, 10])('%i is a valid score', (value) => {
    expect(scoreNprs(value)).toEqual({ score: value });
  });

  it.each([-1, 11, 4.5, '4', null])('rejects %p', (value) => {
    expect(fieldsOf(() => scoreNprs(value as number))).toEqual(['value']);
  });
});

describe('meaningfulChange', () => {
  it.each<[Instrument, number, number, number, boolean, boolean]>([
    ['odi', 40, 30, -10, true, true],
    ['odi', 40, 30.1, -9.9, true, false],
    ['odi', 40, 45, 5, false, false],
    ['odi', 22.2, 12.2, -10, true, true],
    ['nprs', 6, 4, -2, true, true],
    ['nprs', 6, 5, -1, true, false],
    ['nprs', 3, 2, -1, true, true],
    ['nprs', 10, 7, -3, true, true],
    ['nprs', 10, 8, -2, true, true],
    ['nprs', 10, 9, -1, true, false],
    ['nprs', 4, 3, -1, true, false],
    ['nprs', 0, 0, 0, false, false],
    ['nprs', 2, 5, 3, false, false],
    ['rmdq', 10, 5, -5, true, true],
    ['rmdq', 10, 6, -4, true, false],
    ['rmdq', 10, 12, 2, false, false],
    ['psfs', 3, 5, 2, true, true],
    ['psfs', 3, 4.9, 1.9, true, false],
    ['psfs', 3.2, 5.4, 2.2, true, true],
    ['psfs', 5, 2, -3, false, false],
    ['psfs', 4, 4, 0, false, false],
  ])('%s %p -> %p: change %p, improved %p, meaningful %p', (instrument, baseline, current, change, improved, meaningful) => {
    expect(meaningfulChange(instrument, baseline, current)).toEqual({ change, improved, meaningful });
  });

  it.each<[string, [unknown, unknown, unknown], string[]]>([
    ['an unknown instrument and bad numbers', ['sf36', 'a', Number.NaN], ['instrument', 'baseline', 'current']],
    ['an unknown instrument only', ['sf36', 3, 4], ['instrument']],
    ['an ODI over 100', ['odi', 101, 20], ['baseline']],
    ['a fractional NPRS', ['nprs', 5, 2.5], ['current']],
    ['an RMDQ over 24', ['rmdq', 25, -1], ['baseline', 'current']],
    ['a PSFS over 10', ['psfs', 3, 10.5], ['current']],
  ])('rejects %s', (_label, [instrument, baseline, current], fields) => {
    expect(fieldsOf(() => meaningfulChange(instrument as Instrument, baseline as number, current as number))).toEqual(fields);
  });
});
