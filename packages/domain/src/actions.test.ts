import { ACTIONS, action } from './actions.js';
import { ACTION_CODES } from './codes.js';

describe('ACTIONS', () => {
  it.each(ACTION_CODES)('%s has its own code, a clinician text and a plain patient text', (code) => {
    const entry = ACTIONS[code];
    expect(entry.code).toBe(code);
    expect(entry.text.length).toBeGreaterThan(20);
    expect(entry.patientText.length).toBeGreaterThan(20);
    expect(entry.patientText).not.toBe(entry.text);
  });

  it('has no entry without a code', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual([...ACTION_CODES].sort());
  });

  it('never advises bed rest', () => {
    expect(ACTIONS.stay_active.patientText).toMatch(/avoid lying in bed/);
    expect(ACTIONS.stay_active.text).toMatch(/no bed rest/);
  });
});

describe('action', () => {
  it('returns a fresh copy', () => {
    const a = action('apply_heat');
    expect(a).toEqual(ACTIONS.apply_heat);
    expect(a).not.toBe(ACTIONS.apply_heat);
  });
});
