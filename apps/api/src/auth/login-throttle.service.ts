import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { ThrottleRepository } from '../throttle/throttle.repository.js';

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failed sign-ins allowed per account in the window; the next attempt, even with the right password, gets 429. */
export const ACCOUNT_FAILURE_LIMIT = 10;
/** Per client address: high enough that a clinic behind one address is not locked out by a few typos. */
export const ADDRESS_FAILURE_LIMIT = 100;

/**
 * Throttles failed sign-ins per account and per client address. The counters live in PostgreSQL, so the limits
 * hold across any number of API replicas.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger('LoginThrottle');

  constructor(private readonly failures: ThrottleRepository) {}

  /** Throws 429 (with Retry-After) while the account or the address has too many recent failures. */
  async assertAllowed(email: string, ip: string, now = new Date()): Promise<void> {
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const [account, address] = await Promise.all([this.window('account', email, since), this.window('ip', ip, since)]);
    const blocked = [
      account.count >= ACCOUNT_FAILURE_LIMIT ? account : null,
      address.count >= ADDRESS_FAILURE_LIMIT ? address : null,
    ].filter((w) => w !== null);
    if (!blocked.length) return;
    const retryAfterMs = Math.max(...blocked.map((w) => w.oldest!.getTime() + LOGIN_WINDOW_MS - now.getTime()));
    const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new AppError('too_many_requests', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, undefined, {
      'retry-after': String(retryAfter),
    });
  }

  /** Records a failure; returns true when this failure locked the account (for the audit log). */
  async recordFailure(email: string, ip: string, now = new Date()): Promise<boolean> {
    await this.failures.record(
      [
        { kind: 'account', key: email },
        { kind: 'ip', key: ip },
      ],
      now,
    );
    const { count } = await this.window('account', email, new Date(now.getTime() - LOGIN_WINDOW_MS));
    const locked = count === ACCOUNT_FAILURE_LIMIT;
    if (locked) this.logger.warn({ email, ip, failures: count }, 'Sign-in locked for this account after repeated failures');
    // Old counters are useless; drop them as we go instead of running a separate job.
    await this.failures.forgetBefore(new Date(now.getTime() - 24 * 3_600_000));
    return locked;
  }

  private window(kind: 'account' | 'ip', key: string, since: Date) {
    return this.failures.window(kind, key, since);
  }
}
