import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TodayController } from './today.controller.js';
import { TodayRepository } from './today.repository.js';
import { TodayService } from './today.service.js';

@Module({ imports: [AuditModule], controllers: [TodayController], providers: [TodayService, TodayRepository] })
export class TodayModule {}
