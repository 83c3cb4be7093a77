import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ExportController, PortalMyDataController } from './export.controller.js';
import { ExportRepository } from './export.repository.js';
import { ExportService } from './export.service.js';

/** Data out: FHIR R4 (one patient's Bundle, the practice's NDJSON), CSV exports, and the patient's own copy. */
@Module({ imports: [AuditModule], controllers: [ExportController, PortalMyDataController], providers: [ExportService, ExportRepository] })
export class ExportModule {}
