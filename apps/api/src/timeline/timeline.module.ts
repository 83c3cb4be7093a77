import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module.js';
import { TimelineController } from './timeline.controller.js';
import { TimelineRepository } from './timeline.repository.js';
import { TimelineService } from './timeline.service.js';

@Module({ imports: [PatientsModule], controllers: [TimelineController], providers: [TimelineService, TimelineRepository] })
export class TimelineModule {}
