import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

@Module({ imports: [AuditModule], controllers: [ImportsController], providers: [ImportsService, ImportsRepository] })
export class ImportsModule {}
