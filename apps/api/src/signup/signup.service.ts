import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { MeDto } from '../auth/dto/login.dto.js';
import { LoginThrottleService } from '../auth/login-throttle.service.js';
import { PasswordStrength } from '../auth/password-strength.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { SessionsService } from '../auth/sessions.service.js';
import { AppError } from '../common/app-error.js';
import type { StaffActor } from '../common/request-context.js';
import type { PasswordChangeDto, SignupDto } from './dto/signup.dto.js';
import { SignupRepository } from './signup.repository.js';
import { Transactions } from '../database/transactions.js';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

@Injectable()
export class SignupService {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: SignupRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
    private readonly passwords: PasswordStrength,
  ) {}

  /**
   * A new practice with its first admin, and that admin signed in. Practice, user, the default note templates and
   * the audit row commit together, so a taken email leaves no orphan practice behind.
   */
  async signup(body: SignupDto, client: ClientInfo): Promise<{ token: string; me: MeDto }> {
    await this.passwords.assertStrong(body.password, { email: body.email, names: [body.name], related: [body.practiceName] }, 'password');
    const passwordHash = await hashPassword(body.password);
    const practiceId = randomUUID();
    const userId = randomUUID();
    const { practice, user } = await this.transactions.run(async (tx) => {
      const practice = await this.accounts.createPractice({ id: practiceId, name: body.practiceName, timeZone: body.timeZone ?? 'UTC' }, tx);
      const user = await this.accounts.createAdmin({ id: userId, practiceId, name: body.name, email: body.email, passwordHash }, tx);
      await this.accounts.createDefaultNoteTemplates(practiceId, tx);
      await this.audit.record(
        { practiceId, actor: { type: 'user', id: userId, role: 'admin' }, action: 'create', resourceType: 'practice', resourceId: practiceId },
        tx,
      );
      return { practice, user };
    });
    const token = await this.sessions.start(user, client);
    return { token, me: { id: user.id, name: user.name, email: user.email, role: user.role, practice } };
  }

  /**
   * Changes the signed-in user's own password after checking the current one, then ends every session of theirs
   * (other devices are signed out) and returns a new session token for this browser.
   * A wrong current password counts as a failed sign-in of the account, so a borrowed or stolen session cannot be
   * used to guess the password: after the sign-in limit, this answers 429 too.
   */
  async changePassword(actor: StaffActor, body: PasswordChangeDto, client: ClientInfo): Promise<string> {
    const user = await this.accounts.findCredentials(actor.practiceId, actor.userId);
    if (!user) throw new AppError('unauthenticated', 'Your account no longer exists. Please sign in again.');
    await this.throttle.assertAllowed(user.email, client.ip);
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      const locked = await this.throttle.recordFailure(user.email, client.ip);
      await this.audit.record({ action: 'update', resourceType: 'user', resourceId: actor.userId, outcome: 'failure' });
      if (locked) await this.audit.record({ action: 'denied', resourceType: 'session', outcome: 'denied' });
      throw new AppError('validation_failed', 'currentPassword: is not your current password', [
        { field: 'currentPassword', message: 'is not your current password' },
      ]);
    }
    if (body.newPassword === body.currentPassword) {
      throw new AppError('validation_failed', 'newPassword: must differ from the current password', [
        { field: 'newPassword', message: 'must differ from the current password' },
      ]);
    }
    await this.passwords.assertStrong(body.newPassword, { email: user.email, names: [user.name] }, 'newPassword');
    const passwordHash = await hashPassword(body.newPassword);
    await this.transactions.run(async (tx) => {
      if (!(await this.accounts.setPassword(actor.practiceId, actor.userId, passwordHash, new Date(), tx))) {
        throw new AppError('unauthenticated', 'Your account no longer exists. Please sign in again.');
      }
      await this.audit.record({ action: 'update', resourceType: 'user', resourceId: actor.userId }, tx);
    });
    await this.sessions.endAllForUser(actor.userId);
    return this.sessions.start(user, client);
  }
}
