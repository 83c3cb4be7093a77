import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { SignupEnabledGuard } from './signup-enabled.guard.js';
import { SignupController } from './signup.controller.js';
import { SignupRepository } from './signup.repository.js';
import { SignupService } from './signup.service.js';

/** POST /api/auth/signup and POST /api/auth/password (register in AppModule beside AuthModule). */
@Module({ imports: [AuditModule, AuthModule], controllers: [SignupController], providers: [SignupService, SignupRepository, SignupEnabledGuard] })
export class SignupModule {}
