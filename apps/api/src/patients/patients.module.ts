import { Module } from '@nestjs/common';
import { PatientsController } from './patients.controller.js';
import { PatientsRepository } from './patients.repository.js';
import { PatientsService } from './patients.service.js';

@Module({ controllers: [PatientsController], providers: [PatientsService, PatientsRepository], exports: [PatientsService] })
export class PatientsModule {}
