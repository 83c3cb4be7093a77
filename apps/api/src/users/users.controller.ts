import { Body, Controller, Get, Headers, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPreconditionFailedResponse,
  ApiPreconditionRequiredResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/access.decorators.js';
import { parseIfMatch } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { VersionEtagInterceptor } from '../patients/version-etag.interceptor.js';
import { CreateUserDto, UpdateUserDto, UserDto, UserListQueryDto, UserPageDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

const ETAG = { etag: { description: 'The account’s version, to send back in If-Match', schema: { type: 'string', example: '"1"' } } };

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
  @UseInterceptors(VersionEtagInterceptor)
  @ApiOperation({ summary: 'Create a staff account in your practice with a first password' })
  @ApiCreatedResponse({ type: UserDto, headers: ETAG })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields (each listed in `errors`)' })
  @ApiConflictResponse({ description: 'An account with this email already exists (code already_exists, field email)' })
  create(@CurrentActor() actor: StaffActor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  @UseInterceptors(VersionEtagInterceptor)
  @ApiOperation({ summary: 'Rename, change the role, (de)activate or set a new password; deactivation and a new password end the user’s sessions' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag (version) you read, e.g. "1"' })
  @ApiOkResponse({ type: UserDto, headers: ETAG })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, no field at all, or a malformed If-Match' })
  @ApiNotFoundResponse({ description: 'No such user in your practice' })
  @ApiConflictResponse({ description: 'You tried to deactivate or demote yourself (code conflict)' })
  @ApiPreconditionFailedResponse({ description: 'Someone changed the account since your read; the ETag header carries the current version' })
  @ApiPreconditionRequiredResponse({ description: 'If-Match header missing' })
  update(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, id, parseIfMatch(ifMatch), body);
  }
}
