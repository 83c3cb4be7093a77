import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { staleVersion } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import type { PracticeDto, UpdatePracticeDto } from './dto/practice.dto.js';
import { PracticeRepository } from './practice.repository.js';
import { Transactions } from '../database/transactions.js';

/** The caller's own practice: there is no practice id in these routes, so no other practice can be named. */
@Injectable()
export class PracticeService {
  constructor(
    private readonly transactions: Transactions,
    private readonly practices: PracticeRepository,
    private readonly audit: AuditService,
  ) {}

  async get(actor: StaffActor): Promise<PracticeDto> {
    const practice = await this.practices.find(actor.practiceId);
    if (!practice) throw new AppError('unauthenticated', 'Your practice no longer exists. Please sign in again.');
    return practice;
  }

  /** Renames the practice, changes its time zone, reminder lead time or unsigned-note hours, at the version the admin read; audited. */
  async update(actor: StaffActor, expectedVersion: number, changes: UpdatePracticeDto): Promise<PracticeDto> {
    if (Object.values(changes).every((value) => value === undefined)) throw new AppError('validation_failed', 'Send at least one field to change.');
    return this.transactions.run(async (tx) => {
      const current = await this.practices.find(actor.practiceId, tx);
      if (!current) throw new AppError('unauthenticated', 'Your practice no longer exists. Please sign in again.');
      if (current.version !== expectedVersion) throw staleVersion(current.version);
      if (
        !(await this.practices.updateAtVersion(
          actor.practiceId,
          expectedVersion,
          { name: changes.name, timeZone: changes.timeZone, reminderHours: changes.reminderHours, unsignedNoteHours: changes.unsignedNoteHours },
          tx,
        ))
      ) {
        throw staleVersion((await this.practices.find(actor.practiceId, tx))?.version ?? current.version);
      }
      await this.audit.record({ action: 'update', resourceType: 'practice', resourceId: actor.practiceId }, tx);
      return (await this.practices.find(actor.practiceId, tx))!;
    });
  }
}
