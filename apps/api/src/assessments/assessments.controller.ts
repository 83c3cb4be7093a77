import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { EnteredInErrorDto } from '../episodes/dto/entered-in-error.dto.js';
import { AssessmentsService } from './assessments.service.js';
import {
  AssessmentComparisonDto,
  AssessmentDto,
  AssessmentListQueryDto,
  AssessmentPageDto,
  CompareAssessmentsQueryDto,
  CreateAssessmentDto,
} from './dto/assessment.dto.js';

@ApiTags('assessments')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Reception may not see clinical records' })
@ApiNotFoundResponse({ description: 'No such patient or assessment in your practice' })
@Controller('patients/:id/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Record a postural symmetry assessment; the server computes the report (findings, targets, indices)' })
  @ApiCreatedResponse({ type: AssessmentDto })
  @ApiConflictResponse({ description: 'The patient is archived (code `conflict`): restore them to add new records' })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, each named (e.g. measurements.sideBridgeS.left); no measurement at all' })
  create(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Body() body: CreateAssessmentDto): Promise<AssessmentDto> {
    return this.assessments.create(actor, patientId, body);
  }

  @Get()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The patient’s assessments, newest assessment date first; entered-in-error ones included unless ?status=recorded' })
  @ApiOkResponse({ type: AssessmentPageDto })
  @ApiBadRequestResponse({ description: 'Bad limit, cursor or status' })
  list(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Query() query: AssessmentListQueryDto): Promise<AssessmentPageDto> {
    return this.assessments.list(actor, patientId, query);
  }

  @Get('compare')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'How the postural indices changed between two of the patient’s assessments' })
  @ApiOkResponse({ type: AssessmentComparisonDto })
  @ApiBadRequestResponse({ description: 'before or after missing or not an id' })
  @ApiConflictResponse({ description: 'One of them is marked entered in error (code `conflict`)' })
  compare(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) patientId: string,
    @Query() query: CompareAssessmentsQueryDto,
  ): Promise<AssessmentComparisonDto> {
    return this.assessments.compare(actor, patientId, query);
  }

  @Get(':assessmentId')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'One assessment with its report' })
  @ApiOkResponse({ type: AssessmentDto })
  get(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) patientId: string,
    @Param('assessmentId', UuidParam) assessmentId: string,
  ): Promise<AssessmentDto> {
    return this.assessments.get(actor, patientId, assessmentId);
  }

  @Post(':assessmentId/entered-in-error')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Mark an assessment entered in error, with the reason (records are never deleted)' })
  @ApiOkResponse({ type: AssessmentDto })
  @ApiBadRequestResponse({ description: 'Missing or bad reason (3-500 characters)' })
  @ApiConflictResponse({ description: 'Already marked entered in error (code `conflict`)' })
  markEnteredInError(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) patientId: string,
    @Param('assessmentId', UuidParam) assessmentId: string,
    @Body() body: EnteredInErrorDto,
  ): Promise<AssessmentDto> {
    return this.assessments.markEnteredInError(actor, patientId, assessmentId, body);
  }
}
