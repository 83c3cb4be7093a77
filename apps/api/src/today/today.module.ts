import { Module } from '@nestjs/common';
import { PatientLogsModule } from '../portal/clinician/patient-logs.module.js';
import { TodayController } from './today.controller.js';
import { TodayRepository } from './today.repository.js';
import { TodayService } from './today.service.js';

@Module({ imports: [PatientLogsModule], controllers: [TodayController], providers: [TodayService, TodayRepository] })
export class TodayModule {}
