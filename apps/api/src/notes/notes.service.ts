import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { currentTimeZone, fromIsoDate, todayIso } from '../common/dates.js';
import { staleVersion } from '../common/if-match.js';
import { decodeCursor, type Page, toPage } from '../common/pagination.js';
import type { StaffActor } from '../common/request-context.js';
import type { Tx } from '../database/prisma.service.js';
import { Transactions } from '../database/transactions.js';
import type { EnteredInErrorDto } from '../episodes/dto/entered-in-error.dto.js';
import { patientNotFound, PatientsService } from '../patients/patients.service.js';
import { isUniqueViolation } from '../users/email-taken.js';
import { NOTE_SECTIONS, type NoteSections } from './default-templates.js';
import {
  type CreateAddendumDto,
  type CreateVisitNoteDto,
  type NoteAddendumDto,
  type NotePrintDto,
  type NotePrintQueryDto,
  PRINT_LIMIT,
  type UpdateVisitNoteDto,
  type VisitNoteDto,
  type VisitNoteListQueryDto,
  type VisitNoteSummaryDto,
} from './dto/visit-note.dto.js';
import { SECTION_MAX } from './dto/note-template.dto.js';
import { NotesRepository, type NoteState, type NoteSummaryRow } from './notes.repository.js';
import type { PrefillRow } from './prefill-facts.js';
import { prefillFacts, prefillSections } from './prefill.js';

/** About the length of a list's excerpt. */
export const EXCERPT_LENGTH = 200;

export const noteNotFound = () => new AppError('not_found', 'No such visit note in your practice.');

/**
 * Visit notes: a clinician writes and signs their own; every clinician of the practice reads them and may add an
 * addendum to a signed one; admins read; reception is refused by the controllers' access rules. Reads and their
 * audit rows are one statement each; writes go through Prisma in a transaction with their audit row. A signed note's
 * immutability is the database's (visit_notes_guard): the checks here give the precise answer first, the trigger
 * holds whatever happens in between.
 */
@Injectable()
export class NotesService {
  private readonly logger = new Logger('NotesService');

  constructor(
    private readonly transactions: Transactions,
    private readonly notes: NotesRepository,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
  ) {}

  async get(actor: StaffActor, noteId: string): Promise<VisitNoteDto> {
    const note = await this.notes.findAudited(this.audit.context(actor.practiceId), noteId);
    if (!note) throw noteNotFound();
    return note;
  }

  async list(actor: StaffActor, patientId: string, query: VisitNoteListQueryDto): Promise<Page<VisitNoteSummaryDto>> {
    const { found, rows } = await this.notes.listAudited(this.audit.context(actor.practiceId), patientId, {
      q: query.q,
      episodeId: query.episodeId,
      after: decodeCursor(query.cursor),
      take: query.limit + 1,
    });
    if (!found) throw patientNotFound();
    return toPage(
      rows,
      query.limit,
      (r) => new Date(r.createdAt),
      (r) => toSummary(r),
    );
  }

  async print(actor: StaffActor, patientId: string, query: NotePrintQueryDto): Promise<NotePrintDto> {
    const rows = await this.notes.printAudited(this.audit.context(actor.practiceId), patientId, query.episodeId ?? null, PRINT_LIMIT);
    if (!rows.found || !rows.patient) {
      if (query.episodeId) await this.patients.require(actor.practiceId, patientId);
      throw query.episodeId ? new AppError('not_found', 'No such episode for this patient.') : patientNotFound();
    }
    return { practiceName: rows.practiceName, patient: rows.patient, episode: rows.episode, notes: rows.notes };
  }

  /**
   * A new draft, prefilled: the facts since the last note are gathered in one statement and written as text by the
   * domain's prefill under the template's prompts. The assessment and plan version current now are stored with it.
   */
  async create(actor: StaffActor, patientId: string, body: CreateVisitNoteDto): Promise<VisitNoteDto> {
    const { practiceId } = actor;
    await this.patients.requireActive(practiceId, patientId);
    const today = todayIso();
    const row = await this.notes.prefillFacts(practiceId, patientId, body, currentTimeZone(), today);
    const errors = [];
    if (body.templateId && !row.template) errors.push({ field: 'templateId', message: 'must be one of your practice’s note templates' });
    else if (body.templateId && !row.template!.active) errors.push({ field: 'templateId', message: 'is an inactive template' });
    if (body.appointmentId && !row.appointment) errors.push({ field: 'appointmentId', message: 'must be one of this patient’s appointments' });
    if (body.episodeId && !row.askedEpisode) errors.push({ field: 'episodeId', message: 'must be one of this patient’s episodes' });
    if (errors.length) throw AppError.fields(errors);
    if (row.existingNoteId) throw noteExists(row.existingNoteId);

    const sections = this.prefill(row, today);
    const id = randomUUID();
    try {
      await this.transactions.run(async (tx) => {
        await this.notes.create(
          {
            id,
            practiceId,
            patientId,
            authorId: actor.userId,
            templateId: row.template?.id ?? null,
            appointmentId: row.appointment?.id ?? null,
            episodeId: row.episode?.id ?? null,
            assessmentId: row.assessment?.id ?? null,
            planId: row.plan?.id ?? null,
            planVersion: row.plan?.versionNumber ?? null,
            visitDate: fromIsoDate(row.visitDate),
            prefillSince: row.since ? fromIsoDate(row.since) : null,
            sections,
          },
          tx,
        );
        await this.audit.record({ action: 'create', resourceType: 'visit_note', resourceId: id, patientId }, tx);
      });
    } catch (error) {
      // Two notes for one appointment at the same moment: the partial unique index lets one through.
      const existing = body.appointmentId && isUniqueViolation(error) ? await this.notes.noteOfAppointment(practiceId, body.appointmentId) : null;
      throw existing ? noteExists(existing) : error;
    }
    return this.answer(practiceId, id);
  }

  /** Saves sections of the author's draft at the version they edited (If-Match). */
  async save(actor: StaffActor, noteId: string, expectedVersion: number, body: UpdateVisitNoteDto): Promise<VisitNoteDto> {
    const changes = Object.fromEntries(NOTE_SECTIONS.filter((s) => body.sections[s] !== undefined).map((s) => [s, body.sections[s]!])) as Partial<NoteSections>;
    if (Object.keys(changes).length === 0) throw AppError.field('sections', 'must contain at least one of subjective, objective, assessment, plan');
    await this.transactions.run(async (tx) => {
      const note = await this.writableDraft(actor, noteId, tx);
      if (note.version !== expectedVersion) throw staleVersion(note.version);
      if (!(await this.notes.saveDraft(actor.practiceId, noteId, actor.userId, expectedVersion, changes, tx))) await this.explainMiss(actor, noteId, tx);
      await this.audit.record({ action: 'update', resourceType: 'visit_note', resourceId: noteId, patientId: note.patientId }, tx);
    });
    return this.answer(actor.practiceId, noteId);
  }

  /** Signs the author's draft (at the version they read, when If-Match is sent); a blank note is refused. */
  async sign(actor: StaffActor, noteId: string, expectedVersion: number | undefined): Promise<VisitNoteDto> {
    await this.transactions.run(async (tx) => {
      const note = await this.writableDraft(actor, noteId, tx);
      if (expectedVersion !== undefined && note.version !== expectedVersion) throw staleVersion(note.version);
      if (NOTE_SECTIONS.every((s) => note[s].trim() === ''))
        throw new AppError('note_empty', 'All four sections of this note are blank: write something before signing it.');
      if (!(await this.notes.sign(actor.practiceId, noteId, actor.userId, expectedVersion, new Date(), tx))) await this.explainMiss(actor, noteId, tx);
      await this.audit.record({ action: 'update', resourceType: 'visit_note', resourceId: noteId, patientId: note.patientId }, tx);
    });
    return this.answer(actor.practiceId, noteId);
  }

  /** Marks the author's note (draft or signed) entered in error, with the reason; it stays readable. */
  async markEnteredInError(actor: StaffActor, noteId: string, body: EnteredInErrorDto): Promise<VisitNoteDto> {
    await this.transactions.run(async (tx) => {
      const note = await this.requireState(actor, noteId, tx);
      await this.requireAuthor(actor, note);
      if (note.status === 'entered_in_error') throw alreadyEnteredInError();
      if (!(await this.notes.markEnteredInError(actor.practiceId, noteId, actor.userId, body.reason, tx))) throw alreadyEnteredInError();
      await this.audit.record({ action: 'update', resourceType: 'visit_note', resourceId: noteId, patientId: note.patientId }, tx);
    });
    return this.answer(actor.practiceId, noteId);
  }

  /** An addendum to a signed note, by any clinician of the practice; signed (timestamped) by its author at once. */
  async addAddendum(actor: StaffActor, noteId: string, body: CreateAddendumDto): Promise<NoteAddendumDto> {
    return this.transactions.run(async (tx) => {
      const note = await this.requireState(actor, noteId, tx);
      if (note.status === 'draft') throw new AppError('note_not_signed', 'This note is a draft: edit it instead of adding an addendum.');
      if (note.status === 'entered_in_error') throw new AppError('note_entered_in_error', 'This note is marked entered in error: it takes no addendum.');
      // The trigger re-checks the note's status with a lock: an addendum never lands on a note marked in error meanwhile.
      const row = await this.notes.addAddendum({ id: randomUUID(), practiceId: actor.practiceId, noteId, authorId: actor.userId, text: body.text }, tx);
      await this.audit.record({ action: 'create', resourceType: 'visit_note_addendum', resourceId: row.id, patientId: note.patientId }, tx);
      return { id: row.id, noteId: row.noteId, text: row.text, authorId: row.authorId, authorName: row.author.name, createdAt: row.createdAt.toISOString() };
    });
  }

  // ---- helpers ----

  /**
   * The prefilled sections. The facts come from the database, so the domain's validation failing would be a defect
   * here, not the client's mistake: the note is still created, with the template's prompts only, and the error is
   * logged for us to fix.
   */
  private prefill(row: PrefillRow, today: string): NoteSections {
    const prompts = row.template?.prompts ?? null;
    try {
      const sections = prefillSections(prefillFacts(row, today), prompts);
      // Within what a section may hold (the facts are bounded far below it; this only guards the database's CHECK).
      return Object.fromEntries(NOTE_SECTIONS.map((s) => [s, sections[s].slice(0, SECTION_MAX)])) as unknown as NoteSections;
    } catch (error) {
      this.logger.error({ err: error }, 'The visit note prefill refused the facts gathered for it; the note starts with the prompts only');
      return { subjective: prompts?.subjective ?? '', objective: prompts?.objective ?? '', assessment: prompts?.assessment ?? '', plan: prompts?.plan ?? '' };
    }
  }

  private async answer(practiceId: string, noteId: string): Promise<VisitNoteDto> {
    const note = await this.notes.row(practiceId, noteId);
    if (!note) throw noteNotFound();
    return note;
  }

  private async requireState(actor: StaffActor, noteId: string, tx: Tx): Promise<NoteState> {
    const note = await this.notes.state(actor.practiceId, noteId, tx);
    if (!note) throw noteNotFound();
    return note;
  }

  /** Only the author changes a note: anyone else is refused (403 not_author), and the refusal is in the audit log. */
  private async requireAuthor(actor: StaffActor, note: NoteState): Promise<void> {
    if (note.authorId === actor.userId) return;
    // Outside the write's transaction, which rolls back: the refusal must stay on record.
    await this.audit.record({ action: 'denied', resourceType: 'visit_note', resourceId: note.id, patientId: note.patientId, outcome: 'denied' });
    throw new AppError('not_author', 'Only the clinician who wrote this note may change, sign or mark it. You may add an addendum once it is signed.');
  }

  /** The note, when the caller wrote it and it is still a draft; else the precise refusal. */
  private async writableDraft(actor: StaffActor, noteId: string, tx: Tx): Promise<NoteState> {
    const note = await this.requireState(actor, noteId, tx);
    await this.requireAuthor(actor, note);
    if (note.status === 'signed') throw new AppError('note_signed', 'This note is signed and cannot be changed. Add an addendum instead.');
    if (note.status === 'entered_in_error') throw alreadyEnteredInError();
    return note;
  }

  /** Why a guarded update changed nothing: changed by another request since it was read. */
  private async explainMiss(actor: StaffActor, noteId: string, tx: Tx): Promise<never> {
    const note = await this.writableDraft(actor, noteId, tx);
    throw staleVersion(note.version);
  }
}

function alreadyEnteredInError(): AppError {
  return new AppError('note_entered_in_error', 'This note is marked entered in error: it does not change any more.');
}

function noteExists(noteId: string): AppError {
  return new AppError('note_exists', 'This appointment already has a visit note: open it instead.', undefined, undefined, { noteId });
}

/** A list row as answered: the excerpt cut to about EXCERPT_LENGTH characters, never inside a « » pair. */
function toSummary(row: NoteSummaryRow): VisitNoteSummaryDto {
  return { ...row, excerpt: clipExcerpt(row.excerpt) };
}

/** White space collapsed, cut at a word boundary near EXCERPT_LENGTH with an ellipsis, « » kept in pairs. */
export function clipExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_LENGTH) return flat;
  let cut = flat.slice(0, EXCERPT_LENGTH);
  const space = cut.lastIndexOf(' ');
  if (space > EXCERPT_LENGTH * 0.6) cut = cut.slice(0, space);
  if (cut.lastIndexOf('«') > cut.lastIndexOf('»')) cut += '»';
  return `${cut}…`;
}
