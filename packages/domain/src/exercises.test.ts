import { EXERCISE_CODES, TARGET_CODES, type ExerciseCode } from './codes.js';
import { EXERCISES, MCGILL_PYRAMID_NOTE, getExercise, isExerciseCode, type ExerciseDose } from './exercises.js';

describe('EXERCISES', () => {
  it('holds every exercise code exactly once, in code order', () => {
    expect(EXERCISES.map((e) => e.code)).toEqual([...EXERCISE_CODES]);
  });

  it.each(EXERCISES.map((e) => [e.code, e] as const))('%s explains itself to a patient', (_code, exercise) => {
    expect(exercise.name.length).toBeGreaterThan(3);
    expect(exercise.focus.length).toBeGreaterThan(10);
    expect(exercise.steps.length).toBeGreaterThanOrEqual(3);
    expect(exercise.steps.length).toBeLessThanOrEqual(6);
    for (const step of exercise.steps) expect(step).toMatch(/^[A-Z].*[.]$/);
    for (const text of [exercise.regression, exercise.progression, exercise.safety]) {
      expect(text).toMatch(/^[A-Z].*[.]$/);
    }
    for (const target of exercise.targets) expect(TARGET_CODES).toContain(target);
    const { sets, reps, timesPerWeek } = exercise.defaultDose;
    expect(Number.isInteger(sets) && sets >= 1).toBe(true);
    expect(Number.isInteger(reps) && reps >= 1).toBe(true);
    expect(timesPerWeek >= 1 && timesPerWeek <= 7).toBe(true);
  });

  it.each<[ExerciseCode, Partial<ExerciseDose>]>([
    ['curl_up', { sets: 3, reps: 5, holdSeconds: 10, perSide: false, timesPerWeek: 7, notes: MCGILL_PYRAMID_NOTE }],
    ['side_bridge', { sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7, notes: MCGILL_PYRAMID_NOTE }],
    ['bird_dog', { sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7, notes: MCGILL_PYRAMID_NOTE }],
    ['glute_bridge', { sets: 2, reps: 8, perSide: false, timesPerWeek: 3 }],
    ['single_leg_bridge', { sets: 2, reps: 8, perSide: true, timesPerWeek: 3 }],
    ['dead_bug', { sets: 3, reps: 10, perSide: false, timesPerWeek: 3 }],
    ['clamshell', { sets: 2, reps: 10, perSide: true, timesPerWeek: 3 }],
    ['side_lying_hip_abduction', { sets: 2, reps: 10, perSide: true, timesPerWeek: 3 }],
    ['pallof_press', { sets: 2, reps: 8, perSide: true, timesPerWeek: 3 }],
    ['walking', { sets: 1, reps: 1, perSide: false, timesPerWeek: 7 }],
    ['cat_camel', { sets: 1, reps: 8, perSide: false, timesPerWeek: 7 }],
  ])('%s has the default dose of the rules', (code, dose) => {
    expect(getExercise(code).defaultDose).toMatchObject(dose);
  });

  it('writes ranges and the pyramid into the notes', () => {
    expect(MCGILL_PYRAMID_NOTE).toMatch(/5\/3\/1.*7\/5\/3/);
    expect(getExercise('glute_bridge').defaultDose.notes).toMatch(/2-3 sets of 8-12/);
    expect(getExercise('clamshell').defaultDose.notes).toMatch(/2-3 sets of 10-15/);
    expect(getExercise('walking').defaultDose.notes).toMatch(/10-20 minutes/);
    expect(getExercise('glute_bridge').defaultDose.notes).toMatch(/2-10 %/);
  });

  it('records the gluteus medius evidence for the hip exercises', () => {
    expect(getExercise('side_bridge').evidence).toMatch(/74-103 %/);
    expect(getExercise('clamshell').evidence).toMatch(/38-67 %/);
    expect(getExercise('side_lying_hip_abduction').evidence).toMatch(/42-81 %/);
  });

  it('every strengthening target has at least one exercise working on it', () => {
    for (const target of TARGET_CODES) {
      expect(EXERCISES.some((e) => e.targets.includes(target))).toBe(true);
    }
  });
});

describe('getExercise and isExerciseCode', () => {
  it('finds an exercise by code', () => {
    expect(getExercise('dead_bug').name).toBe('Dead bug');
  });

  it('refuses an unknown code', () => {
    expect(() => getExercise('plank' as ExerciseCode)).toThrow(RangeError);
  });

  it.each([
    ['bird_dog', true],
    ['plank', false],
    [3, false],
    [null, false],
  ])('isExerciseCode(%p) = %p', (value, expected) => {
    expect(isExerciseCode(value)).toBe(expected);
  });
});
