import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { CycleController } from './cycle.controller.js';
import { CycleRepository } from './cycle.repository.js';
import { CycleService } from './cycle.service.js';
import { DischargeRepository } from './discharge.repository.js';

/**
 * The spasm cycle (issue 19): CycleRepository loads a patient's or a plan's facts in one statement; the pure
 * functions of cycle-facts.ts turn them into the domain's inputs and results (shared with Today and the patient's
 * page, which import this module for the repository); CycleController serves the clinician's routes.
 */
@Module({
  imports: [AuditModule, PlansModule],
  controllers: [CycleController],
  providers: [CycleRepository, CycleService, DischargeRepository],
  exports: [CycleRepository],
})
export class CycleModule {}
