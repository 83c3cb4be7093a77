import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CycleModule } from '../cycle/cycle.module.js';
import { PatientLogsModule } from './clinician/patient-logs.module.js';
import { PortalAnswersRepository } from './portal-answers.repository.js';
import { PortalAnswersService } from './portal-answers.service.js';
import { PortalHeadersInterceptor } from './portal-headers.interceptor.js';
import { PortalSessionsRepository } from './portal-sessions.repository.js';
import { PortalSessionsService } from './portal-sessions.service.js';
import { PortalThrottleService } from './portal-throttle.service.js';
import { PortalController } from './portal.controller.js';
import { PortalRepository } from './portal.repository.js';
import { PortalService } from './portal.service.js';
import { ThrottleModule } from '../throttle/throttle.module.js';

/**
 * The patient portal: a patient opens their plan from a share link and their birth year, follows it, and logs how
 * it went; clinicians see the logs, adherence and pain alerts (PatientLogsModule). Exports PortalSessionsService for
 * the AccessGuard (AccessModule), which resolves portal sessions.
 */
@Module({
  imports: [AuditModule, CycleModule, PatientLogsModule, ThrottleModule],
  controllers: [PortalController],
  providers: [
    PortalService,
    PortalRepository,
    PortalAnswersService,
    PortalAnswersRepository,
    PortalSessionsService,
    PortalSessionsRepository,
    PortalThrottleService,
    PortalHeadersInterceptor,
  ],
  exports: [PortalSessionsService],
})
export class PortalModule {}
