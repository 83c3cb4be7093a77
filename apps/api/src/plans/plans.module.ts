import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ExercisesModule } from '../exercises/exercises.module.js';
import { PatientsModule } from '../patients/patients.module.js';
import { PlansController } from './plans.controller.js';
import { PlansRepository } from './plans.repository.js';
import { PlansService } from './plans.service.js';
import { SharesController } from './shares.controller.js';
import { SharesRepository } from './shares.repository.js';
import { SharesService } from './shares.service.js';

@Module({
  imports: [AuditModule, PatientsModule, ExercisesModule],
  controllers: [PlansController, SharesController],
  providers: [PlansService, PlansRepository, SharesService, SharesRepository],
  exports: [PlansService, PlansRepository],
})
export class PlansModule {}
