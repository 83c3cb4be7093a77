import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { PatientsModule } from '../patients/patients.module.js';
import {
  AppointmentsController,
  AppointmentTypesController,
  CliniciansController,
  SlotsController,
  WorkingHoursController,
} from './appointments.controller.js';
import { AppointmentsRepository } from './appointments.repository.js';
import { AppointmentsService } from './appointments.service.js';
import { SchedulingService } from './scheduling.service.js';

@Module({
  imports: [AuditModule, OutboxModule, PatientsModule],
  controllers: [AppointmentTypesController, WorkingHoursController, CliniciansController, SlotsController, AppointmentsController],
  providers: [SchedulingService, AppointmentsService, AppointmentsRepository],
  exports: [AppointmentsService, SchedulingService],
})
export class AppointmentsModule {}
