import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordStrength } from './password-strength.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { ThrottleModule } from '../throttle/throttle.module.js';

@Module({
  imports: [AuditModule, ThrottleModule],
  controllers: [AuthController],
  providers: [AuthService, SessionsService, SessionsRepository, LoginThrottleService, PasswordStrength],
  exports: [SessionsService, LoginThrottleService, PasswordStrength],
})
export class AuthModule {}
