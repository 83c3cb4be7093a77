import { Body, Headers, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IfMatch, VersionedAnswer } from '../common/versioned.decorators.js';
import { parseIfMatch } from '../common/if-match.js';
import { CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { CreateUserDto, UpdateUserDto, UserDto, UserListQueryDto, UserPageDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in (problem+json, code unauthenticated)' })
@ApiForbiddenResponse({ description: 'Only admins manage users (problem+json, code forbidden)' })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Staff accounts of your practice, newest first (never their passwords)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiBadRequestResponse({ description: 'Bad limit or cursor' })
  list(@CurrentActor() actor: StaffActor, @Query() query: UserListQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a staff account in your practice with a first password' })
  @VersionedAnswer(UserDto, { created: true })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields (each listed in `errors`)' })
  @ApiConflictResponse({ description: 'An account with this email already exists (code already_exists, field email)' })
  create(@CurrentActor() actor: StaffActor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename, change the role, (de)activate or set a new password; deactivation and a new password end the user’s sessions' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @IfMatch('required', { stale: 'Someone changed the account since your read; the ETag header carries the current version' })
  @VersionedAnswer(UserDto)
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, no field at all, or a malformed If-Match' })
  @ApiNotFoundResponse({ description: 'No such user in your practice' })
  @ApiConflictResponse({ description: 'You tried to deactivate or demote yourself (code conflict)' })
  update(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateUserDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<UserDto> {
    return this.users.update(actor, id, parseIfMatch(ifMatch), body);
  }
}
