import fc from 'fast-check';
import { RECURRENCE_RISKS, SPASM_CYCLES, SPASM_TRENDS, type RecurrenceRisk, type SpasmCycle, type SpasmTrend } from './codes.js';
import { addDays, daysBetween } from './dates.js';
import { DomainValidationError } from './errors.js';
import { spasmHistory, type SpasmEpisode, type SpasmHistoryInput } from './spasm-history.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

const AS_OF = '2026-12-01';
/** The date `days` days before `AS_OF`. */
const ago = (days: number): string => addDays(AS_OF, -days);
/** A spasm `days` days before `AS_OF`, optionally resolved `lasting` days after its onset. */
const spasm = (id: string, days: number, lasting?: number): SpasmEpisode =>
  lasting === undefined ? { id, onsetDate: ago(days) } : { id, onsetDate: ago(days), resolvedOn: ago(days - lasting) };
const history = (episodes: SpasmEpisode[], planStartDate?: string | null) => spasmHistory({ episodes, asOf: AS_OF, planStartDate });
const groups = (episodes: SpasmEpisode[]) => history(episodes).distinct.map((d) => d.memberIds);

describe('spasmHistory: distinct episodes and flares', () => {
  it.each<[string, SpasmEpisode[], string[][]]>([
    ['nothing recorded', [], []],
    ['one spasm', [spasm('a', 100)], [['a']]],
    ['29 days after the onset: a flare', [spasm('a', 100), spasm('b', 71)], [['a', 'b']]],
    ['30 days after the onset: a new episode', [spasm('a', 100), spasm('b', 70)], [['a'], ['b']]],
    ['31 days after the onset: a new episode', [spasm('a', 100), spasm('b', 69)], [['a'], ['b']]],
    ['29 days after the resolution: a flare', [spasm('a', 100, 20), spasm('b', 51)], [['a', 'b']]],
    ['30 days after the resolution: a new episode', [spasm('a', 100, 20), spasm('b', 50)], [['a'], ['b']]],
    ['starting before the previous one resolved', [spasm('a', 100, 40), spasm('b', 90)], [['a', 'b']]],
    ['a flare extends the end', [spasm('a', 200), spasm('b', 171), spasm('c', 142)], [['a', 'b', 'c']]],
    ['a flare resolving later extends the end', [spasm('a', 200), spasm('b', 190, 30), spasm('c', 131)], [['a', 'b', 'c']]],
    ['30 days after a flare resolved: new', [spasm('a', 200), spasm('b', 190, 30), spasm('c', 130)], [['a', 'b'], ['c']]],
    ['an early-resolving flare does not shorten the end', [spasm('a', 200, 60), spasm('b', 190, 1), spasm('c', 111)], [['a', 'b', 'c']]],
    ['same onset: ordered by id', [spasm('b', 100), spasm('a', 100)], [['a', 'b']]],
    ['ids compare as strings', [spasm('9', 100), spasm('10', 100)], [['10', '9']]],
    ['any input order', [spasm('c', 10), spasm('a', 300), spasm('b', 290)], [['a', 'b'], ['c']]],
  ])('%s', (_label, episodes, expected) => {
    expect(groups(episodes)).toEqual(expected);
  });

  it('gives each distinct episode its first onset and its latest date', () => {
    expect(history([spasm('b', 190, 30), spasm('a', 200), spasm('c', 400, 3)]).distinct).toEqual([
      { onsetDate: ago(400), end: ago(397), memberIds: ['c'] },
      { onsetDate: ago(200), end: ago(160), memberIds: ['a', 'b'] },
    ]);
  });

  it('treats a null resolvedOn as absent', () => {
    expect(history([{ id: 'a', onsetDate: ago(50), resolvedOn: null }]).distinct).toEqual([{ onsetDate: ago(50), end: ago(50), memberIds: ['a'] }]);
  });
});

describe('spasmHistory: the 12-month windows and the trend', () => {
  it.each<[number, number, number]>([
    [0, 1, 0],
    [364, 1, 0],
    [365, 0, 1],
    [366, 0, 1],
    [729, 0, 1],
    [730, 0, 0],
  ])('an onset %i days before asOf counts %i in the last and %i in the previous 12 months', (days, last, previous) => {
    const result = history([spasm('a', days)]);
    expect([result.last12Months, result.previous12Months]).toEqual([last, previous]);
  });

  it.each<[string, SpasmEpisode[], SpasmTrend, number, number]>([
    ['no episode', [], 'none', 0, 0],
    ['a single episode', [spasm('a', 800)], 'first', 0, 0],
    ['one episode with flares', [spasm('a', 100), spasm('b', 80), spasm('c', 60)], 'first', 1, 0],
    ['more episodes lately', [spasm('a', 400), spasm('b', 200), spasm('c', 100)], 'increasing', 2, 1],
    ['fewer episodes lately', [spasm('a', 500), spasm('b', 400), spasm('c', 100)], 'decreasing', 1, 2],
    ['as many as before', [spasm('a', 400), spasm('b', 100)], 'stable', 1, 1],
    ['none in either window', [spasm('a', 1000), spasm('b', 900)], 'stable', 0, 0],
  ])('%s -> %s', (_label, episodes, trend, last, previous) => {
    const result = history(episodes);
    expect(result).toMatchObject({ trend, last12Months: last, previous12Months: previous });
    expect(result.reasons[0].code).toBe(`trend_${trend}`);
  });
});

describe('spasmHistory: recurrence risk', () => {
  const distinctEpisodes = (count: number): SpasmEpisode[] => Array.from({ length: count }, (_, i) => spasm(`e${i}`, 1000 - 40 * i));

  it.each<[number, number, RecurrenceRisk]>([
    [0, 0, 'baseline'],
    [1, 0, 'baseline'],
    [2, 1, 'raised'],
    [3, 2, 'raised'],
    [4, 3, 'high'],
    [5, 4, 'high'],
  ])('%i distinct episode(s): %i before the latest -> %s', (count, prior, risk) => {
    const result = history(distinctEpisodes(count));
    expect(result.distinct).toHaveLength(count);
    expect(result).toMatchObject({ priorEpisodes: prior, recurrenceRisk: risk });
    expect(result.reasons[1].code).toBe(`risk_${risk}`);
  });

  it('does not count flares as prior episodes', () => {
    expect(history([spasm('a', 100), spasm('b', 90), spasm('c', 80), spasm('d', 70)]).priorEpisodes).toBe(0);
  });
});

describe('spasmHistory: the cycle since the plan began', () => {
  it('is no_plan without a plan start, null or left out', () => {
    for (const planStart of [undefined, null]) {
      expect(history([spasm('a', 10)], planStart)).toMatchObject({
        cycle: 'no_plan',
        newSincePlan: null,
        daysSincePlan: null,
        daysFree: null,
      });
    }
  });

  it.each<[string, SpasmEpisode[], number, SpasmCycle, number, number]>([
    // label, episodes, plan started (days before asOf), cycle, newSincePlan, daysFree
    ['89 free days', [spasm('a', 100)], 89, 'too_early', 0, 89],
    ['90 free days', [spasm('a', 100)], 90, 'holding', 0, 90],
    ['91 free days', [spasm('a', 100)], 91, 'holding', 0, 91],
    ['364 free days', [spasm('a', 400)], 364, 'holding', 0, 364],
    ['365 free days', [spasm('a', 400)], 365, 'broken', 0, 365],
    ['366 free days', [spasm('a', 400)], 366, 'broken', 0, 366],
    ['the plan starts today', [], 0, 'too_early', 0, 0],
    ['a plan without any episode', [], 200, 'holding', 0, 200],
    ['the anchor began on the start day', [spasm('a', 100)], 100, 'holding', 0, 100],
    ['a flare of the anchor is not new but resets the free days', [spasm('a', 200), spasm('b', 180)], 190, 'holding', 0, 180],
    ['a recent flare of the anchor', [spasm('a', 200, 160), spasm('b', 20)], 190, 'too_early', 0, 20],
    ['a new episode after the start', [spasm('a', 300), spasm('b', 100)], 250, 'recurred', 1, 100],
    ['two new episodes', [spasm('a', 300), spasm('b', 200), spasm('c', 100)], 250, 'recurred', 2, 100],
    ['a new episode 364 days ago', [spasm('a', 500), spasm('b', 364)], 450, 'recurred', 1, 364],
    ['a new episode 365 days ago: no longer recurred', [spasm('a', 500), spasm('b', 365)], 450, 'broken', 1, 365],
    ['a new episode over a year ago with a recent flare', [spasm('a', 400, 330), spasm('b', 45)], 450, 'too_early', 1, 45],
    ['an episode before the start without an anchor flare', [spasm('a', 300)], 100, 'holding', 0, 100],
  ])('%s -> %s', (_label, episodes, planDaysAgo, cycle, newSincePlan, daysFree) => {
    const result = history(episodes, ago(planDaysAgo));
    expect(result).toMatchObject({ cycle, newSincePlan, daysFree, daysSincePlan: planDaysAgo });
    expect(result.reasons[2].code).toBe(`cycle_${cycle}`);
  });
});

describe('spasmHistory: texts', () => {
  it('explains a plan with no spasm since it began', () => {
    const result = history([spasm('a', 200), spasm('b', 400)], ago(143));
    expect(result.reasons).toEqual([
      {
        code: 'trend_stable',
        text: '1 distinct episode in the last 12 months against 1 in the 12 months before: no change in how often they come.',
      },
      {
        code: 'risk_raised',
        text: '1 distinct episode before the latest: another episode is more likely than after a first one.',
      },
      {
        code: 'cycle_holding',
        text: `143 days without a spasm since the plan began on ${ago(143)} (143 days into the plan), 90 days or more: holding.`,
      },
    ]);
    expect(result.patientText).toBe('No spasm for 143 days since your plan began. That is three months or more: keep going.');
    expect(result.rulesetVersion).toBe('2026.12');
  });

  it('counts from the last spasm when one came after the start', () => {
    const result = history([spasm('a', 60), spasm('b', 31)], ago(50));
    expect(result.reasons[2].text).toBe(
      `31 days without a spasm since the last spasm on ${ago(31)} (50 days into the plan), fewer than 90 days: too early to say.`,
    );
    expect(result.patientText).toBe('No spasm for 31 days since your last spasm. Keep going with your exercises.');
  });

  it('explains a broken cycle', () => {
    const result = history([spasm('a', 500)], ago(400));
    expect(result.reasons[2].text).toBe(
      `400 days without a spasm since the plan began on ${ago(400)} (400 days into the plan), a year or more: the cycle looks broken; keep the exercises going.`,
    );
    expect(result.patientText).toBe('No spasm for 400 days since your plan began. That is a year or more: keep your exercises going to keep it that way.');
    expect(history([spasm('a', 20)], ago(1)).reasons[2].text).toMatch(/^1 day without a spasm .* \(1 day into the plan\)/);
  });

  it('speaks to the patient on day 0', () => {
    expect(history([], AS_OF).patientText).toBe('Your plan starts today. Keep going with your exercises.');
    // A flare of the episode the plan began with, today.
    expect(history([spasm('a', 20), spasm('b', 0)], ago(10)).patientText).toBe(
      'A spasm started today: keep moving gently, and tell your physio if it does not ease.',
    );
  });

  it('explains a recurrence', () => {
    const result = history([spasm('a', 300), spasm('b', 200), spasm('c', 100), spasm('d', 80)], ago(250));
    expect(result.reasons[2].text).toBe(
      `2 new distinct episodes since the plan began on ${ago(250)}, the latest starting 100 days ago (${ago(100)}): the cycle is not broken yet; review the plan.`,
    );
    expect(result.patientText).toBe('You have had 2 new back spasms since your plan began. Your physio will go through your plan with you.');
    expect(history([spasm('a', 300), spasm('b', 1)], ago(250)).reasons[2].text).toMatch(/^1 new distinct episode since .* the latest starting 1 day ago/);
    expect(history([spasm('a', 300), spasm('b', 1)], ago(250)).patientText).toMatch(/^You have had 1 new back spasm since/);
  });

  it.each<[string, SpasmEpisode[], string, string, string]>([
    ['nothing', [], 'No spasm episode recorded.', 'No episode recorded: baseline risk.', 'No back spasms recorded yet.'],
    [
      'a first episode',
      [spasm('a', 20)],
      `One distinct episode so far (onset ${ago(20)}): no pattern to read yet.`,
      'No distinct episode before the latest: baseline risk (about a third of people have another episode within a year).',
      `Your last back spasm began on ${ago(20)}.`,
    ],
    [
      'a first episode with a flare',
      [spasm('a', 20), spasm('b', 5)],
      `One distinct episode so far (onset ${ago(20)}, with 1 flare): no pattern to read yet.`,
      'No distinct episode before the latest: baseline risk (about a third of people have another episode within a year).',
      `Your last back spasm began on ${ago(5)}.`,
    ],
    [
      'a first episode with flares',
      [spasm('a', 40), spasm('b', 20), spasm('c', 5)],
      `One distinct episode so far (onset ${ago(40)}, with 2 flares): no pattern to read yet.`,
      'No distinct episode before the latest: baseline risk (about a third of people have another episode within a year).',
      `Your last back spasm began on ${ago(5)}.`,
    ],
    [
      'four episodes',
      [spasm('a', 600), spasm('b', 300), spasm('c', 200), spasm('d', 100)],
      '3 distinct episodes in the last 12 months against 1 in the 12 months before: episodes are coming more often.',
      '3 distinct episodes before the latest: more than two previous episodes is the most consistent predictor of another; keeping up the exercises matters more.',
      `Your last back spasm began on ${ago(100)}.`,
    ],
    [
      'fewer lately',
      [spasm('a', 600), spasm('b', 500), spasm('c', 100)],
      '1 distinct episode in the last 12 months against 2 in the 12 months before: episodes are coming less often.',
      '2 distinct episodes before the latest: another episode is more likely than after a first one.',
      `Your last back spasm began on ${ago(100)}.`,
    ],
  ])('explains %s without a plan', (_label, episodes, trendText, riskText, patientText) => {
    const result = history(episodes);
    expect(result.reasons.map((r) => r.text)).toEqual([
      trendText,
      riskText,
      'No plan start date: whether the cycle is ending since the plan began cannot be judged.',
    ]);
    expect(result.patientText).toBe(patientText);
  });
});

describe('spasmHistory: validation', () => {
  it('lists every bad field at once', () => {
    const bad = {
      episodes: [
        { id: 'a', onsetDate: '2026-02-30' },
        { id: '', onsetDate: '2026-12-02' },
        { id: 'a', onsetDate: '2026-11-01', resolvedOn: '2026-10-31' },
        { id: 'c', onsetDate: '2026-11-01', resolvedOn: '2026-12-05' },
        { onsetDate: '2026-11-01', resolvedOn: 'soon' },
        'episode',
      ],
      asOf: AS_OF,
      planStartDate: '2026-12-02',
    };
    expect(fieldsOf(() => spasmHistory(bad as unknown as SpasmHistoryInput))).toEqual([
      'episodes[0].onsetDate',
      'episodes[1].id',
      'episodes[1].onsetDate',
      'episodes[2].id',
      'episodes[2].resolvedOn',
      'episodes[3].resolvedOn',
      'episodes[4].id',
      'episodes[4].resolvedOn',
      'episodes[5]',
      'planStartDate',
    ]);
  });

  it('says what is wrong', () => {
    const bad = {
      episodes: [
        { id: 'x', onsetDate: '2026-12-02', resolvedOn: '2026-12-01' },
        { id: 'x', onsetDate: '2026-11-20', resolvedOn: '2026-12-03' },
      ],
      asOf: AS_OF,
    };
    try {
      spasmHistory(bad);
      throw new Error('expected a DomainValidationError');
    } catch (e) {
      expect((e as DomainValidationError).errors).toEqual([
        { field: 'episodes[0].onsetDate', message: 'must be on or before asOf' },
        { field: 'episodes[0].resolvedOn', message: 'must be on or after onsetDate' },
        { field: 'episodes[1].id', message: 'duplicates the id of episodes[0]' },
        { field: 'episodes[1].resolvedOn', message: 'must be on or before asOf' },
      ]);
    }
  });

  it('accepts a resolution on the onset day and on asOf, and a plan start on asOf', () => {
    const result = spasmHistory({
      episodes: [
        { id: 'a', onsetDate: '2026-06-01', resolvedOn: '2026-06-01' },
        { id: 'b', onsetDate: '2026-11-01', resolvedOn: AS_OF },
        { id: 'c', onsetDate: AS_OF },
      ],
      asOf: AS_OF,
      planStartDate: AS_OF,
    });
    expect(result.distinct.map((d) => d.memberIds)).toEqual([['a'], ['b', 'c']]);
  });

  it.each<[unknown, string[]]>([
    [null, ['input']],
    [[], ['input']],
    [{}, ['episodes', 'asOf']],
    [{ episodes: 'none', asOf: '01/12/2026', planStartDate: 5 }, ['episodes', 'asOf', 'planStartDate']],
    [{ episodes: [{ id: 'a', onsetDate: '2030-01-01' }], asOf: 'today', planStartDate: '2030-01-01' }, ['asOf']],
    [{ episodes: [{ id: 7, onsetDate: AS_OF, resolvedOn: false }], asOf: AS_OF }, ['episodes[0].id', 'episodes[0].resolvedOn']],
  ])('rejects %p', (input, fields) => {
    expect(fieldsOf(() => spasmHistory(input as SpasmHistoryInput))).toEqual(fields);
  });
});

/** Valid inputs: unique ids, onsets up to ~4 years before asOf, resolutions between onset and asOf. */
function validInput(): fc.Arbitrary<SpasmHistoryInput> {
  const episode = fc
    .record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      onsetAgo: fc.integer({ min: 0, max: 1500 }),
      lasting: fc.option(fc.nat(), { nil: undefined }),
    })
    .map(({ id, onsetAgo, lasting }) => spasm(id, onsetAgo, lasting === undefined ? undefined : lasting % (onsetAgo + 1)));
  return fc.record({
    episodes: fc.uniqueArray(episode, { selector: (e) => e.id, maxLength: 25 }),
    asOf: fc.constant(AS_OF),
    planStartDate: fc.option(fc.integer({ min: 0, max: 1500 }).map(ago), { nil: undefined }),
  });
}

describe('spasmHistory: properties', () => {
  it('does not depend on the order of the episodes', () => {
    fc.assert(
      fc.property(
        validInput().chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.episodes], { minLength: input.episodes.length }))),
        ([input, shuffled]) => {
          expect(spasmHistory({ ...input, episodes: shuffled })).toEqual(spasmHistory(input));
        },
      ),
    );
  });

  it('partitions the spasms into distinct episodes at least 30 days apart, with consistent counts', () => {
    fc.assert(
      fc.property(validInput(), (input) => {
        const result = spasmHistory(input);
        const members = result.distinct.flatMap((d) => d.memberIds);
        expect([...members].sort()).toEqual(input.episodes.map((e) => e.id).sort());
        result.distinct.forEach((d, i) => {
          expect(daysBetween(d.onsetDate, d.end)).toBeGreaterThanOrEqual(0);
          if (i > 0) expect(daysBetween(result.distinct[i - 1].end, d.onsetDate)).toBeGreaterThanOrEqual(30);
        });
        expect(result.last12Months).toBeGreaterThanOrEqual(0);
        expect(result.previous12Months).toBeGreaterThanOrEqual(0);
        expect(result.last12Months + result.previous12Months).toBeLessThanOrEqual(result.distinct.length);
        expect(result.priorEpisodes).toBe(Math.max(0, result.distinct.length - 1));
        expect(SPASM_TRENDS).toContain(result.trend);
        expect(RECURRENCE_RISKS).toContain(result.recurrenceRisk);
        expect(SPASM_CYCLES).toContain(result.cycle);
        expect(result.reasons.map((r) => r.code)).toEqual([`trend_${result.trend}`, `risk_${result.recurrenceRisk}`, `cycle_${result.cycle}`]);
        expect(result.patientText.length).toBeGreaterThan(0);
        if (input.planStartDate === undefined) {
          expect(result.cycle).toBe('no_plan');
        } else {
          expect(result.newSincePlan).toBeGreaterThanOrEqual(0);
          expect(result.newSincePlan).toBeLessThanOrEqual(result.distinct.length);
          expect(result.daysFree).toBeGreaterThanOrEqual(0);
          expect(result.daysFree).toBeLessThanOrEqual(result.daysSincePlan as number);
        }
      }),
    );
  });
});
