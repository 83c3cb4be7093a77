import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { staleVersion } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { Transactions } from '../database/transactions.js';
import { isUniqueViolation } from '../users/email-taken.js';
import type { NoteSections } from './default-templates.js';
import type { CreateNoteTemplateDto, NoteTemplateDto, NoteTemplateListDto, UpdateNoteTemplateDto } from './dto/note-template.dto.js';
import { NotesRepository, type TemplateRow } from './notes.repository.js';

const notFound = () => new AppError('not_found', 'No such note template in your practice.');
const nameTaken = () =>
  new AppError('already_exists', 'Another active template has this name.', [{ field: 'name', message: 'is already the name of an active template' }]);

export function toTemplateDto(t: TemplateRow): NoteTemplateDto {
  return {
    id: t.id,
    name: t.name,
    prompts: t.prompts as unknown as NoteSections,
    active: t.active,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The practice's note templates: every clinician and admin reads them, admins write them. Never deleted. */
@Injectable()
export class NoteTemplatesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly notes: NotesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: StaffActor): Promise<NoteTemplateListDto> {
    return { items: await this.notes.listTemplatesAudited(this.audit.context(actor.practiceId)) };
  }

  async create(actor: StaffActor, body: CreateNoteTemplateDto): Promise<NoteTemplateDto> {
    const active = body.active ?? true;
    return this.unique(() =>
      this.transactions.run(async (tx) => {
        if (active && (await this.notes.activeNameTaken(actor.practiceId, body.name, null, tx))) throw nameTaken();
        const row = await this.notes.createTemplate(
          { id: randomUUID(), practiceId: actor.practiceId, name: body.name, prompts: sections(body.prompts), active, createdBy: actor.userId },
          tx,
        );
        await this.audit.record({ action: 'create', resourceType: 'note_template', resourceId: row.id }, tx);
        return toTemplateDto(row);
      }),
    );
  }

  /** Renames, rewrites the prompts, (de)activates; at the version read when If-Match is sent. Notes keep their text. */
  async update(actor: StaffActor, id: string, expectedVersion: number | undefined, body: UpdateNoteTemplateDto): Promise<NoteTemplateDto> {
    return this.unique(() =>
      this.transactions.run(async (tx) => {
        const current = await this.notes.findTemplate(actor.practiceId, id, tx);
        if (!current) throw notFound();
        if (body.name === undefined && body.prompts === undefined && body.active === undefined)
          throw new AppError('validation_failed', 'Send at least one of name, prompts, active.', [
            { field: 'body', message: 'must change at least one field' },
          ]);
        if (expectedVersion !== undefined && current.version !== expectedVersion) throw staleVersion(current.version);
        const name = body.name ?? current.name;
        if ((body.active ?? current.active) && (await this.notes.activeNameTaken(actor.practiceId, name, id, tx))) throw nameTaken();
        const changed = await this.notes.updateTemplateAtVersion(
          actor.practiceId,
          id,
          current.version,
          { name: body.name, prompts: body.prompts ? sections(body.prompts) : undefined, active: body.active },
          tx,
        );
        if (!changed) throw staleVersion((await this.notes.findTemplate(actor.practiceId, id, tx))?.version ?? current.version);
        await this.audit.record({ action: 'update', resourceType: 'note_template', resourceId: id }, tx);
        return toTemplateDto((await this.notes.findTemplate(actor.practiceId, id, tx))!);
      }),
    );
  }

  /** Two admins saving the same name at once: the partial unique index lets one through; the other gets the 409. */
  private async unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw isUniqueViolation(error) ? nameTaken() : error;
    }
  }
}

/** Exactly the four sections, in their order (the DTO instance carries nothing else, but be explicit). */
function sections(p: NoteSections): NoteSections {
  return { subjective: p.subjective, objective: p.objective, assessment: p.assessment, plan: p.plan };
}
