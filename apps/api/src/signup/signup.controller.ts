import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALL_STAFF, CurrentActor, Public, Roles } from '../common/access.decorators.js';
import { MeDto } from '../auth/dto/login.dto.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import type { StaffActor } from '../common/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { PasswordChangeDto, SignupDto } from './dto/signup.dto.js';
import { SignupEnabledGuard } from './signup-enabled.guard.js';
import { ClientInfo, SignupService } from './signup.service.js';

const clientOf = (req: FastifyRequest): ClientInfo => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });

/** Account routes beside sign-in: creating a practice, and changing one's own password. */
@ApiTags('auth')
@Controller('auth')
export class SignupController {
  constructor(
    private readonly signup: SignupService,
    private readonly config: AppConfig,
  ) {}

  @Post('signup')
  @HttpCode(200)
  @Public()
  @UseGuards(SignupEnabledGuard)
  @ApiOperation({ summary: 'Create a practice and its first admin, and sign them in (sets the session cookie)' })
  @ApiOkResponse({ type: MeDto })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields (each listed in `errors`)' })
  @ApiForbiddenResponse({ description: 'Sign-up is disabled on this server (ALLOW_SIGNUP=false)' })
  @ApiConflictResponse({ description: 'An account with this email already exists (code already_exists, field email)' })
  async create(@Body() body: SignupDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<MeDto> {
    const { token, me } = await this.signup.signup(body, clientOf(req));
    setSessionCookie(reply, token, this.config);
    return me;
  }

  @Post('password')
  @HttpCode(204)
  @Roles(...ALL_STAFF)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Change your own password; signs out every other device and renews this browser’s session cookie' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'Wrong current password (field currentPassword) or a bad new one (field newPassword)' })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong passwords for this account (sign-ins and password changes count together); see Retry-After' })
  async changePassword(
    @CurrentActor() actor: StaffActor,
    @Body() body: PasswordChangeDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    setSessionCookie(reply, await this.signup.changePassword(actor, body, clientOf(req)), this.config);
  }
}
