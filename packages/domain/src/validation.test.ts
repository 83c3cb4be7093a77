import { DomainValidationError } from './errors.js';
import {
  Problems,
  checkArray,
  checkBoolean,
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
  isRecord,
} from './validation.js';

function run(check: (p: Problems) => boolean): { ok: boolean; errors: Problems['errors'] } {
  const p = new Problems();
  const ok = check(p);
  return { ok, errors: p.errors };
}

describe('Problems', () => {
  it('does nothing when there is no problem', () => {
    const p = new Problems();
    expect(p.any).toBe(false);
    expect(() => p.throwIfAny()).not.toThrow();
  });

  it('throws every problem at once', () => {
    const p = new Problems();
    p.add('a', 'bad');
    p.add('b.c', 'worse');
    expect(p.any).toBe(true);
    expect(() => p.throwIfAny()).toThrow(DomainValidationError);
    try {
      p.throwIfAny();
    } catch (e) {
      expect((e as DomainValidationError).errors).toEqual([
        { field: 'a', message: 'bad' },
        { field: 'b.c', message: 'worse' },
      ]);
    }
  });
});

describe('field', () => {
  it.each([
    ['measurements', 'aslr', 'measurements.aslr'],
    ['painAreas', 2, 'painAreas[2]'],
    ['', 'age', 'age'],
    ['logs[1]', 'date', 'logs[1].date'],
  ])('field(%p, %p) = %p', (base, key, expected) => {
    expect(field(base, key)).toBe(expected);
  });
});

describe('isRecord / checkRecord / checkArray', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [null, false],
    [[], false],
    ['x', false],
    [undefined, false],
  ])('isRecord(%p) = %p', (value, expected) => {
    expect(isRecord(value)).toBe(expected);
    expect(run((p) => checkRecord(p, 'x', value)).ok).toBe(expected);
  });

  it('reports a non-object and a non-array', () => {
    expect(run((p) => checkRecord(p, 'x', 3)).errors).toEqual([{ field: 'x', message: 'must be an object' }]);
    expect(run((p) => checkArray(p, 'y', {})).errors).toEqual([{ field: 'y', message: 'must be an array' }]);
    expect(run((p) => checkArray(p, 'y', [])).ok).toBe(true);
  });
});

describe('checkNumber', () => {
  it.each([
    [0, true, undefined],
    [240, true, undefined],
    [12.5, true, undefined],
    [-0.1, false, 'must be between 0 and 240'],
    [240.1, false, 'must be between 0 and 240'],
    ['12', false, 'must be a number'],
    [Number.NaN, false, 'must be a number'],
    [Number.POSITIVE_INFINITY, false, 'must be a number'],
    [null, false, 'must be a number'],
  ])('%p in [0, 240] -> %p', (value, ok, message) => {
    const result = run((p) => checkNumber(p, 'n', value, 0, 240));
    expect(result.ok).toBe(ok);
    expect(result.errors[0]?.message).toBe(message);
  });

  it('has no upper bound by default', () => {
    expect(run((p) => checkNumber(p, 'n', 1e9, 0)).ok).toBe(true);
    expect(run((p) => checkNumber(p, 'n', -1, 0)).errors[0].message).toBe('must be >= 0');
  });
});

describe('checkInteger', () => {
  it.each([
    [0, true, undefined],
    [10, true, undefined],
    [3.5, false, 'must be an integer'],
    ['3', false, 'must be an integer'],
    [-1, false, 'must be between 0 and 10'],
    [11, false, 'must be between 0 and 10'],
  ])('%p in [0, 10] -> %p', (value, ok, message) => {
    const result = run((p) => checkInteger(p, 'i', value, 0, 10));
    expect(result.ok).toBe(ok);
    expect(result.errors[0]?.message).toBe(message);
  });

  it('has no upper bound by default', () => {
    expect(run((p) => checkInteger(p, 'i', 1_000_000, 0)).ok).toBe(true);
    expect(run((p) => checkInteger(p, 'i', -1, 0)).errors[0].message).toBe('must be >= 0');
  });
});

describe('checkBoolean, checkCode, checkDate', () => {
  it.each([
    [true, true],
    [false, true],
    ['true', false],
    [1, false],
  ])('checkBoolean(%p) = %p', (value, ok) => {
    expect(run((p) => checkBoolean(p, 'b', value)).ok).toBe(ok);
  });

  it.each([
    ['left', true],
    ['middle', false],
    [1, false],
    [null, false],
  ])('checkCode(%p) = %p', (value, ok) => {
    const result = run((p) => checkCode(p, 'side', value, ['left', 'right']));
    expect(result.ok).toBe(ok);
    if (!ok) expect(result.errors).toEqual([{ field: 'side', message: 'must be one of: left, right' }]);
  });

  it.each([
    ['2026-11-01', true],
    ['2026-02-30', false],
    ['yesterday', false],
    [20261101, false],
  ])('checkDate(%p) = %p', (value, ok) => {
    const result = run((p) => checkDate(p, 'd', value));
    expect(result.ok).toBe(ok);
    if (!ok) expect(result.errors[0].message).toBe('must be a valid date written YYYY-MM-DD');
  });
});

describe('isAbsent, checkNullableBoolean, checkText', () => {
  it.each([
    [undefined, true],
    [null, true],
    [0, false],
    ['', false],
    [false, false],
  ])('isAbsent(%p) = %p', (value, absent) => {
    expect(isAbsent(value)).toBe(absent);
  });

  it.each([
    [true, true],
    [false, true],
    [null, true],
    ['false', false],
    [0, false],
  ])('checkNullableBoolean(%p) = %p', (value, ok) => {
    const result = run((p) => checkNullableBoolean(p, 'b', value));
    expect(result.ok).toBe(ok);
    if (!ok) expect(result.errors).toEqual([{ field: 'b', message: 'must be true, false or null' }]);
  });

  it.each([
    ['e1', true],
    [' ', true],
    ['', false],
    [7, false],
    [null, false],
  ])('checkText(%p) = %p', (value, ok) => {
    const result = run((p) => checkText(p, 'id', value));
    expect(result.ok).toBe(ok);
    if (!ok) expect(result.errors).toEqual([{ field: 'id', message: 'must be a non-empty string' }]);
  });
});

describe('checkCodeList', () => {
  const allowed = ['a', 'b'] as const;

  it('accepts an array of known codes, duplicates included', () => {
    expect(run((p) => checkCodeList(p, 'codes', ['a', 'b', 'a'], allowed)).ok).toBe(true);
    expect(run((p) => checkCodeList(p, 'codes', [], allowed)).ok).toBe(true);
  });

  it('names every bad item by its index', () => {
    const result = run((p) => checkCodeList(p, 'codes', ['a', 'x', 3, 'b', null], allowed));
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.field)).toEqual(['codes[1]', 'codes[2]', 'codes[4]']);
  });

  it('rejects a non-array', () => {
    expect(run((p) => checkCodeList(p, 'codes', 'a', allowed)).errors).toEqual([{ field: 'codes', message: 'must be an array' }]);
  });
});

describe('a missing value', () => {
  it.each<[string, (p: Problems) => boolean]>([
    ['checkRecord', (p) => checkRecord(p, 'x', undefined)],
    ['checkArray', (p) => checkArray(p, 'x', undefined)],
    ['checkNumber', (p) => checkNumber(p, 'x', undefined, 0)],
    ['checkInteger', (p) => checkInteger(p, 'x', undefined, 0)],
    ['checkBoolean', (p) => checkBoolean(p, 'x', undefined)],
    ['checkCode', (p) => checkCode(p, 'x', undefined, ['a'])],
    ['checkCodeList', (p) => checkCodeList(p, 'x', undefined, ['a'])],
    ['checkDate', (p) => checkDate(p, 'x', undefined)],
    ['checkNullableBoolean', (p) => checkNullableBoolean(p, 'x', undefined)],
    ['checkText', (p) => checkText(p, 'x', undefined)],
  ])('%s says it is required', (_name, check) => {
    expect(run(check)).toEqual({ ok: false, errors: [{ field: 'x', message: 'is required' }] });
  });
});

describe('eachItem', () => {
  it('visits the holes of a sparse array too', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the input under test
    const sparse = [1, , 3];
    const seen: [unknown, number][] = [];
    eachItem(sparse, (item, i) => seen.push([item, i]));
    expect(seen).toEqual([
      [1, 0],
      [undefined, 1],
      [3, 2],
    ]);
  });

  it('lets checkCodeList catch a hole', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the input under test
    expect(run((p) => checkCodeList(p, 'codes', ['a', , 'a'], ['a'])).errors).toEqual([{ field: 'codes[1]', message: 'is required' }]);
  });
});
