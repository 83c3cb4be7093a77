import { Injectable } from '@nestjs/common';
import type { PosturalReport } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { toIsoDate } from '../common/dates.js';
import type { StaffActor } from '../common/request-context.js';
import type { Timeline, TimelineEntry } from '../contracts/index.js';
import { PatientsService } from '../patients/patients.service.js';
import { TIMELINE_LIMIT_PER_KIND, TimelineRepository } from './timeline.repository.js';

const CATEGORY_LABEL: Record<string, string> = {
  overload: 'Overload',
  support_deficit: 'Support deficit',
  unclear: 'Unclear',
  referral: 'Referral',
};
const INSTRUMENT_LABEL: Record<string, string> = { odi: 'ODI', nprs: 'NPRS', rmdq: 'RMDQ', psfs: 'PSFS' };

@Injectable()
export class TimelineService {
  constructor(
    private readonly repository: TimelineRepository,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
  ) {}

  async forPatient(actor: StaffActor, patientId: string): Promise<Timeline> {
    await this.patients.require(actor.practiceId, patientId);
    const { episodes, assessments, plans, outcomes, currentVersions } = await this.repository.load(actor.practiceId, patientId);
    const titles = new Map(currentVersions.map((v) => [v.planId, v]));
    const truncated = [episodes, assessments, plans, outcomes].some((rows) => rows.length > TIMELINE_LIMIT_PER_KIND);
    const keep = <T>(rows: T[]) => rows.slice(0, TIMELINE_LIMIT_PER_KIND);

    const entries: TimelineEntry[] = [
      ...keep(episodes).map((e) => ({
        kind: 'episode' as const,
        id: e.id,
        date: toIsoDate(e.onsetDate),
        recordedAt: e.createdAt.toISOString(),
        title: `Episode: ${CATEGORY_LABEL[e.category] ?? e.category}`,
        summary: `${e.urgency === 'routine' ? 'Routine' : `Urgency ${e.urgency}`} · pain ${e.painNprs}/10 · review in ${e.reviewInDays} days`,
        status: e.status,
      })),
      ...keep(assessments).map((a) => {
        const report = a.report as unknown as PosturalReport;
        return {
          kind: 'assessment' as const,
          id: a.id,
          date: toIsoDate(a.assessedOn),
          recordedAt: a.createdAt.toISOString(),
          title: 'Postural symmetry assessment',
          summary: `${report.findings.length} finding(s), ${report.targets.length} strengthening target(s)${a.refer ? ' · refer' : ''}`,
          status: a.status,
        };
      }),
      ...keep(plans).map((p) => {
        const current = titles.get(p.id);
        return {
          kind: 'plan' as const,
          id: p.id,
          date: current ? toIsoDate(current.startDate) : toIsoDate(p.createdAt),
          recordedAt: p.createdAt.toISOString(),
          title: `Plan: ${current?.title ?? 'untitled'}`,
          summary: `${p.status} · version ${p.currentVersion}`,
          status: p.status,
        };
      }),
      ...keep(outcomes).map((o) => ({
        kind: 'outcome' as const,
        id: o.id,
        date: toIsoDate(o.recordedOn),
        recordedAt: o.createdAt.toISOString(),
        title: `${INSTRUMENT_LABEL[o.instrument] ?? o.instrument} score`,
        summary: `${o.score}${o.band ? ` (${o.band.replace(/_/g, ' ')})` : ''}`,
        status: o.status,
      })),
    ].sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt));

    await this.audit.record({ action: 'read', resourceType: 'timeline', resourceId: patientId, patientId });
    return { patientId, entries, truncated };
  }
}
