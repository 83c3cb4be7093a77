import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { currentTimeZone } from '../common/dates.js';
import { patientNotFound } from '../patients/patients.service.js';
import type { StaffActor } from '../common/request-context.js';
import type { TimelineDto, TimelineEntryDto } from './dto/timeline.dto.js';
import { TIMELINE_LIMIT_PER_KIND, TimelineRepository } from './timeline.repository.js';

const CATEGORY_LABEL: Record<string, string> = {
  overload: 'Overload',
  support_deficit: 'Support deficit',
  unclear: 'Unclear',
  referral: 'Referral',
};
/** A day as the dashboard writes it, in the practice's zone: 7 Dec 2026. */
const displayDate = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(instant));
const INSTRUMENT_LABEL: Record<string, string> = { odi: 'ODI', nprs: 'NPRS', rmdq: 'RMDQ', psfs: 'PSFS' };

@Injectable()
export class TimelineService {
  constructor(
    private readonly repository: TimelineRepository,
    private readonly audit: AuditService,
  ) {}

  async forPatient(actor: StaffActor, patientId: string): Promise<TimelineDto> {
    // The records and the read's audit row come from one statement.
    const { found, episodes, assessments, plans, outcomes, notes } = await this.repository.loadAudited(this.audit.context(actor.practiceId), patientId);
    if (!found) throw patientNotFound();
    const truncated = [episodes, assessments, plans, outcomes, notes].some((rows) => rows.length > TIMELINE_LIMIT_PER_KIND);
    const timeZone = currentTimeZone();
    const keep = <T>(rows: T[]) => rows.slice(0, TIMELINE_LIMIT_PER_KIND);

    const entries: TimelineEntryDto[] = [
      ...keep(episodes).map((e) => ({
        kind: 'episode' as const,
        id: e.id,
        date: e.date,
        recordedAt: e.recordedAt,
        title: `Episode: ${CATEGORY_LABEL[e.category] ?? e.category}`,
        summary: `${e.urgency === 'routine' ? 'Routine' : `Urgency ${e.urgency}`} · pain ${e.painNprs}/10 · review in ${e.reviewInDays} days`,
        status: e.status,
      })),
      ...keep(assessments).map((a) => ({
        kind: 'assessment' as const,
        id: a.id,
        date: a.date,
        recordedAt: a.recordedAt,
        title: 'Postural symmetry assessment',
        summary: `${a.findings} finding(s), ${a.targets} strengthening target(s)${a.refer ? ' · refer' : ''}`,
        status: a.status,
      })),
      ...keep(plans).map((p) => {
        return {
          kind: 'plan' as const,
          id: p.id,
          date: p.date,
          recordedAt: p.recordedAt,
          title: `Plan: ${p.title ?? 'untitled'}`,
          summary: `${p.status} · version ${p.currentVersion}`,
          status: p.status,
        };
      }),
      ...keep(outcomes).map((o) => ({
        kind: 'outcome' as const,
        id: o.id,
        date: o.date,
        recordedAt: o.recordedAt,
        title: `${INSTRUMENT_LABEL[o.instrument] ?? o.instrument} score`,
        summary: `${o.score}${o.band ? ` (${o.band.replace(/_/g, ' ')})` : ''}`,
        status: o.status,
      })),
      ...keep(notes).map((n) => ({
        kind: 'note' as const,
        id: n.id,
        date: n.date,
        recordedAt: n.recordedAt,
        title: n.templateName ? `Visit note: ${n.templateName}` : 'Visit note',
        summary:
          n.status === 'entered_in_error'
            ? 'Entered in error'
            : n.status === 'signed'
              ? `Signed by ${n.signedByName ?? n.authorName} · ${displayDate(n.signedAt!, timeZone)}`
              : `Draft by ${n.authorName}`,
        status: n.status,
      })),
    ].sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt));
    return { patientId, entries, truncated };
  }
}
