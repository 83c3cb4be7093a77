import fc from 'fast-check';
import { RED_FLAG_CODES, type RedFlagCode } from './codes.js';
import { DomainValidationError } from './errors.js';
import { EMERGENCY_RED_FLAGS, RED_FLAG_TEXTS, URGENT_RED_FLAGS, screenRedFlags, type RedFlagInput } from './red-flags.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

const codes = (input: RedFlagInput): string[] => screenRedFlags(input).reasons.map((r) => r.code);

describe('screenRedFlags: emergency', () => {
  it.each(EMERGENCY_RED_FLAGS)('%s alone is an emergency', (code) => {
    const screen = screenRedFlags({ age: 35, redFlags: [code] });
    expect(screen.level).toBe('emergency');
    expect(screen.reasons).toEqual([{ code, level: 'emergency', text: RED_FLAG_TEXTS[code] }]);
  });

  it('the pain area both_legs implies bilateral_leg_symptoms', () => {
    const screen = screenRedFlags({ age: 35, redFlags: [], painAreas: ['lower_back', 'both_legs'] });
    expect(screen.level).toBe('emergency');
    expect(screen.reasons).toHaveLength(1);
    expect(screen.reasons[0].code).toBe('bilateral_leg_symptoms');
    expect(screen.reasons[0].text).toMatch(/both_legs/);
  });

  it('both_legs together with the ticked flag gives one reason with the flag text', () => {
    const screen = screenRedFlags({ age: 35, redFlags: ['bilateral_leg_symptoms'], painAreas: ['both_legs'] });
    expect(screen.reasons).toEqual([{ code: 'bilateral_leg_symptoms', level: 'emergency', text: RED_FLAG_TEXTS.bilateral_leg_symptoms }]);
  });

  it('other pain areas raise nothing', () => {
    expect(screenRedFlags({ age: 35, redFlags: [], painAreas: ['below_knee_one_leg', 'hips'] }).level).toBe('clear');
  });
});

describe('screenRedFlags: urgent', () => {
  it.each(URGENT_RED_FLAGS)('%s alone is urgent', (code) => {
    const screen = screenRedFlags({ age: 35, redFlags: [code] });
    expect(screen.level).toBe('urgent');
    expect(screen.reasons).toEqual([{ code, level: 'urgent', text: RED_FLAG_TEXTS[code] }]);
  });

  it.each<[number, RedFlagCode[], string, { code: string; level: string }[]]>([
    [50, ['minor_trauma'], 'review', [{ code: 'minor_trauma', level: 'review' }]],
    [
      51,
      ['minor_trauma'],
      'urgent',
      [
        { code: 'minor_trauma', level: 'urgent' },
        { code: 'age_review', level: 'review' },
      ],
    ],
    [
      30,
      ['minor_trauma', 'osteoporosis'],
      'urgent',
      [
        { code: 'minor_trauma', level: 'urgent' },
        { code: 'osteoporosis', level: 'urgent' },
      ],
    ],
    [
      70,
      ['osteoporosis', 'minor_trauma'],
      'urgent',
      [
        { code: 'minor_trauma', level: 'urgent' },
        { code: 'osteoporosis', level: 'urgent' },
        { code: 'age_review', level: 'review' },
      ],
    ],
    [30, ['osteoporosis'], 'review', [{ code: 'osteoporosis', level: 'review' }]],
    [
      60,
      ['osteoporosis'],
      'review',
      [
        { code: 'osteoporosis', level: 'review' },
        { code: 'age_review', level: 'review' },
      ],
    ],
  ])('age %i with %p -> %s', (age, redFlags, level, reasons) => {
    const screen = screenRedFlags({ age, redFlags });
    expect(screen.level).toBe(level);
    expect(screen.reasons.map(({ code, level: l }) => ({ code, level: l }))).toEqual(reasons);
  });

  it('explains why minor trauma is urgent', () => {
    const texts = (age: number, redFlags: RedFlagCode[]): string => screenRedFlags({ age, redFlags }).reasons[0].text;
    expect(texts(51, ['minor_trauma'])).toBe('Minor trauma with age 51: rule out fracture.');
    expect(texts(30, ['minor_trauma', 'osteoporosis'])).toBe('Minor trauma with osteoporosis: rule out fracture.');
    expect(texts(70, ['minor_trauma', 'osteoporosis'])).toBe('Minor trauma with age 70 and osteoporosis: rule out fracture.');
  });
});

describe('screenRedFlags: review and clear by age', () => {
  it.each([
    [0, 'review'],
    [19, 'review'],
    [20, 'clear'],
    [35, 'clear'],
    [50, 'clear'],
    [51, 'review'],
    [120, 'review'],
  ])('age %i with no flags -> %s', (age, level) => {
    const screen = screenRedFlags({ age, redFlags: [] });
    expect(screen.level).toBe(level);
    expect(screen.reasons.map((r) => r.code)).toEqual(level === 'review' ? ['age_review'] : []);
  });

  it('says the age is a reason to look harder, not a referral', () => {
    expect(screenRedFlags({ age: 19, redFlags: [] }).reasons[0].text).toMatch(/Age 19 .*not a referral/);
  });
});

describe('screenRedFlags: the highest level wins and every code is listed', () => {
  it('lists emergency reasons first, then urgent, then review', () => {
    const screen = screenRedFlags({
      age: 60,
      redFlags: ['fever', 'osteoporosis', 'saddle_anaesthesia', 'cancer_history', 'bladder_dysfunction'],
    });
    expect(screen.level).toBe('emergency');
    expect(screen.reasons.map((r) => [r.code, r.level])).toEqual([
      ['saddle_anaesthesia', 'emergency'],
      ['bladder_dysfunction', 'emergency'],
      ['fever', 'urgent'],
      ['cancer_history', 'urgent'],
      ['osteoporosis', 'review'],
      ['age_review', 'review'],
    ]);
  });

  it('counts a repeated code once', () => {
    expect(codes({ age: 30, redFlags: ['fever', 'fever'] })).toEqual(['fever']);
  });

  it('treats missing or null pain areas as none', () => {
    expect(screenRedFlags({ age: 30, redFlags: [], painAreas: null }).level).toBe('clear');
    expect(screenRedFlags({ age: 30, redFlags: [] })).toEqual({ level: 'clear', reasons: [] });
  });

  it('any emergency code always makes the screen an emergency (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.constantFrom(...EMERGENCY_RED_FLAGS), fc.subarray([...RED_FLAG_CODES]), (age, emergency, others) => {
        const screen = screenRedFlags({ age, redFlags: [...others, emergency] });
        expect(screen.level).toBe('emergency');
        expect(screen.reasons[0].level).toBe('emergency');
      }),
    );
  });
});

describe('screenRedFlags: validation', () => {
  it('lists every bad field at once', () => {
    expect(fieldsOf(() => screenRedFlags({ age: '40', redFlags: ['fever', 'nope', 3], painAreas: ['knee'] } as unknown as RedFlagInput))).toEqual([
      'age',
      'redFlags[1]',
      'redFlags[2]',
      'painAreas[0]',
    ]);
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', null, ['input']],
    ['an array', [], ['input']],
    ['age out of range', { age: 121, redFlags: [] }, ['age']],
    ['negative age', { age: -1, redFlags: [] }, ['age']],
    ['fractional age', { age: 40.5, redFlags: [] }, ['age']],
    ['red flags missing', { age: 40 }, ['redFlags']],
    ['pain areas not a list', { age: 40, redFlags: [], painAreas: 'hips' }, ['painAreas']],
  ])('rejects %s', (_label, input, fields) => {
    expect(fieldsOf(() => screenRedFlags(input as RedFlagInput))).toEqual(fields);
  });
});
