import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { PortalModule } from '../portal/portal.module.js';
import { AccessGuard } from './access.guard.js';

/**
 * The one gate of every route (APP_GUARD): the AccessGuard resolves staff sessions (AuthModule) and portal sessions
 * (PortalModule), and records refusals (AuditModule). It sits above the modules it gates; they declare their routes'
 * rules with the decorators in common/access.decorators.ts, which depend on nothing of theirs.
 */
@Module({
  imports: [AuthModule, PortalModule, AuditModule],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class AccessModule {}
