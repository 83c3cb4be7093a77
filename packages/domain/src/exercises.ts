/**
 * The built-in exercise library: data, not logic. Steps, easier and harder versions and safety notes are
 * written the way a physio would say them to a patient.
 *
 * Default doses: McGill's three (curl-up, side bridge, bird dog) 10 s holds in a descending pyramid 5/3/1,
 * progressing to 7/5/3 when every rep is clean, daily; glute bridge 2-3 x 8-12; dead bug 3 x 10; clamshell
 * and side-lying abduction 2-3 x 10-15; Pallof press 2 x 8 per side; walking 10-20 min daily. Strength work on
 * 2-3 non-consecutive days a week, adding 2-10 % load when two reps beyond the goal are clean (ACSM).
 */
import { EXERCISE_CODES, type ExerciseCode, type TargetCode } from './codes.js';

/**
 * A dose.
 *
 * - A range such as "2-3 x 8-12" starts at its low end (`sets` 2, `reps` 8); `notes` says how to build up.
 * - A descending pyramid (McGill's three) is written `sets` 3, `reps` 5 (the first, largest set) with
 *   `holdSeconds` 10 and the note "Descending pyramid 5/3/1": 5 holds, rest, 3 holds, rest, 1 hold.
 * - Walking is one session (`sets` 1, `reps` 1) whose length is in `notes`.
 * - `perSide`: the sets and reps are done on each side; `timesPerWeek` 7 means daily.
 */
export interface ExerciseDose {
  sets: number;
  reps: number;
  holdSeconds?: number;
  perSide: boolean;
  timesPerWeek: number;
  notes?: string;
}

export interface Exercise {
  code: ExerciseCode;
  name: string;
  /** The strengthening targets of a postural report this exercise works on (none for mobility and walking). */
  targets: TargetCode[];
  /** What it works, in plain words. */
  focus: string;
  defaultDose: ExerciseDose;
  /** 3-6 plain sentences a patient can follow. */
  steps: string[];
  /** The easier version. */
  regression: string;
  /** The harder version, and when to move to it. */
  progression: string;
  safety: string;
  /** Evidence a clinician may want, when there is some worth citing. */
  evidence?: string;
}

/** The descending-pyramid note shared by McGill's three. */
export const MCGILL_PYRAMID_NOTE =
  'Descending pyramid 5/3/1: 5 holds of 10 s, a short rest, 3 holds, a short rest, then 1 hold. Move to 7/5/3 when every hold is clean.';

/** How strength exercises progress (ACSM). */
export const STRENGTH_PROGRESSION_RULE = 'On 2-3 non-consecutive days a week; when you can do two more clean reps than the goal, make it 2-10 % harder.';

const MCGILL_DOSE = { sets: 3, reps: 5, holdSeconds: 10, timesPerWeek: 7, notes: MCGILL_PYRAMID_NOTE } as const;

export const EXERCISES: readonly Exercise[] = [
  {
    code: 'cat_camel',
    name: 'Cat-camel',
    targets: [],
    focus: 'Gentle movement of the whole spine to ease stiffness and spasm.',
    defaultDose: { sets: 1, reps: 8, perSide: false, timesPerWeek: 7, notes: '5-8 slow cycles, as often as you like through the day.' },
    steps: [
      'Get on your hands and knees, hands under your shoulders and knees under your hips.',
      'Breathe out and slowly round your back up towards the ceiling, letting your head drop.',
      'Breathe in and slowly let your back sink down, lifting your head a little.',
      'Only go as far as feels comfortable: you are easing the back, not stretching it hard.',
      'Do 5 to 8 slow cycles.',
    ],
    regression: 'Do it sitting on a chair with your hands on your knees: gently round your back, then gently arch it.',
    progression: 'It does not need to get harder: keep it as a warm-up before your other exercises.',
    safety: 'Keep the movement small and smooth, and stop if it brings on sharp pain or pain down a leg.',
  },
  {
    code: 'walking',
    name: 'Walking',
    targets: [],
    focus: 'Staying active, which helps a back spasm settle faster than rest.',
    defaultDose: {
      sets: 1,
      reps: 1,
      perSide: false,
      timesPerWeek: 7,
      notes: '10-20 minutes at an easy pace: start with 10 and build towards 20.',
    },
    steps: [
      'Walk at a pace where you can still hold a conversation.',
      'Start with 10 minutes on flat ground.',
      'Let your arms swing naturally and keep your steps comfortable.',
      'Add a couple of minutes every few days until 20 minutes feels easy.',
    ],
    regression: 'Split it into two or three 5-minute walks through the day.',
    progression: 'Once 20 minutes is easy, walk a little faster or add a gentle hill.',
    safety: 'Some ache is fine. If pain spreads down a leg or gets clearly worse as you go, shorten the walk and tell your physio.',
  },
  {
    code: 'curl_up',
    name: 'McGill curl-up',
    targets: [],
    focus: 'Endurance of the tummy muscles without bending the lower back.',
    defaultDose: { ...MCGILL_DOSE, perSide: false },
    steps: [
      'Lie on your back with one knee bent and the other leg straight, and slide your hands, palms down, under the small of your back.',
      'Tighten your tummy gently, as if someone were about to poke it.',
      'Lift your head and shoulders a few centimetres off the floor, keeping your neck still, and hold for 10 seconds while you keep breathing.',
      'Lower slowly and rest for a moment.',
      'Work through the pyramid, and swap which knee is bent halfway through.',
    ],
    regression: 'Lift just your head and keep your shoulders down, or hold for 5 seconds instead of 10.',
    progression: 'Lift your elbows off the floor as you curl up, and move to the 7/5/3 pyramid once every hold is clean.',
    safety: 'Do not tuck your chin or pull on your neck, and do not flatten your lower back into the floor: the lift is small.',
  },
  {
    code: 'side_bridge',
    name: 'Side bridge',
    targets: ['lateral_trunk_left', 'lateral_trunk_right', 'hip_abductors_left', 'hip_abductors_right'],
    focus: 'The muscles along the side of your trunk, and your buttock muscles at the side of the hip.',
    defaultDose: { ...MCGILL_DOSE, perSide: true },
    steps: [
      'Lie on your side, propped on your elbow right under your shoulder, with your knees bent and stacked.',
      'Rest your top hand on your opposite shoulder.',
      'Lift your hips until your body is in a straight line from your knees to your head, and hold for 10 seconds while you keep breathing.',
      'Lower gently and rest briefly.',
      'Work through the pyramid on one side, then the other.',
    ],
    regression: 'Stand and lean on your forearm against a wall with your feet a step away, and hold that.',
    progression:
      'Straighten your legs and lift from your feet; later, roll slowly from one side to the other while keeping your trunk firm. Move to 7/5/3 once every hold is clean.',
    safety: 'Keep your shoulder away from your ear and do not let your hips sag or roll back. Stop if your shoulder hurts.',
    evidence: 'Activates gluteus medius strongly (74-103 % MVC; IJSPT 2014).',
  },
  {
    code: 'bird_dog',
    name: 'Bird dog',
    targets: ['trunk_extensors'],
    focus: 'Endurance of the back muscles while the spine stays still.',
    defaultDose: { ...MCGILL_DOSE, perSide: true },
    steps: [
      'Start on your hands and knees with your back in a comfortable middle position, neither sagging nor arched.',
      'Slowly reach one arm forward and the opposite leg back until both are level with your body.',
      'Hold for 10 seconds, keeping your hips and shoulders level, then lower slowly.',
      'Make a fist with the raised hand to keep the muscles working.',
      'Work through the pyramid on one side, then the other.',
    ],
    regression: 'Lift only one leg, or only one arm, at a time, sliding it along the floor.',
    progression: 'While holding, draw a small square in the air with your hand and foot; move to 7/5/3 once every hold is clean.',
    safety: 'Do not lift your leg higher than your hip or arch your back. If your hips twist, reach less far.',
  },
  {
    code: 'glute_bridge',
    name: 'Glute bridge',
    targets: ['trunk_extensors', 'load_transfer'],
    focus: 'Your buttock muscles, which share the load with your back.',
    defaultDose: {
      sets: 2,
      reps: 8,
      perSide: false,
      timesPerWeek: 3,
      notes: `2-3 sets of 8-12: start at 2 x 8, add reps up to 12, then a third set. ${STRENGTH_PROGRESSION_RULE}`,
    },
    steps: [
      'Lie on your back with your knees bent and your feet flat on the floor, hip-width apart.',
      'Squeeze your buttocks and lift your hips until your body is in a straight line from your knees to your shoulders.',
      'Pause for 2 seconds at the top, then lower slowly.',
      'Rest for about a minute between sets.',
    ],
    regression: 'Lift only halfway up, or hold a smaller lift for a few seconds.',
    progression: 'When you can do two more clean reps than 12, rest a weight across your hips to make it 2-10 % harder, or move on to the single-leg bridge.',
    safety: 'Push through your heels and lift with your buttocks, not by arching your lower back. If your hamstrings cramp, bring your feet a little closer.',
  },
  {
    code: 'single_leg_bridge',
    name: 'Single-leg bridge',
    targets: ['hip_abductors_left', 'hip_abductors_right', 'trunk_extensors'],
    focus: 'Buttock and hip muscles on one side at a time, keeping the pelvis level.',
    defaultDose: {
      sets: 2,
      reps: 8,
      perSide: true,
      timesPerWeek: 3,
      notes: `2-3 sets of 8-12 on each side. ${STRENGTH_PROGRESSION_RULE}`,
    },
    steps: [
      'Lie on your back with your knees bent and your feet flat on the floor.',
      'Straighten one leg so that both thighs stay level.',
      'Push through the heel of the bent leg and lift your hips, keeping them level.',
      'Pause for 2 seconds at the top, then lower slowly.',
      'Do all the reps on one side, then the other.',
    ],
    regression: 'Do a two-leg bridge and, at the top, lift one foot just off the floor for a few seconds.',
    progression: 'Hold for 5 seconds at the top, or rest your shoulders on a sofa; add 2-10 % load when two extra reps are clean.',
    safety: 'Keep your pelvis level: if one side drops, do fewer reps or go back to the easier version.',
  },
  {
    code: 'dead_bug',
    name: 'Dead bug',
    targets: ['load_transfer'],
    focus: 'Keeping the trunk and pelvis steady while your arms and legs move.',
    defaultDose: {
      sets: 3,
      reps: 10,
      perSide: false,
      timesPerWeek: 3,
      notes: 'Alternate sides; each reach counts as one rep.',
    },
    steps: [
      'Lie on your back with your arms pointing at the ceiling and your hips and knees bent to a right angle.',
      'Tighten your tummy gently so your lower back stays still.',
      'Slowly lower one arm behind your head and the opposite leg towards the floor, breathing out as you go.',
      'Come back to the start and repeat with the other arm and leg.',
    ],
    regression: 'Keep your arms still and move only your legs, one at a time, tapping a heel to the floor.',
    progression: 'Straighten the leg further, hold a light weight, or pause for 3 seconds at the bottom of each reach.',
    safety: 'If your lower back starts to arch off the floor, do not reach so far.',
  },
  {
    code: 'pallof_press',
    name: 'Pallof press',
    targets: ['lateral_trunk_left', 'lateral_trunk_right'],
    focus: 'Stopping the trunk from twisting, a key job of the muscles that support your back.',
    defaultDose: {
      sets: 2,
      reps: 8,
      perSide: true,
      timesPerWeek: 3,
      notes: STRENGTH_PROGRESSION_RULE,
    },
    steps: [
      'Fix a resistance band at chest height and stand side-on to it, holding the band at your chest with both hands.',
      'Stand tall with your feet hip-width apart, knees soft and tummy firm.',
      'Press the band straight out in front of you without letting it turn you.',
      'Hold for 2 seconds, then bring it back to your chest.',
      'Do all the reps, then turn round and do the other side.',
    ],
    regression: 'Step closer to where the band is fixed so it pulls less, or do it kneeling.',
    progression: 'Step further away or use a stronger band; when two extra reps are clean, make it 2-10 % harder.',
    safety: 'Do not let your trunk twist or lean, and check the band is firmly fixed before you start.',
  },
  {
    code: 'clamshell',
    name: 'Clamshell',
    targets: ['hip_abductors_left', 'hip_abductors_right'],
    focus: 'The muscles at the side of your buttock that keep your pelvis level.',
    defaultDose: {
      sets: 2,
      reps: 10,
      perSide: true,
      timesPerWeek: 3,
      notes: `2-3 sets of 10-15: add reps up to 15, then a third set. ${STRENGTH_PROGRESSION_RULE}`,
    },
    steps: [
      'Lie on your side with your hips and knees bent and your heels together, in line with your back.',
      'Rest your top hand on your hip to check that it does not roll backwards.',
      'Keeping your feet together, lift your top knee as far as you can without your pelvis moving.',
      'Pause for a second, then lower slowly.',
    ],
    regression: 'Make the lift smaller, or lie with your back against a wall so you cannot roll.',
    progression: 'Put a light resistance band around your thighs, then a stronger one when two extra reps are clean.',
    safety: 'The movement comes from the hip, not from rolling the pelvis back: you should feel it at the side of your buttock.',
    evidence: 'Gluteus medius activation 38-67 % MVC (IJSPT 2014).',
  },
  {
    code: 'side_lying_hip_abduction',
    name: 'Side-lying hip abduction',
    targets: ['hip_abductors_left', 'hip_abductors_right'],
    focus: 'The muscles at the side of your hip, with the leg straight.',
    defaultDose: {
      sets: 2,
      reps: 10,
      perSide: true,
      timesPerWeek: 3,
      notes: `2-3 sets of 10-15: add reps up to 15, then a third set. ${STRENGTH_PROGRESSION_RULE}`,
    },
    steps: [
      'Lie on your side with your bottom knee bent for balance and your top leg straight, in line with your body.',
      'Turn your top toes slightly down towards the floor.',
      'Lift the top leg about a hand-span or two, leading with your heel and keeping it slightly behind you.',
      'Lower it slowly over 2 to 3 seconds.',
    ],
    regression: 'Lift only as high as you can without rolling back, or bend the top knee a little.',
    progression: 'Add an ankle weight or a band around your ankles; make it 2-10 % harder when two extra reps are clean.',
    safety: 'Keep your hips stacked one above the other. If you feel it at the front of the hip, take the leg further back.',
    evidence: 'Gluteus medius activation 42-81 % MVC (IJSPT 2014).',
  },
];

const BY_CODE = new Map<ExerciseCode, Exercise>(EXERCISES.map((e) => [e.code, e]));

/** The library entry for a built-in exercise code. */
export function getExercise(code: ExerciseCode): Exercise {
  const exercise = BY_CODE.get(code);
  if (!exercise) throw new RangeError(`Unknown exercise code: ${String(code)}`);
  return exercise;
}

/** True for one of the built-in exercise codes (a practice's own exercises have other codes). */
export function isExerciseCode(value: unknown): value is ExerciseCode {
  return typeof value === 'string' && (EXERCISE_CODES as readonly string[]).includes(value);
}
