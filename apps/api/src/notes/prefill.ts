import { EXERCISES, meaningfulChange, visitNotePrefill, type VisitNotePrefillFacts } from '@upright/domain';
import { planChanges } from '../plans/plan-changes.js';
import type { NoteSections } from './default-templates.js';
import type { PrefillRow } from './prefill-facts.js';

const BUILT_IN = new Map<string, string>(EXERCISES.map((e) => [e.code, e.name]));

/**
 * Turns the facts statement's row into the domain's input: the plan's changes since the version the last note was
 * written against (plans/plan-changes.ts, as the patient's page words them), each outcome's change from the
 * patient's first score of that instrument and whether it matters (the domain's meaningfulChange).
 */
export function prefillFacts(row: PrefillRow, today: string): VisitNotePrefillFacts {
  const own = new Map(row.exerciseNames.map((e) => [e.code, e.name]));
  const names = (code: string) => ({ name: BUILT_IN.get(code) ?? own.get(code) ?? code.replace(/_/g, ' ') });
  const changes = row.plan && row.seenPhases ? planChanges(row.seenPhases, row.plan.phases, names).map((c) => c.text) : [];
  return {
    today,
    since: row.since,
    episode: row.episode
      ? {
          onsetDate: row.episode.onsetDate,
          category: row.episode.category,
          urgency: row.episode.urgency,
          redFlagReasons: row.episode.redFlagReasons,
          status: row.episode.status,
        }
      : null,
    plan: row.plan
      ? {
          title: row.plan.title,
          status: row.plan.status,
          versionNumber: row.plan.versionNumber,
          startDate: row.plan.startDate,
          changeNote: row.plan.changeNote,
          phases: row.plan.phases,
        }
      : null,
    planChanges: changes,
    logs: row.logs,
    openPainAlerts: row.openPainAlerts,
    outcomes: row.outcomes.map((o) => {
      if (o.isFirst) return { instrument: o.instrument, recordedOn: o.recordedOn, score: o.score, changeFromFirst: null, meaningful: null };
      const change = meaningfulChange(o.instrument, o.firstScore, o.score);
      return { instrument: o.instrument, recordedOn: o.recordedOn, score: o.score, changeFromFirst: change.change, meaningful: change.meaningful };
    }),
    assessment: row.assessment ? { assessedOn: row.assessment.assessedOn, findings: row.assessment.findings } : null,
  };
}

/** The four sections of a new note: the template's prompts, then what Upright knows (the domain's visitNotePrefill). */
export function prefillSections(facts: VisitNotePrefillFacts, prompts: NoteSections | null): NoteSections {
  return visitNotePrefill(facts, prompts ?? undefined);
}
