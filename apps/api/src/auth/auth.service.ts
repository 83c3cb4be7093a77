import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { verifyPassword } from './passwords.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import type { MeDto } from './dto/login.dto.js';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Signs a staff member in. Unknown email, wrong password and deactivated account all get the same answer.
   * Returns the new session token (for the cookie) and the profile.
   */
  async login(email: string, password: string, client: ClientInfo): Promise<{ token: string; me: MeDto }> {
    await this.throttle.assertAllowed(email, client.ip);
    const user = await this.accounts.userByEmail(email);
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !user.active || !valid) {
      const locked = await this.throttle.recordFailure(email, client.ip);
      if (user) {
        const actor = { type: 'user' as const, id: user.id, role: user.role };
        await this.audit.record({ practiceId: user.practiceId, actor, action: 'login_failed', resourceType: 'session', outcome: 'failure' });
        if (locked) await this.audit.record({ practiceId: user.practiceId, actor, action: 'denied', resourceType: 'session', outcome: 'denied' });
      }
      throw new AppError('invalid_credentials', 'Email or password is incorrect.');
    }
    const token = await this.sessions.start(user, client);
    await this.audit.record({ practiceId: user.practiceId, actor: { type: 'user', id: user.id, role: user.role }, action: 'login', resourceType: 'session' });
    return { token, me: { id: user.id, name: user.name, email: user.email, role: user.role, practice: user.practice } };
  }

  async logout(sessionHash: string): Promise<void> {
    await this.sessions.end(sessionHash);
    await this.audit.record({ action: 'logout', resourceType: 'session' });
  }
}
