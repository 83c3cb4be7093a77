import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ALL_STAFF, CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { CreateExerciseDto, ExerciseListDto, LibraryExerciseDto } from './dto/exercise.dto.js';
import { ExercisesService } from './exercises.service.js';

@ApiTags('exercises')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@Controller('exercises')
export class ExercisesController {
  constructor(private readonly exercises: ExercisesService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'The exercise library: the built-in exercises, then your practice’s own' })
  @ApiOkResponse({ type: ExerciseListDto })
  list(@CurrentActor() actor: StaffActor): Promise<ExerciseListDto> {
    return this.exercises.list(actor);
  }

  @Post()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Add an exercise to your practice’s library' })
  @ApiCreatedResponse({ type: LibraryExerciseDto })
  @ApiBadRequestResponse({ description: 'Bad fields (each listed), including a built-in code' })
  @ApiForbiddenResponse({ description: 'Reception staff cannot add exercises' })
  @ApiConflictResponse({ description: '`already_exists`: your practice already has an exercise with this code' })
  create(@CurrentActor() actor: StaffActor, @Body() body: CreateExerciseDto): Promise<LibraryExerciseDto> {
    return this.exercises.create(actor, body);
  }
}
