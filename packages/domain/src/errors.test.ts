import { DomainValidationError, PlanBlockedError } from './errors.js';

describe('DomainValidationError', () => {
  it('lists every field and says so in its message', () => {
    const error = new DomainValidationError([
      { field: 'age', message: 'must be an integer' },
      { field: 'painAreas[2]', message: 'must be one of: lower_back' },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainValidationError);
    expect(error.name).toBe('DomainValidationError');
    expect(error.code).toBe('validation_failed');
    expect(error.errors.map((e) => e.field)).toEqual(['age', 'painAreas[2]']);
    expect(error.message).toBe('Invalid input: age must be an integer; painAreas[2] must be one of: lower_back');
  });
});

describe('PlanBlockedError', () => {
  it('carries the red_flag_open code and the category', () => {
    const error = new PlanBlockedError('referral');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PlanBlockedError');
    expect(error.code).toBe('red_flag_open');
    expect(error.category).toBe('referral');
    expect(error.message).toMatch(/red flag/);
  });
});
