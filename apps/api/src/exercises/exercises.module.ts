import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ExercisesController } from './exercises.controller.js';
import { ExercisesRepository } from './exercises.repository.js';
import { ExercisesService } from './exercises.service.js';

@Module({ imports: [AuditModule], controllers: [ExercisesController], providers: [ExercisesService, ExercisesRepository], exports: [ExercisesService] })
export class ExercisesModule {}
