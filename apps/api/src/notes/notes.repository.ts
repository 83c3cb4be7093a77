import { Injectable } from '@nestjs/common';
import { auditInsert, auditValues, type AuditContext } from '../audit/audit-sql.js';
import type { Keyset } from '../common/pagination.js';
import { Db, PrismaService } from '../database/prisma.service.js';
import { iso, Sql, statement } from '../database/sql.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { NoteSections } from './default-templates.js';
import { PREFILL_FACTS, type PrefillRow } from './prefill-facts.js';
import type { NoteTemplateDto } from './dto/note-template.dto.js';
import type { NoteStatus, VisitNoteDto } from './dto/visit-note.dto.js';

/** The first page starts after this position: later than any row. */
const START: Keyset = { at: new Date(8.64e15), id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };

/** How ts_headline cuts a match out of a note for the search list: « » around the words, a couple of short fragments. */
const HEADLINE_OPTIONS = 'StartSel=«, StopSel=», MaxWords=18, MinWords=6, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * A note as the API answers it (VisitNoteDto), for a `visit_notes n` row: the author's, signer's and template's names
 * and the addenda (oldest first) with their authors' names. Every join carries practice_id.
 */
const NOTE_COLUMNS = `n.id AS "id", n.patient_id AS "patientId", n.status::text AS "status", n.status_reason AS "statusReason",
  json_build_object('subjective', n.subjective, 'objective', n.objective, 'assessment', n.assessment, 'plan', n.plan) AS "sections",
  to_char(n.visit_date, 'YYYY-MM-DD') AS "visitDate", to_char(n.prefill_since, 'YYYY-MM-DD') AS "prefillSince",
  n.template_id AS "templateId", t.name AS "templateName", n.appointment_id AS "appointmentId", n.episode_id AS "episodeId",
  n.assessment_id AS "assessmentId", n.plan_id AS "planId", n.plan_version AS "planVersion",
  n.author_id AS "authorId", au.name AS "authorName", ${iso('n.signed_at')} AS "signedAt", n.signed_by AS "signedBy", si.name AS "signedByName",
  (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'noteId', a.note_id, 'text', a.text, 'authorId', a.author_id, 'authorName', aa.name,
                                              'createdAt', ${iso('a.created_at')}) ORDER BY a.created_at, a.id), '[]')
     FROM visit_note_addenda a JOIN users aa ON aa.practice_id = a.practice_id AND aa.id = a.author_id
    WHERE a.practice_id = n.practice_id AND a.note_id = n.id) AS "addenda",
  ${iso('n.created_at')} AS "createdAt", ${iso('n.updated_at')} AS "updatedAt", n.version AS "version"`;

const NOTE_JOINS = `JOIN users au ON au.practice_id = n.practice_id AND au.id = n.author_id
  LEFT JOIN users si ON si.practice_id = n.practice_id AND si.id = n.signed_by
  LEFT JOIN note_templates t ON t.practice_id = n.practice_id AND t.id = n.template_id`;

/** One note and its audit row ($1-$6 the audit context, $7 the note): nothing, and no audit row, when unknown here. */
const NOTE_BY_ID = statement<VisitNoteDto>(
  'visit_note_by_id',
  `WITH found AS (SELECT ${NOTE_COLUMNS} FROM visit_notes n ${NOTE_JOINS} WHERE n.practice_id = $1 AND n.id = $7),
        audited AS (${auditInsert('read', 'visit_note', 'found', 'found."id"::text', 'found."patientId"')})
   SELECT * FROM found`,
);

/** One note as the API answers it, not audited ($1 practice, $2 note): for answers of writes, which audit themselves. */
const NOTE_ROW = statement<VisitNoteDto>('visit_note_row', `SELECT ${NOTE_COLUMNS} FROM visit_notes n ${NOTE_JOINS} WHERE n.practice_id = $1 AND n.id = $2`);

export interface NoteSummaryRow {
  id: string;
  patientId: string;
  status: NoteStatus;
  visitDate: string;
  templateName: string | null;
  authorId: string;
  authorName: string;
  signedAt: string | null;
  createdAt: string;
  addendaCount: number;
  appointmentId: string | null;
  episodeId: string | null;
  /** With q: ts_headline's fragments; without: the note's first few hundred characters. */
  excerpt: string;
}

export interface NoteListRows {
  found: boolean;
  rows: NoteSummaryRow[];
}

/**
 * A page of a patient's notes, newest first (keyset on created_at, id), with the list's audit row, in ONE statement.
 * $1-$6 the audit context, $7 the patient, $8/$9 the position after the previous page, $10 the rows to fetch, $11 an
 * episode or null; with words, $12 the words. `found` is false (and nothing is audited) for a patient outside the
 * practice. Two statements rather than one with an optional part, so each keeps a plan that uses its index: the
 * (practice_id, patient_id, created_at, id) index without words; with words, the GIN (practice_id, search) indexes of
 * the notes and of the addenda, always with the practice and the patient in the WHERE.
 */
function listStatement(search: boolean) {
  const query = `websearch_to_tsquery('english', $12::text)`;
  const excerpt = search
    ? `ts_headline('english', concat_ws(' ', n.subjective, n.objective, n.assessment, n.plan,
         (SELECT string_agg(a.text, ' ' ORDER BY a.created_at, a.id) FROM visit_note_addenda a WHERE a.practice_id = n.practice_id AND a.note_id = n.id)),
         ${query}, '${HEADLINE_OPTIONS}')`
    : `left(concat_ws(' ', left(n.subjective, 300), left(n.objective, 300), left(n.assessment, 300), left(n.plan, 300)), 600)`;
  return statement<NoteListRows>(
    search ? 'visit_note_search' : 'visit_note_list',
    `WITH patient AS (SELECT p.id FROM patients p WHERE p.practice_id = $1 AND p.id = $7),
          ${
            search
              ? `matched AS (
                   SELECT n.id FROM visit_notes n WHERE n.practice_id = $1 AND n.patient_id = $7 AND n.search @@ ${query}
                   UNION
                   SELECT a.note_id FROM visit_note_addenda a
                     JOIN visit_notes n ON n.practice_id = a.practice_id AND n.id = a.note_id
                    WHERE a.practice_id = $1 AND a.search @@ ${query} AND n.patient_id = $7),`
              : ''
          }
          page AS (
            SELECT n.* FROM visit_notes n
             WHERE n.practice_id = $1 AND n.patient_id = $7
               ${search ? 'AND n.id IN (SELECT id FROM matched)' : ''}
               AND ($11::uuid IS NULL OR n.episode_id = $11::uuid)
               AND (n.created_at, n.id) < ($8::timestamptz, $9::uuid)
             ORDER BY n.created_at DESC, n.id DESC
             LIMIT $10),
          audited AS (${auditInsert('read', 'visit_note', 'patient', 'NULL', 'patient.id')})
     SELECT EXISTS (SELECT 1 FROM patient) AS found,
            (SELECT COALESCE(json_agg(json_build_object(
                      'id', n.id, 'patientId', n.patient_id, 'status', n.status, 'visitDate', to_char(n.visit_date, 'YYYY-MM-DD'),
                      'templateName', t.name, 'authorId', n.author_id, 'authorName', au.name, 'signedAt', ${iso('n.signed_at')},
                      'createdAt', ${iso('n.created_at')},
                      'addendaCount', (SELECT count(*) FROM visit_note_addenda a WHERE a.practice_id = n.practice_id AND a.note_id = n.id),
                      'appointmentId', n.appointment_id, 'episodeId', n.episode_id, 'excerpt', ${excerpt})
                    ORDER BY n.created_at DESC, n.id DESC), '[]')
               FROM page n
               JOIN users au ON au.practice_id = n.practice_id AND au.id = n.author_id
               LEFT JOIN note_templates t ON t.practice_id = n.practice_id AND t.id = n.template_id) AS rows`,
  );
}

export const NOTE_LIST = { all: listStatement(false), search: listStatement(true) };

export interface NotePrintRows {
  found: boolean;
  practiceName: string;
  patient: { id: string; firstName: string; lastName: string; dateOfBirth: string } | null;
  episode: { id: string; onsetDate: string; category: string } | null;
  notes: VisitNoteDto[];
}

/**
 * Everything a print of a patient's notes needs, and its audit row, in ONE statement ($1-$6 the audit context, $7 the
 * patient, $8 an episode or null, $9 the most notes): the signed and entered-in-error notes (never drafts) of the
 * episode or of the patient, oldest first. `found` is false (nothing audited) for a patient outside the practice or
 * an episode that is not this patient's.
 */
const NOTE_PRINT = statement<NotePrintRows>(
  'visit_note_print',
  `WITH patient AS (
          SELECT p.id, p.first_name, p.last_name, p.date_of_birth FROM patients p
           WHERE p.practice_id = $1 AND p.id = $7
             AND ($8::uuid IS NULL OR EXISTS (SELECT 1 FROM episodes e WHERE e.practice_id = $1 AND e.patient_id = $7 AND e.id = $8::uuid))),
        printed AS (
          SELECT ${NOTE_COLUMNS}, n.visit_date AS sort_on, n.created_at AS sort_at
            FROM visit_notes n ${NOTE_JOINS}
           WHERE n.practice_id = $1 AND n.patient_id = (SELECT id FROM patient) AND n.status <> 'draft'
             AND ($8::uuid IS NULL OR n.episode_id = $8::uuid)
           ORDER BY n.visit_date, n.created_at, n.id
           LIMIT $9),
        audited AS (${auditInsert('read', 'visit_note', 'patient', 'NULL', 'patient.id')})
   SELECT EXISTS (SELECT 1 FROM patient) AS found,
          (SELECT pr.name FROM practices pr WHERE pr.id = $1) AS "practiceName",
          (SELECT json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name, 'dateOfBirth', to_char(p.date_of_birth, 'YYYY-MM-DD'))
             FROM patient p) AS patient,
          (SELECT json_build_object('id', e.id, 'onsetDate', to_char(e.onset_date, 'YYYY-MM-DD'), 'category', e.category)
             FROM episodes e WHERE e.practice_id = $1 AND e.patient_id = $7 AND e.id = $8::uuid) AS episode,
          (SELECT COALESCE(json_agg(to_jsonb(pn) - 'sort_on' - 'sort_at' ORDER BY pn.sort_on, pn.sort_at, pn."id"), '[]') FROM printed pn) AS notes`,
);

/** The practice's templates, by name, with the read's audit row ($1-$6 the audit context). */
const TEMPLATE_LIST = statement<NoteTemplateDto>(
  'note_template_list',
  `WITH listed AS (
          SELECT t.id AS "id", t.name AS "name", t.prompts AS "prompts", t.active AS "active", t.version AS "version",
                 ${iso('t.created_at')} AS "createdAt", ${iso('t.updated_at')} AS "updatedAt"
            FROM note_templates t WHERE t.practice_id = $1),
        one AS (SELECT 1),
        audited AS (${auditInsert('read', 'note_template', 'one', 'NULL', 'NULL')})
   SELECT * FROM listed ORDER BY lower("name"), "active" DESC, "id"`,
);

export interface NewNote {
  id: string;
  practiceId: string;
  patientId: string;
  authorId: string;
  templateId: string | null;
  appointmentId: string | null;
  episodeId: string | null;
  assessmentId: string | null;
  planId: string | null;
  planVersion: number | null;
  visitDate: Date;
  prefillSince: Date | null;
  sections: NoteSections;
}

/** What a write needs to know of a note before changing it. */
export interface NoteState {
  id: string;
  patientId: string;
  authorId: string;
  status: NoteStatus;
  version: number;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

const STATE = {
  id: true,
  patientId: true,
  authorId: true,
  status: true,
  version: true,
  subjective: true,
  objective: true,
  assessment: true,
  plan: true,
} as const;

/** The templates' columns for a write's answer. */
const TEMPLATE = { id: true, name: true, prompts: true, active: true, version: true, createdAt: true, updatedAt: true } as const;
export type TemplateRow = Prisma.NoteTemplateGetPayload<{ select: typeof TEMPLATE }>;

@Injectable()
export class NotesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: Sql,
  ) {}

  // ---- Reads (one statement each, with their audit row) ----

  findAudited(audit: AuditContext, noteId: string): Promise<VisitNoteDto | undefined> {
    return this.sql.one(NOTE_BY_ID, [...auditValues(audit), noteId]);
  }

  /** The note as answered after a write (the write audited itself). */
  row(practiceId: string, noteId: string): Promise<VisitNoteDto | undefined> {
    return this.sql.one(NOTE_ROW, [practiceId, noteId]);
  }

  async listAudited(audit: AuditContext, patientId: string, filter: { q?: string; episodeId?: string; after?: Keyset; take: number }): Promise<NoteListRows> {
    const after = filter.after ?? START;
    const values = [...auditValues(audit), patientId, after === START ? 'infinity' : after.at, after.id, filter.take, filter.episodeId ?? null];
    const result = filter.q ? await this.sql.one(NOTE_LIST.search, [...values, filter.q]) : await this.sql.one(NOTE_LIST.all, values);
    return result!;
  }

  async printAudited(audit: AuditContext, patientId: string, episodeId: string | null, limit: number): Promise<NotePrintRows> {
    return (await this.sql.one(NOTE_PRINT, [...auditValues(audit), patientId, episodeId, limit]))!;
  }

  listTemplatesAudited(audit: AuditContext): Promise<NoteTemplateDto[]> {
    return this.sql.rows(TEMPLATE_LIST, auditValues(audit));
  }

  /** What a new note's prefill needs (prefill-facts.ts), in one statement; not audited (the note's creation is). */
  async prefillFacts(
    practiceId: string,
    patientId: string,
    asked: { templateId?: string; appointmentId?: string; episodeId?: string },
    timeZone: string,
    today: string,
  ): Promise<PrefillRow> {
    const values = [practiceId, patientId, asked.templateId ?? null, asked.appointmentId ?? null, asked.episodeId ?? null, timeZone, today];
    return (await this.sql.one(PREFILL_FACTS, values))!;
  }

  // ---- Writes (Prisma, inside the caller's transaction) ----

  state(practiceId: string, noteId: string, db: Db = this.prisma): Promise<NoteState | null> {
    return db.visitNote.findUnique({ where: { practiceId_id: { practiceId, id: noteId } }, select: STATE });
  }

  async create(note: NewNote, db: Db): Promise<void> {
    const { sections, ...rest } = note;
    await db.visitNote.create({ data: { ...rest, ...sections } });
  }

  /** The note (not entered in error) an appointment already has, if any. */
  async noteOfAppointment(practiceId: string, appointmentId: string, db: Db = this.prisma): Promise<string | null> {
    const row = await db.visitNote.findFirst({
      where: { practiceId, appointmentId, status: { not: 'entered_in_error' } },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /**
   * Saves sections of a draft only while it is still this version and a draft of this author (all in the WHERE, so
   * two tabs cannot both win); false when nothing matched (the caller re-reads to say why).
   */
  async saveDraft(practiceId: string, noteId: string, authorId: string, version: number, sections: Partial<NoteSections>, db: Db): Promise<boolean> {
    const { count } = await db.visitNote.updateMany({
      where: { practiceId, id: noteId, authorId, version, status: 'draft' },
      data: { ...sections, version: { increment: 1 } },
    });
    return count === 1;
  }

  /** Signs a draft of this author (at this version when given); false when nothing matched. */
  async sign(practiceId: string, noteId: string, authorId: string, version: number | undefined, at: Date, db: Db): Promise<boolean> {
    const { count } = await db.visitNote.updateMany({
      where: { practiceId, id: noteId, authorId, status: 'draft', ...(version === undefined ? {} : { version }) },
      data: { status: 'signed', signedAt: at, signedBy: authorId, version: { increment: 1 } },
    });
    return count === 1;
  }

  /** Marks a draft or signed note of this author entered in error; false when nothing matched. */
  async markEnteredInError(practiceId: string, noteId: string, authorId: string, reason: string, db: Db): Promise<boolean> {
    const { count } = await db.visitNote.updateMany({
      where: { practiceId, id: noteId, authorId, status: { in: ['draft', 'signed'] } },
      data: { status: 'entered_in_error', statusReason: reason, version: { increment: 1 } },
    });
    return count === 1;
  }

  async addAddendum(row: { id: string; practiceId: string; noteId: string; authorId: string; text: string }, db: Db) {
    return db.visitNoteAddendum.create({
      data: row,
      select: { id: true, noteId: true, text: true, authorId: true, createdAt: true, author: { select: { name: true } } },
    });
  }

  // ---- Templates ----

  findTemplate(practiceId: string, id: string, db: Db = this.prisma): Promise<TemplateRow | null> {
    return db.noteTemplate.findUnique({ where: { practiceId_id: { practiceId, id } }, select: TEMPLATE });
  }

  createTemplate(data: { id: string; practiceId: string; name: string; prompts: NoteSections; active: boolean; createdBy: string | null }, db: Db) {
    return db.noteTemplate.create({ data: { ...data, prompts: { ...data.prompts } }, select: TEMPLATE });
  }

  async updateTemplateAtVersion(
    practiceId: string,
    id: string,
    version: number | undefined,
    data: { name?: string; prompts?: NoteSections; active?: boolean },
    db: Db,
  ): Promise<boolean> {
    const { count } = await db.noteTemplate.updateMany({
      where: { practiceId, id, ...(version === undefined ? {} : { version }) },
      data: { name: data.name, active: data.active, prompts: data.prompts ? { ...data.prompts } : undefined, version: { increment: 1 } },
    });
    return count === 1;
  }

  /** Whether another active template of the practice has this name (ignoring case). */
  async activeNameTaken(practiceId: string, name: string, exceptId: string | null, db: Db = this.prisma): Promise<boolean> {
    const row = await db.noteTemplate.findFirst({
      where: { practiceId, active: true, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { id: true },
    });
    return row !== null;
  }
}
