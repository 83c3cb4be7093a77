import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TimelineController } from './timeline.controller.js';
import { TimelineRepository } from './timeline.repository.js';
import { TimelineService } from './timeline.service.js';

@Module({ imports: [AuditModule], controllers: [TimelineController], providers: [TimelineService, TimelineRepository] })
export class TimelineModule {}
