import { Body, Headers, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import { IfMatch, VersionedAnswer } from '../common/versioned.decorators.js';
import { parseIfMatch, parseOptionalIfMatch } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { EnteredInErrorDto } from '../episodes/dto/entered-in-error.dto.js';
import { NoBodyDto } from '../patients/dto/patient-write.dto.js';
import { CreateNoteTemplateDto, NoteTemplateDto, NoteTemplateListDto, UpdateNoteTemplateDto } from './dto/note-template.dto.js';
import {
  CreateAddendumDto,
  CreateVisitNoteDto,
  NoteAddendumDto,
  NotePrintDto,
  NotePrintQueryDto,
  UpdateVisitNoteDto,
  VisitNoteDto,
  VisitNoteListQueryDto,
  VisitNotePageDto,
} from './dto/visit-note.dto.js';
import { NoteTemplatesService } from './note-templates.service.js';
import { NotesService } from './notes.service.js';

/** Only clinicians write notes: admins read them, reception never sees them. */
const WRITERS = ['clinician'] as const;

@ApiTags('visit notes')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Reception never sees note templates; only admins write them' })
@Controller('note-templates')
export class NoteTemplatesController {
  constructor(private readonly templates: NoteTemplatesService) {}

  @Get()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The practice’s note templates, by name (inactive ones included, flagged)' })
  @ApiOkResponse({ type: NoteTemplateListDto })
  list(@CurrentActor() actor: StaffActor): Promise<NoteTemplateListDto> {
    return this.templates.list(actor);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a note template: a name and the prompts heading each section of a new note' })
  @VersionedAnswer(NoteTemplateDto, { created: true })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields (each one named)' })
  @ApiConflictResponse({ description: '`already_exists`: another active template has this name' })
  create(@CurrentActor() actor: StaffActor, @Body() body: CreateNoteTemplateDto): Promise<NoteTemplateDto> {
    return this.templates.create(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a template, rewrite its prompts, (de)activate it; notes written with it keep their text' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @IfMatch('optional')
  @VersionedAnswer(NoteTemplateDto)
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, no field at all, or a malformed If-Match' })
  @ApiNotFoundResponse({ description: 'No such template in your practice' })
  @ApiConflictResponse({ description: '`already_exists`: another active template has this name' })
  update(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateNoteTemplateDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<NoteTemplateDto> {
    return this.templates.update(actor, id, parseOptionalIfMatch(ifMatch), body);
  }
}

@ApiTags('visit notes')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiNotFoundResponse({ description: 'No such patient in your practice' })
@Controller('patients/:id/notes')
export class PatientNotesController {
  constructor(private readonly notes: NotesService) {}

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary:
      'Start a visit note: a draft prefilled with what Upright knows since the last note (episode, diary and pain trend, pain alerts, outcome scores, assessment findings, plan and its changes) under the template’s prompts',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The patient' })
  @VersionedAnswer(VisitNoteDto, { created: true })
  @ApiBadRequestResponse({
    description: 'Bad or unknown fields; a template, appointment or episode that is not this patient’s or practice’s, or an inactive template',
  })
  @ApiForbiddenResponse({ description: 'Only clinicians write notes (admins read them; reception never sees them)' })
  @ApiConflictResponse({ description: '`note_exists`: the appointment already has a note (its id in `noteId`); `conflict`: the patient is archived' })
  create(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Body() body: CreateVisitNoteDto): Promise<VisitNoteDto> {
    return this.notes.create(actor, patientId, body);
  }

  @Get()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The patient’s visit notes, newest first; `q` finds words in the notes and their addenda' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The patient' })
  @ApiOkResponse({ type: VisitNotePageDto })
  @ApiBadRequestResponse({ description: 'Bad q (1-200 characters), limit, cursor or episodeId' })
  @ApiForbiddenResponse({ description: 'Reception never sees notes' })
  list(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Query() query: VisitNoteListQueryDto): Promise<VisitNotePageDto> {
    return this.notes.list(actor, patientId, query);
  }

  @Get('print')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({
    summary: 'Everything to print a patient’s signed (and entered-in-error) notes, of one episode or all: practice, patient, episode and notes, oldest first',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The patient' })
  @ApiOkResponse({ type: NotePrintDto })
  @ApiBadRequestResponse({ description: 'A bad episodeId' })
  @ApiForbiddenResponse({ description: 'Reception never sees notes' })
  print(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Query() query: NotePrintQueryDto): Promise<NotePrintDto> {
    return this.notes.print(actor, patientId, query);
  }
}

@ApiTags('visit notes')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiNotFoundResponse({ description: 'No such note in your practice' })
@ApiParam({ name: 'noteId', format: 'uuid' })
@Controller('notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get(':noteId')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'One visit note with its addenda (oldest first)' })
  @VersionedAnswer(VisitNoteDto)
  @ApiForbiddenResponse({ description: 'Reception never sees notes' })
  get(@CurrentActor() actor: StaffActor, @Param('noteId', UuidParam) noteId: string): Promise<VisitNoteDto> {
    return this.notes.get(actor, noteId);
  }

  @Patch(':noteId')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Save sections of your draft (autosave); the others stay as they are' })
  @IfMatch('required', { stale: 'Changed since your read (another tab?); the ETag header carries the current version' })
  @VersionedAnswer(VisitNoteDto)
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, no section at all, or a malformed If-Match' })
  @ApiForbiddenResponse({ description: '`not_author`: another clinician’s note; `forbidden`: not a clinician' })
  @ApiConflictResponse({ description: '`note_signed`: signed notes never change (add an addendum); `note_entered_in_error`' })
  save(
    @CurrentActor() actor: StaffActor,
    @Param('noteId', UuidParam) noteId: string,
    @Body() body: UpdateVisitNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<VisitNoteDto> {
    return this.notes.save(actor, noteId, parseIfMatch(ifMatch), body);
  }

  @Post(':noteId/sign')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Sign your draft: it records who and when, and the note never changes again (corrections are addenda)' })
  @IfMatch('optional')
  @VersionedAnswer(VisitNoteDto)
  @ApiBadRequestResponse({ description: 'A body with fields, or a malformed If-Match' })
  @ApiForbiddenResponse({ description: '`not_author`: another clinician’s note; `forbidden`: not a clinician' })
  @ApiConflictResponse({ description: '`note_signed`: already signed; `note_empty`: all four sections blank; `note_entered_in_error`' })
  sign(
    @CurrentActor() actor: StaffActor,
    @Param('noteId', UuidParam) noteId: string,
    @Body() _body: NoBodyDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<VisitNoteDto> {
    return this.notes.sign(actor, noteId, parseOptionalIfMatch(ifMatch));
  }

  @Post(':noteId/addenda')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Add an addendum to a signed note (any clinician of the practice); it is signed by you and timestamped at once' })
  @ApiCreatedResponse({ type: NoteAddendumDto })
  @ApiBadRequestResponse({ description: 'Missing, blank or too long text (1-20,000 characters), or unknown fields' })
  @ApiForbiddenResponse({ description: 'Only clinicians write addenda' })
  @ApiConflictResponse({ description: '`note_not_signed`: a draft (edit it instead); `note_entered_in_error`' })
  addAddendum(@CurrentActor() actor: StaffActor, @Param('noteId', UuidParam) noteId: string, @Body() body: CreateAddendumDto): Promise<NoteAddendumDto> {
    return this.notes.addAddendum(actor, noteId, body);
  }

  @Post(':noteId/entered-in-error')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Mark your note entered in error, with the reason (notes are never deleted; it stays readable)' })
  @VersionedAnswer(VisitNoteDto)
  @ApiBadRequestResponse({ description: 'Missing or bad reason (3-500 characters)' })
  @ApiForbiddenResponse({ description: '`not_author`: another clinician’s note; `forbidden`: not a clinician' })
  @ApiConflictResponse({ description: '`note_entered_in_error`: already marked' })
  markEnteredInError(@CurrentActor() actor: StaffActor, @Param('noteId', UuidParam) noteId: string, @Body() body: EnteredInErrorDto): Promise<VisitNoteDto> {
    return this.notes.markEnteredInError(actor, noteId, body);
  }
}
