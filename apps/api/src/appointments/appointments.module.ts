import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PatientsModule } from '../patients/patients.module.js';
import { AppointmentsController, AppointmentTypesController, SlotsController, WorkingHoursController } from './appointments.controller.js';
import { AppointmentsRepository } from './appointments.repository.js';
import { AppointmentsService } from './appointments.service.js';
import { SchedulingService } from './scheduling.service.js';

@Module({
  imports: [AuditModule, PatientsModule],
  controllers: [AppointmentTypesController, WorkingHoursController, SlotsController, AppointmentsController],
  providers: [SchedulingService, AppointmentsService, AppointmentsRepository],
  exports: [AppointmentsService, SchedulingService],
})
export class AppointmentsModule {}
