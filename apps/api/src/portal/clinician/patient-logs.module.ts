import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { PatientsModule } from '../../patients/patients.module.js';
import { PatientLogsRepository } from '../patient-logs.repository.js';
import { PatientLogsController } from './patient-logs.controller.js';
import { PatientLogsService } from './patient-logs.service.js';

/**
 * The clinician's side of patient logs. Exports PatientLogsService (openPainAlertsByPatient, adherenceByPatient)
 * for the Today page, and the repository for the portal.
 */
@Module({
  imports: [AuditModule, PatientsModule],
  controllers: [PatientLogsController],
  providers: [PatientLogsService, PatientLogsRepository],
  exports: [PatientLogsService, PatientLogsRepository],
})
export class PatientLogsModule {}
