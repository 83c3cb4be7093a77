import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';
import { OutboxWorker } from './outbox.worker.js';

/** Email: the transactional outbox (OutboxService, for writers), its worker and the mail transport. */
@Module({ providers: [OutboxRepository, OutboxService, MailTransport, OutboxWorker], exports: [OutboxService, OutboxWorker, MailTransport] })
export class OutboxModule {}
