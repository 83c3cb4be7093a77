import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import type { StaffActor } from '../common/request-context.js';
import { ALL_STAFF, CurrentActor, Public, Roles } from '../common/access.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto, MeDto } from './dto/login.dto.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in; sets the httpOnly session cookie' })
  @ApiOkResponse({ type: MeDto })
  @ApiBadRequestResponse({ description: 'Email or password missing or not in the documented form' })
  @ApiUnauthorizedResponse({ description: 'Email or password is incorrect (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins for this account or address; see Retry-After' })
  async login(@Body() body: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<MeDto> {
    const { token, me } = await this.auth.login(body.email, body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setSessionCookie(reply, token, this.config);
    return me;
  }

  @Post('logout')
  @HttpCode(204)
  @Roles(...ALL_STAFF)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Sign out; the session ends at once' })
  @ApiNoContentResponse()
  async logout(@CurrentActor() actor: StaffActor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(actor.sessionHash);
    clearSessionCookie(reply, this.config);
  }

  @Get('me')
  @Roles(...ALL_STAFF)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The signed-in staff member and their practice' })
  @ApiOkResponse({ type: MeDto })
  me(@Req() req: FastifyRequest & { practiceName?: string; timeZone?: string }, @CurrentActor() actor: StaffActor): MeDto {
    return {
      id: actor.userId,
      name: actor.name,
      email: actor.email,
      role: actor.role,
      practice: { id: actor.practiceId, name: req.practiceName ?? '', timeZone: req.timeZone ?? 'UTC' },
    };
  }
}
