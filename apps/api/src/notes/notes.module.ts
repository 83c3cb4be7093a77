import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PatientsModule } from '../patients/patients.module.js';
import { NoteTemplatesService } from './note-templates.service.js';
import { NotesController, NoteTemplatesController, PatientNotesController } from './notes.controller.js';
import { NotesRepository } from './notes.repository.js';
import { NotesService } from './notes.service.js';

/** Visit notes (SOAP) and the practice's note templates. */
@Module({
  imports: [AuditModule, PatientsModule],
  controllers: [NoteTemplatesController, PatientNotesController, NotesController],
  providers: [NotesService, NoteTemplatesService, NotesRepository],
})
export class NotesModule {}
