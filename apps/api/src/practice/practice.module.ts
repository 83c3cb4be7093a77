import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { PracticeController } from './practice.controller.js';
import { PracticeRepository } from './practice.repository.js';
import { PracticeService } from './practice.service.js';

/** GET/PATCH /api/practice: the signed-in user's own practice settings (name, time zone). */
@Module({ imports: [AuditModule, AuthModule], controllers: [PracticeController], providers: [PracticeService, PracticeRepository] })
export class PracticeModule {}
