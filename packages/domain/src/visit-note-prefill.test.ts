import fc from 'fast-check';
import { EPISODE_CATEGORIES, FINDING_CODES, INSTRUMENTS, PAIN_ALERT_REASONS, RED_FLAG_CODES, URGENCIES, type Instrument } from './codes.js';
import { addDays, daysBetween } from './dates.js';
import { DomainValidationError } from './errors.js';
import { MEANINGFUL_CHANGE } from './outcomes.js';
import { RED_FLAG_TEXTS } from './red-flags.js';
import { roundTo } from './rounding.js';
import { VISIT_NOTE_PREFILL_RULES, visitNotePrefill, type VisitNotePrefillFacts, type VisitNoteSections } from './visit-note-prefill.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

type Facts = VisitNotePrefillFacts;
type Log = Facts['logs'][number];
type Plan = NonNullable<Facts['plan']>;
type Episode = NonNullable<Facts['episode']>;
type Outcome = Facts['outcomes'][number];

const TODAY = '2026-12-01';
/** The previous note's visit date: 14 days before TODAY. */
const SINCE = '2026-11-17';
/** A date `offset` days after SINCE (14 is TODAY). */
const day = (offset: number): string => addDays(SINCE, offset);
const log = (offset: number, pain: number, difficulty = pain, note: string | null = null, completedExercises = ['bird_dog']): Log => ({
  date: day(offset),
  completedExercises,
  pain,
  difficulty,
  note,
});

/** Nothing known: no episode, plan, diary, alert, outcome or assessment. */
const empty: Facts = {
  today: TODAY,
  since: SINCE,
  episode: null,
  plan: null,
  planChanges: [],
  logs: [],
  openPainAlerts: [],
  outcomes: [],
  assessment: null,
};
/** An active plan since 2026-11-02, every day for 12 weeks: 15 sessions prescribed from SINCE to TODAY. */
const dailyPlan: Plan = {
  title: 'Back support plan',
  status: 'active',
  versionNumber: 2,
  startDate: '2026-11-02',
  changeNote: null,
  phases: [{ startWeek: 0, endWeek: 12, exercises: [{ timesPerWeek: 7 }] }],
};
const episode: Episode = { onsetDate: '2026-10-05', category: 'support_deficit', urgency: 'routine', redFlagReasons: [], status: 'recorded' };

const prefill = (change: Partial<Facts>, prompts?: Partial<VisitNoteSections>) => visitNotePrefill({ ...empty, ...change }, prompts);
const lines = (text: string): string[] => text.split('\n');
/** The line of a section that starts with `start` (undefined when none). */
const lineOf = (text: string, start: string): string | undefined => lines(text).find((l) => l.startsWith(start));

describe('visitNotePrefill: a whole note', () => {
  it('writes the four sections of a patient with diary entries, an open alert, outcomes, an assessment and a plan', () => {
    const facts: Facts = {
      today: TODAY,
      since: SINCE,
      episode,
      plan: {
        title: 'Back support plan',
        status: 'active',
        versionNumber: 3,
        startDate: '2026-10-19',
        changeNote: 'Side bridge progressed to 7/5/3.',
        phases: [
          { startWeek: 0, endWeek: 2, exercises: [{ timesPerWeek: 7 }] },
          { startWeek: 2, endWeek: 10, exercises: [{ timesPerWeek: 7 }, { timesPerWeek: 3 }] },
        ],
      },
      planChanges: ['Side bridge: 5/3/1 → 7/5/3, 10-second holds', 'Clamshell added: 2 sets of 12, left side only, 3 times a week'],
      logs: [
        log(0, 6, 6, 'Stiff in the morning.', ['bird_dog', 'side_bridge']),
        log(1, 5, 6),
        log(3, 5, 5),
        log(5, 8, 7, 'Sore after a day\nin the garden.', []),
        log(7, 4, 5),
        log(9, 3, 4, 'Side bridge felt easier.'),
        log(11, 3, 4),
        log(13, 2, 3),
      ],
      openPainAlerts: [{ date: day(5), pain: 8, reasons: ['pain_high', 'pain_jump'] }],
      outcomes: [
        { instrument: 'odi', recordedOn: day(7), score: 24, changeFromFirst: -14, meaningful: true },
        { instrument: 'nprs', recordedOn: day(7), score: 4, changeFromFirst: -1, meaningful: false },
      ],
      assessment: {
        assessedOn: '2026-10-12',
        findings: [
          {
            code: 'side_bridge_asymmetry',
            text: 'Side bridge 45 s left, 60 s right: symmetry index 28.6 % (marked, 15 % or more); the left side is weaker.',
          },
          { code: 'low_extensor_endurance', text: 'Biering-Sorensen hold 120 s, under 176 s: in men this predicted back pain within a year.' },
        ],
      },
    };
    const prompts = { subjective: 'Patient reports:', objective: 'On examination:', assessment: '', plan: 'Plan:' };
    expect(visitNotePrefill(facts, prompts)).toEqual({
      subjective: [
        'Patient reports:',
        '',
        'Since 2026-11-17 (14 days):',
        'Diary: 8 entries on 8 days, the last on 2026-11-30.',
        'Adherence: 47 % (7 of 15 prescribed sessions).',
        'Pain: first 6/10 → latest 2/10, average 4.5/10, range 2–8/10.',
        'Pain trend: improving (average 6/10 over the first 7 days → 3/10 over the latest 7 days).',
        'Difficulty: first 6/10 → latest 3/10, average 5/10 (getting easier).',
        'Diary notes:',
        '- 2026-11-17: “Stiff in the morning.”',
        '- 2026-11-22: “Sore after a day in the garden.”',
        '- 2026-11-26: “Side bridge felt easier.”',
      ].join('\n'),
      objective: [
        'On examination:',
        '',
        'Latest postural assessment 2026-10-12:',
        '- Side bridge 45 s left, 60 s right: symmetry index 28.6 % (marked, 15 % or more); the left side is weaker.',
        '- Biering-Sorensen hold 120 s, under 176 s: in men this predicted back pain within a year.',
        'Outcome scores since 2026-11-17:',
        '- 2026-11-24 ODI 24 % (first 38 %): improved 14 points, a change that matters.',
        '- 2026-11-24 NPRS 4/10 (first 5/10): improved 1 point, not yet a change that matters.',
      ].join('\n'),
      assessment: [
        'Episode (onset 2026-10-05): Support deficit, routine.',
        'Red flags: none.',
        'Open pain alert: review before progressing.',
        '- 2026-11-22: pain 8/10 (high pain, sharp rise).',
      ].join('\n'),
      plan: [
        'Plan:',
        '',
        'Exercise plan: Back support plan, version 3 (active), started 2026-10-19.',
        'What changed and why (version 3): Side bridge progressed to 7/5/3.',
        'Changes since the last note:',
        '- Side bridge: 5/3/1 → 7/5/3, 10-second holds',
        '- Clamshell added: 2 sets of 12, left side only, 3 times a week',
        'Next step (progress, hold or step back; next review):',
      ].join('\n'),
    });
  });

  it('says plainly what is not known when nothing is', () => {
    expect(visitNotePrefill({ ...empty, since: null })).toEqual({
      subjective: 'All diary entries (no earlier note):\nNo diary entries.\nAdherence: no exercise plan.',
      objective: 'No postural assessment recorded.\nNo outcome scores recorded.',
      assessment: 'No episode recorded.\nNo open pain alerts.',
      plan: 'No exercise plan.\nNext step (progress, hold or step back; next review):',
    });
    expect(prefill({})).toEqual({
      subjective: 'Since 2026-11-17 (14 days):\nNo diary entries since 2026-11-17.\nAdherence: no exercise plan.',
      objective: 'No postural assessment recorded.\nNo outcome scores since 2026-11-17.',
      assessment: 'No episode recorded.\nNo open pain alerts.',
      plan: 'No exercise plan.\nNext step (progress, hold or step back; next review):',
    });
  });

  it('documents its numbers', () => {
    expect(VISIT_NOTE_PREFILL_RULES).toEqual({
      trendPoints: 2,
      trendWindowDays: 7,
      trendMinDays: 3,
      diaryNotesShown: 5,
      maxSessionsPerWeek: 7,
      maxTimesPerWeek: 14,
    });
    expect(VISIT_NOTE_PREFILL_RULES.trendPoints).toBe(MEANINGFUL_CHANGE.nprs.points);
  });
});

describe('visitNotePrefill: subjective, the period and the diary', () => {
  it.each<[string, Partial<Facts>, string[]]>([
    ['no earlier note', { since: null }, ['All diary entries (no earlier note):', 'No diary entries.']],
    ['a note earlier today', { since: TODAY }, ['Since 2026-12-01 (today):', 'No diary entries since 2026-12-01.']],
    ['a note yesterday', { since: addDays(TODAY, -1) }, ['Since 2026-11-30 (1 day):', 'No diary entries since 2026-11-30.']],
    ['a note 14 days ago', {}, ['Since 2026-11-17 (14 days):', 'No diary entries since 2026-11-17.']],
    ['one entry', { logs: [log(3, 4)] }, ['Since 2026-11-17 (14 days):', 'Diary: 1 entry on 1 day, the last on 2026-11-20.']],
    [
      'several entries on one day, in any order',
      { logs: [log(9, 4), log(2, 3), log(9, 5)] },
      ['Since 2026-11-17 (14 days):', 'Diary: 3 entries on 2 days, the last on 2026-11-26.'],
    ],
    ['an entry on the day of the last note counts', { logs: [log(0, 4)] }, ['Since 2026-11-17 (14 days):', 'Diary: 1 entry on 1 day, the last on 2026-11-17.']],
    ['an entry today counts', { logs: [log(14, 4)] }, ['Since 2026-11-17 (14 days):', 'Diary: 1 entry on 1 day, the last on 2026-12-01.']],
    [
      'entries before since or after today are left out',
      { logs: [log(-1, 9), log(2, 4), log(15, 9)] },
      ['Since 2026-11-17 (14 days):', 'Diary: 1 entry on 1 day, the last on 2026-11-19.'],
    ],
    ['only entries outside the period', { logs: [log(-1, 9), log(15, 9)] }, ['Since 2026-11-17 (14 days):', 'No diary entries since 2026-11-17.']],
    [
      'no earlier note: every entry up to today',
      { since: null, logs: [log(-60, 4), log(2, 5), log(15, 9)] },
      ['All diary entries (no earlier note):', 'Diary: 2 entries on 2 days, the last on 2026-11-19.'],
    ],
  ])('%s', (_label, change, expected) => {
    expect(lines(prefill(change).subjective).slice(0, 2)).toEqual(expected);
  });
});

describe('visitNotePrefill: subjective, adherence (rule 7)', () => {
  const twelveDays = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((d) => log(d, 3));
  it.each<[string, Partial<Facts>, string]>([
    ['no plan', { logs: twelveDays }, 'Adherence: no exercise plan.'],
    ['a draft plan', { plan: { ...dailyPlan, status: 'draft' } }, 'Adherence: not measured, the plan is a draft.'],
    ['a completed plan', { plan: { ...dailyPlan, status: 'completed' } }, 'Adherence: not measured, the plan is completed.'],
    ['a plan entered in error', { plan: { ...dailyPlan, status: 'entered_in_error' } }, 'Adherence: not measured, the plan is entered in error.'],
    ['an active plan, 12 of 15 days', { plan: dailyPlan, logs: twelveDays }, 'Adherence: 80 % (12 of 15 prescribed sessions).'],
    ['an active plan, no entries', { plan: dailyPlan }, 'Adherence: 0 % (0 of 15 prescribed sessions).'],
    [
      'entries without an exercise are not sessions',
      { plan: dailyPlan, logs: [log(1, 3), log(2, 3, 3, null, []), log(3, 3)] },
      'Adherence: 13 % (2 of 15 prescribed sessions).',
    ],
    [
      'twice a day counts as daily (a session is a day)',
      { plan: { ...dailyPlan, phases: [{ startWeek: 0, endWeek: 12, exercises: [{ timesPerWeek: 14 }] }] }, logs: twelveDays },
      'Adherence: 80 % (12 of 15 prescribed sessions).',
    ],
    [
      'more sessions than prescribed',
      { plan: { ...dailyPlan, phases: [{ startWeek: 0, endWeek: 12, exercises: [{ timesPerWeek: 3 }] }] }, logs: twelveDays },
      'Adherence: 100 % (12 sessions logged, 6 prescribed).',
    ],
    ['one prescribed session', { since: TODAY, plan: dailyPlan, logs: [log(14, 3)] }, 'Adherence: 100 % (1 of 1 prescribed session).'],
    [
      'the plan started after the last note: counted from its start',
      { plan: { ...dailyPlan, startDate: day(7) }, logs: twelveDays },
      'Adherence since the plan started on 2026-11-24: 63 % (5 of 8 prescribed sessions).',
    ],
    [
      'the plan started on the day of the last note',
      { plan: { ...dailyPlan, startDate: SINCE }, logs: twelveDays },
      'Adherence: 80 % (12 of 15 prescribed sessions).',
    ],
    [
      'the plan starts today',
      { plan: { ...dailyPlan, startDate: TODAY }, logs: [log(14, 3)] },
      'Adherence since the plan started on 2026-12-01: 100 % (1 of 1 prescribed session).',
    ],
    ['the plan starts tomorrow', { plan: { ...dailyPlan, startDate: addDays(TODAY, 1) }, logs: twelveDays }, 'Adherence: the plan starts on 2026-12-02.'],
    [
      'no earlier note: from the plan start',
      { since: null, plan: { ...dailyPlan, startDate: day(4) }, logs: [log(-5, 3), ...twelveDays] },
      'Adherence since the plan started on 2026-11-21: 73 % (8 of 11 prescribed sessions).',
    ],
    [
      'the phases ended before the period',
      { plan: { ...dailyPlan, phases: [{ startWeek: 0, endWeek: 1, exercises: [{ timesPerWeek: 7 }] }] }, logs: twelveDays },
      'Adherence: no sessions prescribed in this period.',
    ],
  ])('%s', (_label, change, expected) => {
    const { subjective } = prefill(change);
    expect(lines(subjective).filter((l) => l.startsWith('Adherence'))).toEqual([expected]);
  });
});

describe('visitNotePrefill: subjective, pain and its trend', () => {
  it.each<[string, Log[], string, string | undefined]>([
    ['one entry', [log(3, 5)], 'Pain: 5/10 (one entry).', undefined],
    ['the same pain at every entry', [log(0, 3), log(7, 3), log(14, 3)], 'Pain: 3/10 at every entry.', undefined],
    [
      'down exactly 2 points: improving',
      [log(0, 5), log(7, 4), log(14, 3)],
      'Pain: first 5/10 → latest 3/10, average 4/10, range 3–5/10.',
      'Pain trend: improving (average 5/10 over the first 7 days → 3/10 over the latest 7 days).',
    ],
    [
      'down exactly 2 points in thirds (compared exactly): improving',
      [log(0, 5), log(1, 5), log(2, 6), log(12, 3), log(13, 3), log(14, 4)],
      'Pain: first 5/10 → latest 4/10, average 4.3/10, range 3–6/10.',
      'Pain trend: improving (average 5.3/10 over the first 7 days → 3.3/10 over the latest 7 days).',
    ],
    [
      'down 1.7 points: steady',
      [log(0, 5), log(1, 5), log(2, 6), log(12, 3), log(13, 4), log(14, 4)],
      'Pain: first 5/10 → latest 4/10, average 4.5/10, range 3–6/10.',
      'Pain trend: steady (average 5.3/10 over the first 7 days → 3.7/10 over the latest 7 days).',
    ],
    [
      'up exactly 2 points: worsening',
      [log(0, 3), log(7, 9), log(14, 5)],
      'Pain: first 3/10 → latest 5/10, average 5.7/10, range 3–9/10.',
      'Pain trend: worsening (average 3/10 over the first 7 days → 5/10 over the latest 7 days).',
    ],
    [
      'up 1.5 points: steady',
      [log(0, 3), log(1, 4), log(7, 9), log(14, 5)],
      'Pain: first 3/10 → latest 5/10, average 5.3/10, range 3–9/10.',
      'Pain trend: steady (average 3.5/10 over the first 7 days → 5/10 over the latest 7 days).',
    ],
    [
      'the middle day of 15 is in neither week',
      [log(0, 6), log(7, 0), log(14, 6)],
      'Pain: first 6/10 → latest 6/10, average 4/10, range 0–6/10.',
      'Pain trend: steady (average 6/10 over the first 7 days → 6/10 over the latest 7 days).',
    ],
    [
      'entries on 2 days only: not judged',
      [log(0, 8), log(14, 2), log(14, 2)],
      'Pain: first 8/10 → latest 2/10, average 4/10, range 2–8/10.',
      'Pain trend: not judged, entries on fewer than 3 days.',
    ],
    [
      'entries covering 4 days: 2-day windows',
      [log(10, 6), log(11, 6), log(12, 4), log(13, 4)],
      'Pain: first 6/10 → latest 4/10, average 5/10, range 4–6/10.',
      'Pain trend: improving (average 6/10 over the first 2 days → 4/10 over the latest 2 days).',
    ],
    [
      'entries covering 3 days: 1-day windows',
      [log(12, 2), log(13, 9), log(14, 4)],
      'Pain: first 2/10 → latest 4/10, average 5/10, range 2–9/10.',
      'Pain trend: worsening (average 2/10 over the first day → 4/10 over the latest day).',
    ],
    [
      'entries covering 5 days on 3 of them: the middle one left out',
      [log(10, 4), log(12, 9), log(14, 4)],
      'Pain: first 4/10 → latest 4/10, average 5.7/10, range 4–9/10.',
      'Pain trend: steady (average 4/10 over the first 2 days → 4/10 over the latest 2 days).',
    ],
    [
      'entries in any order',
      [log(14, 3), log(0, 5), log(7, 4)],
      'Pain: first 5/10 → latest 3/10, average 4/10, range 3–5/10.',
      'Pain trend: improving (average 5/10 over the first 7 days → 3/10 over the latest 7 days).',
    ],
  ])('%s', (_label, logs, painLine, trendLine) => {
    const { subjective } = prefill({ logs });
    expect(lineOf(subjective, 'Pain: ')).toBe(painLine);
    expect(lineOf(subjective, 'Pain trend: ')).toBe(trendLine);
  });

  it('uses a 7-day window however long the period', () => {
    const since = addDays(TODAY, -60);
    const logs = [0, 6, 7, 30, 53, 54, 60].map((d, i) => ({ ...log(0, [6, 6, 1, 5, 1, 3, 3][i]), date: addDays(since, d) }));
    const { subjective } = prefill({ since, logs });
    // First week: days 0 and 6 (6, 6); latest week: days 54 and 60 (3, 3). Day 53 is 7 days before the last entry.
    expect(lineOf(subjective, 'Pain trend: ')).toBe('Pain trend: improving (average 6/10 over the first 7 days → 3/10 over the latest 7 days).');
  });
});

describe('visitNotePrefill: subjective, difficulty', () => {
  it.each<[string, Log[], string]>([
    ['one entry', [log(3, 5, 4)], 'Difficulty: 4/10 (one entry).'],
    ['the same at every entry', [log(0, 5, 4), log(7, 3, 4), log(14, 2, 4)], 'Difficulty: 4/10 at every entry.'],
    ['down 2 points', [log(0, 5, 6), log(7, 5, 5), log(14, 5, 4)], 'Difficulty: first 6/10 → latest 4/10, average 5/10 (getting easier).'],
    ['up 2 points', [log(0, 5, 4), log(7, 5, 5), log(14, 5, 6)], 'Difficulty: first 4/10 → latest 6/10, average 5/10 (getting harder).'],
    ['up 1 point', [log(0, 5, 4), log(7, 5, 5), log(14, 5, 5)], 'Difficulty: first 4/10 → latest 5/10, average 4.7/10 (steady).'],
    ['entries on 2 days: no trend', [log(0, 5, 9), log(14, 5, 1)], 'Difficulty: first 9/10 → latest 1/10, average 5/10.'],
  ])('%s', (_label, logs, expected) => {
    expect(lineOf(prefill({ logs }).subjective, 'Difficulty: ')).toBe(expected);
  });
});

describe('visitNotePrefill: subjective, the diary notes', () => {
  const notesOf = (logs: Log[]) => {
    const all = lines(prefill({ logs }).subjective);
    const start = all.findIndex((l) => l.startsWith('Diary notes'));
    return start < 0 ? [] : all.slice(start);
  };

  it.each<[string, Log[], string[]]>([
    ['no notes', [log(1, 3), log(2, 3)], []],
    ['blank notes are left out', [log(1, 3, 3, ''), log(2, 3, 3, '  \n ')], []],
    ['one note, on one line', [log(1, 3), log(2, 3, 3, '  Tight\n\nafter  driving. ')], ['Diary notes:', '- 2026-11-19: “Tight after driving.”']],
    [
      'the latest 5 of 7, oldest first',
      [1, 2, 3, 4, 5, 6, 7].map((d) => log(d, 3, 3, `Note ${d}`)),
      [
        'Diary notes (the latest 5 of 7):',
        '- 2026-11-20: “Note 3”',
        '- 2026-11-21: “Note 4”',
        '- 2026-11-22: “Note 5”',
        '- 2026-11-23: “Note 6”',
        '- 2026-11-24: “Note 7”',
      ],
    ],
    ['exactly 5', [1, 2, 3, 4, 5].map((d) => log(d, 3, 3, `Note ${d}`)), ['Diary notes:', ...[1, 2, 3, 4, 5].map((d) => `- ${day(d)}: “Note ${d}”`)]],
    ['a note outside the period is left out', [log(-1, 3, 3, 'Old'), log(2, 3, 3, 'New')], ['Diary notes:', '- 2026-11-19: “New”']],
  ])('%s', (_label, logs, expected) => {
    expect(notesOf(logs)).toEqual(expected);
  });
});

describe('visitNotePrefill: objective', () => {
  const finding = {
    code: 'aslr_positive',
    text: 'Active straight-leg raise 1 left + 1 right = 2/10 (mild, 1-5): load transfer through the pelvis is impaired.',
  };

  it.each<[string, Facts['assessment'], string[]]>([
    ['no assessment', null, ['No postural assessment recorded.']],
    ['an assessment without findings', { assessedOn: '2026-10-12', findings: [] }, ['Latest postural assessment 2026-10-12: no findings.']],
    [
      'findings, each on one line',
      { assessedOn: '2026-10-12', findings: [finding, { code: 'lateral_shift', text: 'Lateral shift of the trunk\nto the left.' }] },
      ['Latest postural assessment 2026-10-12:', `- ${finding.text}`, '- Lateral shift of the trunk to the left.'],
    ],
  ])('%s', (_label, assessment, expected) => {
    expect(lines(prefill({ assessment }).objective).slice(0, -1)).toEqual(expected);
  });

  const outcome = (instrument: Instrument, score: number, changeFromFirst: number | null, recordedOn = day(7)): Outcome => ({
    instrument,
    recordedOn,
    score,
    changeFromFirst,
    meaningful: null,
  });

  it.each<[string, Outcome, string]>([
    ['a first score', outcome('psfs', 5.2, null), '- 2026-11-24 PSFS 5.2/10: first score.'],
    ['ODI down 10 points: matters', outcome('odi', 20, -10), '- 2026-11-24 ODI 20 % (first 30 %): improved 10 points, a change that matters.'],
    ['ODI down 9.9 points', outcome('odi', 20.1, -9.9), '- 2026-11-24 ODI 20.1 % (first 30 %): improved 9.9 points, not yet a change that matters.'],
    ['ODI up', outcome('odi', 44.4, 4.4), '- 2026-11-24 ODI 44.4 % (first 40 %): worse by 4.4 points.'],
    ['RMDQ down 5: matters', outcome('rmdq', 7, -5), '- 2026-11-24 RMDQ 7/24 (first 12/24): improved 5 points, a change that matters.'],
    ['RMDQ down 4', outcome('rmdq', 8, -4), '- 2026-11-24 RMDQ 8/24 (first 12/24): improved 4 points, not yet a change that matters.'],
    ['RMDQ unchanged', outcome('rmdq', 12, 0), '- 2026-11-24 RMDQ 12/24 (first 12/24): no change.'],
    ['NPRS down 2: matters', outcome('nprs', 6, -2), '- 2026-11-24 NPRS 6/10 (first 8/10): improved 2 points, a change that matters.'],
    ['NPRS down 1 of 3 (30 % of baseline): matters', outcome('nprs', 2, -1), '- 2026-11-24 NPRS 2/10 (first 3/10): improved 1 point, a change that matters.'],
    ['NPRS down 1 of 4', outcome('nprs', 3, -1), '- 2026-11-24 NPRS 3/10 (first 4/10): improved 1 point, not yet a change that matters.'],
    ['NPRS up 1', outcome('nprs', 5, 1), '- 2026-11-24 NPRS 5/10 (first 4/10): worse by 1 point.'],
    ['PSFS up 2 (higher is better): matters', outcome('psfs', 6.4, 2), '- 2026-11-24 PSFS 6.4/10 (first 4.4/10): improved 2 points, a change that matters.'],
    ['PSFS down', outcome('psfs', 4.4, -2), '- 2026-11-24 PSFS 4.4/10 (first 6.4/10): worse by 2 points.'],
    [
      'rule 6 decides, not the meaningful given',
      { ...outcome('odi', 20, -10), meaningful: false },
      '- 2026-11-24 ODI 20 % (first 30 %): improved 10 points, a change that matters.',
    ],
  ])('%s', (_label, given, expected) => {
    expect(lines(prefill({ outcomes: [given] }).objective).slice(1)).toEqual(['Outcome scores since 2026-11-17:', expected]);
  });

  it('lists the outcomes of the period by date, and says when there are none', () => {
    const outcomes = [outcome('nprs', 4, null, day(9)), outcome('odi', 30, null, day(-1)), outcome('odi', 28, -2, day(2)), outcome('rmdq', 9, null, day(15))];
    expect(lines(prefill({ outcomes }).objective).slice(1)).toEqual([
      'Outcome scores since 2026-11-17:',
      '- 2026-11-19 ODI 28 % (first 30 %): improved 2 points, not yet a change that matters.',
      '- 2026-11-26 NPRS 4/10: first score.',
    ]);
    expect(lines(prefill({ since: null, outcomes: outcomes.slice(0, 2) }).objective).slice(1)).toEqual([
      'Outcome scores:',
      '- 2026-11-16 ODI 30 %: first score.',
      '- 2026-11-26 NPRS 4/10: first score.',
    ]);
    expect(lines(prefill({ outcomes: outcomes.slice(1, 2) }).objective).slice(1)).toEqual(['No outcome scores since 2026-11-17.']);
  });
});

describe('visitNotePrefill: assessment, the episode and its red flags', () => {
  const withFlags = (redFlagReasons: string[], urgency = 'routine', category = 'support_deficit') =>
    lines(prefill({ episode: { ...episode, redFlagReasons, urgency, category } }).assessment).slice(0, -1);
  const AGE_TEXT = 'Age under 20 or over 50: serious causes are more likely, so look harder (not a referral on its own).';

  it.each<[string, Facts['episode'], string[]]>([
    ['no episode', null, ['No episode recorded.']],
    ['a routine episode', episode, ['Episode (onset 2026-10-05): Support deficit, routine.', 'Red flags: none.']],
    [
      'an episode entered in error: its classification is not repeated',
      { ...episode, status: 'entered_in_error', redFlagReasons: ['fever'] },
      ['Episode (onset 2026-10-05) was entered in error: check which episode this note is for.'],
    ],
    ['an overload', { ...episode, category: 'overload' }, ['Episode (onset 2026-10-05): Overload, routine.', 'Red flags: none.']],
    ['an unclear pattern', { ...episode, category: 'unclear' }, ['Episode (onset 2026-10-05): Unclear pattern, routine.', 'Red flags: none.']],
    [
      'an emergency referral',
      { ...episode, category: 'referral', urgency: 'emergency', redFlagReasons: ['saddle_anaesthesia', 'age_review'] },
      ['Episode (onset 2026-10-05): Referral, emergency.', 'Red flags:', `- ${RED_FLAG_TEXTS.saddle_anaesthesia}`, `- ${AGE_TEXT}`],
    ],
  ])('%s', (_label, given, expected) => {
    expect(lines(prefill({ episode: given }).assessment).slice(0, -1)).toEqual(expected);
  });

  it.each<[string, string[], string, string[]]>([
    ['one urgent flag', ['fever'], 'urgent', [RED_FLAG_TEXTS.fever]],
    ['a repeated code once', ['fever', 'fever'], 'urgent', [RED_FLAG_TEXTS.fever]],
    ['age alone', ['age_review'], 'routine', [AGE_TEXT]],
    ['osteoporosis alone', ['osteoporosis'], 'routine', [RED_FLAG_TEXTS.osteoporosis]],
    ['minor trauma at 20-50', ['minor_trauma'], 'routine', [RED_FLAG_TEXTS.minor_trauma]],
    ['minor trauma under 20 (routine)', ['minor_trauma', 'age_review'], 'routine', [RED_FLAG_TEXTS.minor_trauma, AGE_TEXT]],
    ['minor trauma over 50 (the only urgent code)', ['minor_trauma', 'age_review'], 'urgent', ['Minor trauma over age 50: rule out fracture.', AGE_TEXT]],
    [
      'minor trauma with age, another urgent code explains the urgency too',
      ['fever', 'minor_trauma', 'age_review'],
      'urgent',
      [RED_FLAG_TEXTS.fever, 'Minor trauma with age under 20 or over 50: if over 50, rule out fracture.', AGE_TEXT],
    ],
    [
      'minor trauma with osteoporosis',
      ['minor_trauma', 'osteoporosis'],
      'urgent',
      ['Minor trauma with osteoporosis: rule out fracture.', 'Osteoporosis makes the minor trauma urgent: fracture risk.'],
    ],
  ])('%s', (_label, codes, urgency, texts) => {
    const category = urgency === 'routine' ? 'support_deficit' : 'referral';
    expect(withFlags(codes, urgency, category).slice(1)).toEqual(['Red flags:', ...texts.map((t) => `- ${t}`)]);
  });
});

describe('visitNotePrefill: assessment, open pain alerts', () => {
  const alertLines = (openPainAlerts: Facts['openPainAlerts']) => lines(prefill({ openPainAlerts }).assessment).slice(1);

  it.each<[string, Facts['openPainAlerts'], string[]]>([
    ['none', [], ['No open pain alerts.']],
    ['one', [{ date: day(5), pain: 8, reasons: ['pain_high'] }], ['Open pain alert: review before progressing.', '- 2026-11-22: pain 8/10 (high pain).']],
    [
      'several, oldest first, each with its reasons once; one from before the last note is still open',
      [
        { date: day(5), pain: 6, reasons: ['pain_jump', 'pain_jump'] },
        { date: day(-20), pain: 9, reasons: ['pain_high', 'pain_jump'] },
        { date: day(6), pain: 7, reasons: [] },
      ],
      [
        'Open pain alerts: review before progressing.',
        '- 2026-10-28: pain 9/10 (high pain, sharp rise).',
        '- 2026-11-22: pain 6/10 (sharp rise).',
        '- 2026-11-23: pain 7/10.',
      ],
    ],
  ])('%s', (_label, alerts, expected) => {
    expect(alertLines(alerts)).toEqual(expected);
  });
});

describe('visitNotePrefill: plan', () => {
  const NEXT = 'Next step (progress, hold or step back; next review):';

  it.each<[string, Partial<Facts>, string[]]>([
    ['no plan', {}, ['No exercise plan.', NEXT]],
    ['an active plan', { plan: dailyPlan }, ['Exercise plan: Back support plan, version 2 (active), started 2026-11-02.', NEXT]],
    [
      'a plan starting today',
      { plan: { ...dailyPlan, startDate: TODAY } },
      ['Exercise plan: Back support plan, version 2 (active), started 2026-12-01.', NEXT],
    ],
    [
      'a plan starting tomorrow',
      { plan: { ...dailyPlan, startDate: addDays(TODAY, 1) } },
      ['Exercise plan: Back support plan, version 2 (active), starts 2026-12-02.', NEXT],
    ],
    ['a draft', { plan: { ...dailyPlan, status: 'draft' } }, ['Exercise plan: Back support plan, version 2 (draft), started 2026-11-02.', NEXT]],
    [
      'entered in error, title on one line',
      { plan: { ...dailyPlan, title: 'Back\nplan', status: 'entered_in_error' } },
      ['Exercise plan: Back plan, version 2 (entered in error), started 2026-11-02.', NEXT],
    ],
    [
      'a change note',
      { plan: { ...dailyPlan, changeNote: 'Side bridge\nprogressed.' } },
      ['Exercise plan: Back support plan, version 2 (active), started 2026-11-02.', 'What changed and why (version 2): Side bridge progressed.', NEXT],
    ],
    ['a blank change note', { plan: { ...dailyPlan, changeNote: ' ' } }, ['Exercise plan: Back support plan, version 2 (active), started 2026-11-02.', NEXT]],
    [
      'change lines, blank ones left out',
      { plan: dailyPlan, planChanges: ['Bird dog: 3 sets → 4 sets', '  ', 'Walking\nadded'] },
      [
        'Exercise plan: Back support plan, version 2 (active), started 2026-11-02.',
        'Changes since the last note:',
        '- Bird dog: 3 sets → 4 sets',
        '- Walking added',
        NEXT,
      ],
    ],
    ['only blank change lines', { plan: dailyPlan, planChanges: [''] }, ['Exercise plan: Back support plan, version 2 (active), started 2026-11-02.', NEXT]],
  ])('%s', (_label, change, expected) => {
    expect(lines(prefill(change).plan)).toEqual(expected);
  });
});

describe('visitNotePrefill: the template prompts', () => {
  const facts = { ...empty, since: null };
  const bare = visitNotePrefill(facts);

  it.each<[string, Partial<VisitNoteSections> | undefined | null]>([
    ['no prompts', undefined],
    ['null prompts', null],
    ['an empty template', {}],
    ['empty prompts', { subjective: '', objective: '', assessment: '', plan: '' }],
    ['blank prompts', { subjective: ' \n ', objective: '\n', assessment: '\t', plan: '   ' }],
  ])('%s: the facts alone', (_label, prompts) => {
    expect(visitNotePrefill(facts, prompts as Partial<VisitNoteSections>)).toEqual(bare);
  });

  it('puts each prompt first, then a blank line, then the facts', () => {
    const prompts = {
      subjective: '\n\nMain complaint:\nSince last visit:  \n\n',
      objective: '  Observation (indented)',
      plan: 'Home exercise programme:',
    };
    expect(visitNotePrefill(facts, prompts)).toEqual({
      subjective: `Main complaint:\nSince last visit:\n\n${bare.subjective}`,
      objective: `  Observation (indented)\n\n${bare.objective}`,
      assessment: bare.assessment,
      plan: `Home exercise programme:\n\n${bare.plan}`,
    });
  });
});

describe('visitNotePrefill: validation', () => {
  const sparse: Log[] = new Array<Log>(3);
  sparse[0] = log(1, 3);
  sparse[2] = log(2, 3);

  it('lists every bad field at once', () => {
    const bad = {
      today: '2026-13-01',
      since: 5,
      episode: { onsetDate: 'x', category: 'acute', urgency: 'soon', redFlagReasons: ['fever', 'flu'], status: 'deleted' },
      plan: {
        title: ' \n',
        status: 'paused',
        versionNumber: 0,
        startDate: '2026-02-30',
        changeNote: 3,
        phases: [{ startWeek: 2, endWeek: 2, exercises: [{ timesPerWeek: 15 }, 'x'] }, null, { startWeek: 0, endWeek: 1, exercises: {} }],
      },
      planChanges: ['ok', 4],
      logs: [{ date: '2026-11-20', completedExercises: ['', 'bird_dog'], pain: 11, difficulty: 2.5, note: 7 }, 'log', {}],
      openPainAlerts: [{ date: '2026-11-20', pain: -1, reasons: ['pain_low'] }, []],
      outcomes: [
        { instrument: 'odi', recordedOn: '2026-11-20', score: 101, changeFromFirst: null, meaningful: 'yes' },
        { instrument: 'nprs', recordedOn: '2026-11-20', score: 3, changeFromFirst: -8, meaningful: null },
        { instrument: 'vas', recordedOn: '2026-11-20', score: 'x', changeFromFirst: 'y', meaningful: null },
      ],
      assessment: { assessedOn: '2026-11-31', findings: [{ code: 'bad', text: '' }, { code: 'lateral_shift', text: ' ' }, 1] },
    };
    expect(fieldsOf(() => visitNotePrefill(bad as unknown as Facts, { subjective: 3, plan: null } as unknown as VisitNoteSections))).toEqual([
      'today',
      'since',
      'episode.onsetDate',
      'episode.category',
      'episode.urgency',
      'episode.redFlagReasons[1]',
      'episode.status',
      'plan.title',
      'plan.status',
      'plan.versionNumber',
      'plan.startDate',
      'plan.changeNote',
      'plan.phases[0].endWeek',
      'plan.phases[0].exercises[0].timesPerWeek',
      'plan.phases[0].exercises[1]',
      'plan.phases[1]',
      'plan.phases[2].exercises',
      'planChanges[1]',
      'logs[0].completedExercises[0]',
      'logs[0].pain',
      'logs[0].difficulty',
      'logs[0].note',
      'logs[1]',
      'logs[2].date',
      'logs[2].completedExercises',
      'logs[2].pain',
      'logs[2].difficulty',
      'logs[2].note',
      'openPainAlerts[0].pain',
      'openPainAlerts[0].reasons[0]',
      'openPainAlerts[1]',
      'outcomes[0].score',
      'outcomes[0].meaningful',
      'outcomes[1].changeFromFirst',
      'outcomes[2].instrument',
      'outcomes[2].score',
      'outcomes[2].changeFromFirst',
      'assessment.assessedOn',
      'assessment.findings[0].code',
      'assessment.findings[0].text',
      'assessment.findings[1].text',
      'assessment.findings[2]',
      'prompts.subjective',
    ]);
  });

  it.each<[string, unknown, string[]]>([
    ['null facts', null, ['facts']],
    ['a string', 'facts', ['facts']],
    ['an empty object', {}, ['today', 'since', 'episode', 'plan', 'planChanges', 'logs', 'openPainAlerts', 'outcomes', 'assessment']],
    ['since after today', { ...empty, since: addDays(TODAY, 1) }, ['since']],
    ['since with a bad today', { ...empty, today: 'today', since: SINCE }, ['today']],
    ['an episode not an object', { ...empty, episode: 'back' }, ['episode']],
    ['a plan not an object', { ...empty, plan: [] }, ['plan']],
    ['plan phases not a list', { ...empty, plan: { ...dailyPlan, phases: null } }, ['plan.phases']],
    ['plan title missing', { ...empty, plan: { ...dailyPlan, title: undefined } }, ['plan.title']],
    ['a change note left out', { ...empty, plan: { ...dailyPlan, changeNote: undefined } }, ['plan.changeNote']],
    [
      'a dose above twice a day',
      { ...empty, plan: { ...dailyPlan, phases: [{ startWeek: 0, endWeek: 1, exercises: [{ timesPerWeek: 15 }] }] } },
      ['plan.phases[0].exercises[0].timesPerWeek'],
    ],
    ['a sparse diary', { ...empty, logs: sparse }, ['logs[1]']],
    ['exercises not a list', { ...empty, logs: [{ ...log(1, 3), completedExercises: 'bird_dog' }] }, ['logs[0].completedExercises']],
    ['an alert not an object', { ...empty, openPainAlerts: [null] }, ['openPainAlerts[0]']],
    ['alerts not a list', { ...empty, openPainAlerts: {} }, ['openPainAlerts']],
    ['an outcome not an object', { ...empty, outcomes: [3] }, ['outcomes[0]']],
    [
      'an unknown instrument, a first score',
      { ...empty, outcomes: [{ instrument: 'vas', recordedOn: SINCE, score: 3, changeFromFirst: null, meaningful: null }] },
      ['outcomes[0].instrument'],
    ],
    [
      'an NPRS score or change that is not whole',
      { ...empty, outcomes: [{ instrument: 'nprs', recordedOn: SINCE, score: 3.5, changeFromFirst: 0.5, meaningful: null }] },
      ['outcomes[0].score', 'outcomes[0].changeFromFirst'],
    ],
    [
      'a change beyond the scale',
      { ...empty, outcomes: [{ instrument: 'odi', recordedOn: SINCE, score: 50, changeFromFirst: -101, meaningful: null }] },
      ['outcomes[0].changeFromFirst'],
    ],
    [
      'a first score above the scale',
      { ...empty, outcomes: [{ instrument: 'psfs', recordedOn: SINCE, score: 2, changeFromFirst: -8.1, meaningful: true }] },
      ['outcomes[0].changeFromFirst'],
    ],
    [
      'a first score below the scale',
      { ...empty, outcomes: [{ instrument: 'rmdq', recordedOn: SINCE, score: 2, changeFromFirst: 3, meaningful: false }] },
      ['outcomes[0].changeFromFirst'],
    ],
    ['meaningful left out', { ...empty, outcomes: [{ instrument: 'odi', recordedOn: SINCE, score: 50, changeFromFirst: null }] }, ['outcomes[0].meaningful']],
    ['findings not a list', { ...empty, assessment: { assessedOn: SINCE, findings: 'none' } }, ['assessment.findings']],
    ['an assessment not an object', { ...empty, assessment: 1 }, ['assessment']],
  ])('rejects %s', (_label, facts, fields) => {
    expect(fieldsOf(() => visitNotePrefill(facts as Facts))).toEqual(fields);
  });

  it.each<[string, unknown]>([
    ['a string', 'Follow-up'],
    ['a list', ['Subjective:']],
  ])('rejects prompts given as %s', (_label, prompts) => {
    expect(fieldsOf(() => visitNotePrefill(empty, prompts as VisitNoteSections))).toEqual(['prompts']);
  });

  it('accepts the limits of each field', () => {
    const limits: Facts = {
      ...empty,
      since: TODAY,
      plan: { ...dailyPlan, versionNumber: 1, phases: [{ startWeek: 0, endWeek: 1, exercises: [{ timesPerWeek: 0 }, { timesPerWeek: 14 }] }] },
      logs: [log(14, 0, 10, null, []), log(14, 10, 0)],
      openPainAlerts: [{ date: '0001-01-01', pain: 0, reasons: [] }],
      outcomes: [
        { instrument: 'odi', recordedOn: TODAY, score: 100, changeFromFirst: 100, meaningful: false },
        { instrument: 'psfs', recordedOn: TODAY, score: 0, changeFromFirst: -10, meaningful: null },
        { instrument: 'rmdq', recordedOn: TODAY, score: 24, changeFromFirst: 0, meaningful: null },
      ],
    };
    expect(() => visitNotePrefill(limits, { subjective: undefined })).not.toThrow();
  });
});

const FORBIDDEN = /undefined|NaN|null|\[object /;
const freeText = fc.oneof(
  fc.constantFrom('Sore after gardening.', 'Side bridge felt easier.', 'Tight\nafter driving', '', '  '),
  fc.string({ maxLength: 30 }).filter((s) => !FORBIDDEN.test(s)),
);
const title = fc.constantFrom('Back support plan', 'Overload: graded return', 'Maintenance');
const dateIn = (from: string, to: string) => fc.integer({ min: 0, max: daysBetween(from, to) }).map((n) => addDays(from, n));
const RED_FLAG_REASONS = [...RED_FLAG_CODES, 'age_review'];

/** Scores on each instrument's scale, as rule 6's scorers return them (ODI and PSFS to 1 decimal). */
function score(instrument: Instrument): fc.Arbitrary<number> {
  const { min, max, integer } = MEANINGFUL_CHANGE[instrument];
  return integer ? fc.integer({ min, max }) : fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);
}

function validFacts(): fc.Arbitrary<Facts> {
  return fc
    .record({ today: dateIn('2026-01-01', '2027-12-31'), sinceDaysBack: fc.option(fc.integer({ min: 0, max: 90 })) })
    .chain(({ today, sinceDaysBack }) => {
      const since = sinceDaysBack === null ? null : addDays(today, -sinceDaysBack);
      const from = since ?? addDays(today, -120);
      const outcome = fc.constantFrom(...INSTRUMENTS).chain((instrument) =>
        fc.record({
          instrument: fc.constant(instrument),
          recordedOn: dateIn(from, today),
          score: score(instrument),
          first: fc.option(score(instrument)),
          meaningful: fc.constantFrom(true, false, null),
        }),
      );
      return fc.record({
        today: fc.constant(today),
        since: fc.constant(since),
        episode: fc.option(
          fc.record({
            onsetDate: dateIn(addDays(today, -400), today),
            category: fc.constantFrom(...EPISODE_CATEGORIES),
            urgency: fc.constantFrom(...URGENCIES),
            redFlagReasons: fc.subarray(RED_FLAG_REASONS, { maxLength: 4 }),
            status: fc.constantFrom('recorded' as const, 'entered_in_error' as const),
          }),
        ),
        plan: fc.option(
          fc.record({
            title,
            status: fc.constantFrom('draft', 'active', 'completed', 'entered_in_error'),
            versionNumber: fc.integer({ min: 1, max: 9 }),
            startDate: dateIn(addDays(today, -150), addDays(today, 14)),
            changeNote: fc.option(freeText),
            phases: fc.array(
              fc
                .record({
                  startWeek: fc.integer({ min: 0, max: 10 }),
                  weeks: fc.integer({ min: 1, max: 8 }),
                  times: fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 3 }),
                })
                .map(({ startWeek, weeks, times }) => ({ startWeek, endWeek: startWeek + weeks, exercises: times.map((timesPerWeek) => ({ timesPerWeek })) })),
              { maxLength: 4 },
            ),
          }),
        ),
        planChanges: fc.array(freeText, { maxLength: 3 }),
        logs: fc.array(
          fc.record({
            date: dateIn(addDays(from, -5), addDays(today, 2)),
            completedExercises: fc.subarray(['bird_dog', 'side_bridge', 'curl_up', 'my_stretch']),
            pain: fc.integer({ min: 0, max: 10 }),
            difficulty: fc.integer({ min: 0, max: 10 }),
            note: fc.option(freeText),
          }),
          { maxLength: 20 },
        ),
        openPainAlerts: fc.array(
          fc.record({ date: dateIn(addDays(today, -200), today), pain: fc.integer({ min: 0, max: 10 }), reasons: fc.subarray([...PAIN_ALERT_REASONS]) }),
          { maxLength: 4 },
        ),
        outcomes: fc.array(
          outcome.map(({ first, ...o }) => ({ ...o, changeFromFirst: first === null ? null : roundTo(o.score - first, 1) })),
          { maxLength: 6 },
        ),
        assessment: fc.option(
          fc.record({
            assessedOn: dateIn(addDays(today, -300), today),
            findings: fc.array(fc.record({ code: fc.constantFrom(...FINDING_CODES), text: title }), { maxLength: 4 }),
          }),
        ),
      });
    });
}

const validPrompts = fc.option(fc.record({ subjective: freeText, objective: freeText, assessment: freeText, plan: freeText }, { requiredKeys: [] }));

describe('visitNotePrefill: properties', () => {
  it('never writes undefined, NaN, null or [object ...]', () => {
    fc.assert(
      fc.property(validFacts(), validPrompts, (facts, prompts) => {
        const note = visitNotePrefill(facts, prompts ?? undefined);
        for (const text of Object.values(note)) expect(text).not.toMatch(FORBIDDEN);
      }),
      { numRuns: 500 },
    );
  });

  it('lists every open pain alert by its date, and every outcome of the period by its instrument', () => {
    const LABELS = { odi: 'ODI', nprs: 'NPRS', rmdq: 'RMDQ', psfs: 'PSFS' };
    fc.assert(
      fc.property(validFacts(), (facts) => {
        const note = visitNotePrefill(facts);
        for (const alert of facts.openPainAlerts) expect(note.assessment).toContain(`- ${alert.date}: pain ${alert.pain}/10`);
        for (const outcome of facts.outcomes) expect(note.objective).toContain(`- ${outcome.recordedOn} ${LABELS[outcome.instrument]} `);
        expect(lines(note.assessment).filter((l) => /^- \d{4}-\d{2}-\d{2}: pain /.test(l))).toHaveLength(facts.openPainAlerts.length);
      }),
      { numRuns: 300 },
    );
  });

  it('says adherence once, ends the plan with the next step, and heads each section with its prompt', () => {
    fc.assert(
      fc.property(validFacts(), validPrompts, (facts, prompts) => {
        const note = visitNotePrefill(facts, prompts ?? undefined);
        expect(lines(note.subjective).filter((l) => l.startsWith('Adherence'))).toHaveLength(1);
        expect(lines(note.plan).at(-1)).toBe('Next step (progress, hold or step back; next review):');
        for (const key of ['subjective', 'objective', 'assessment', 'plan'] as const) {
          const prompt = (prompts?.[key] ?? '').trim();
          if (prompt === '') expect(note[key]).toEqual(visitNotePrefill(facts)[key]);
          else expect(note[key].endsWith(`\n\n${visitNotePrefill(facts)[key]}`)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic, leaves its input alone, and does not depend on the order of entries on different days', () => {
    fc.assert(
      fc.property(
        validFacts().chain((facts) => {
          const distinct = [...new Map(facts.logs.map((l) => [l.date, l])).values()];
          return fc.tuple(fc.constant({ ...facts, logs: distinct }), fc.shuffledSubarray(distinct, { minLength: distinct.length }));
        }),
        ([facts, shuffled]) => {
          const copy = structuredClone(facts);
          const note = visitNotePrefill(facts);
          expect(facts).toEqual(copy);
          expect(visitNotePrefill(facts)).toEqual(note);
          expect(visitNotePrefill({ ...facts, logs: shuffled })).toEqual(note);
        },
      ),
      { numRuns: 200 },
    );
  });
});
