import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';

/** A patient who needs attention, from their latest recorded episode (one row of `attention`). */
export interface AttentionRow {
  kind: 'referral' | 'review';
  episodeId: string;
  patientId: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  category: string;
  urgency: string;
  /** YYYY-MM-DD */
  onsetDate: string;
  /** YYYY-MM-DD */
  recordedOn: string;
  /** YYYY-MM-DD: recordedOn + reviewInDays. */
  dueOn: string;
  overdueDays: number;
  /** Codes of the screen's emergency and urgent reasons, in the screen's order (emergency first). */
  redFlags: string[];
}

@Injectable()
export class TodayRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * In ONE query, whatever the number of patients: each current (not archived) patient's latest recorded
   * episode (DISTINCT ON over the (practice_id, patient_id, created_at desc, id desc) index; entered-in-error
   * episodes never count), kept when it is a referral or its review date (recorded_on + review_in_days) is on
   * or before `today`. At most `take` rows per kind: referrals emergency first then most recently recorded,
   * reviews most overdue first.
   */
  attention(practiceId: string, today: string, take: number): Promise<AttentionRow[]> {
    return this.prisma.$queryRaw<AttentionRow[]>`
      WITH latest AS (
        SELECT DISTINCT ON (e.patient_id)
               e.id, e.patient_id, e.category, e.urgency, e.onset_date, e.recorded_on, e.review_in_days,
               e.classification, e.created_at
          FROM episodes e
         WHERE e.practice_id = ${practiceId}::uuid
           AND e.status = 'recorded'
         ORDER BY e.patient_id, e.created_at DESC, e.id DESC
      ),
      attention AS (
        SELECT l.*, p.first_name, p.last_name, p.date_of_birth,
               CASE WHEN l.category = 'referral' THEN 'referral' ELSE 'review' END AS kind,
               (l.recorded_on + l.review_in_days) AS due_on
          FROM latest l
          JOIN patients p ON p.practice_id = ${practiceId}::uuid AND p.id = l.patient_id
         WHERE p.archived_at IS NULL
           AND (l.category = 'referral' OR l.recorded_on + l.review_in_days <= ${today}::date)
      ),
      ranked AS (
        SELECT a.*,
               row_number() OVER (
                 PARTITION BY a.kind
                 ORDER BY CASE a.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END,
                          CASE WHEN a.kind = 'referral' THEN a.created_at END DESC,
                          a.due_on, a.last_name, a.first_name, a.patient_id
               ) AS position
          FROM attention a
      )
      SELECT r.kind AS "kind",
             r.id::text AS "episodeId",
             r.patient_id::text AS "patientId",
             r.first_name AS "firstName",
             r.last_name AS "lastName",
             to_char(r.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
             r.category AS "category",
             r.urgency AS "urgency",
             to_char(r.onset_date, 'YYYY-MM-DD') AS "onsetDate",
             to_char(r.recorded_on, 'YYYY-MM-DD') AS "recordedOn",
             to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
             (${today}::date - r.due_on)::int AS "overdueDays",
             ARRAY(
               SELECT reason.value ->> 'code'
                 FROM jsonb_array_elements(COALESCE(r.classification -> 'redFlags' -> 'reasons', '[]'::jsonb)) WITH ORDINALITY AS reason(value, n)
                WHERE reason.value ->> 'level' IN ('emergency', 'urgent')
                ORDER BY reason.n
             ) AS "redFlags"
        FROM ranked r
       WHERE r.position <= ${take}::int
       ORDER BY r.kind, r.position`;
  }

  /** Current (not archived) patients among these ids, for naming them on the page. */
  patients(practiceId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.prisma.patient.findMany({
      where: { practiceId, id: { in: ids }, archivedAt: null },
      select: { id: true, firstName: true, lastName: true, dateOfBirth: true },
    });
  }

  /** Current patients with an active plan (most recently activated first), for the adherence list. */
  patientsOnActivePlans(practiceId: string, take: number) {
    return this.prisma.patient.findMany({
      where: { practiceId, archivedAt: null, plans: { some: { status: 'active' } } },
      select: { id: true, firstName: true, lastName: true, dateOfBirth: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }
}
