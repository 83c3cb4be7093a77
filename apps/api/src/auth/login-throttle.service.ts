import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../common/app-error.js';
import { FailureKey, FailureWindow, ThrottleRepository } from '../throttle/throttle.repository.js';

export const LOGIN_WINDOW_MS = 15 * 60_000;
/**
 * Failed sign-ins allowed per (account, client address) pair in the window; the next attempt for that account from
 * that address, even with the right password, gets 429. Other addresses are not affected, so someone guessing
 * cannot keep the real user out.
 */
export const PAIR_FAILURE_LIMIT = 10;
/** Per client address, whatever the account: high enough that a clinic behind one address is not locked out by a few typos. */
export const ADDRESS_FAILURE_LIMIT = 100;
/**
 * Per account, across all addresses: from this many failures in the window on, every attempt for the account waits
 * before it is answered (never refused), so guessing from many addresses slows down while the real user still
 * signs in.
 */
export const ACCOUNT_SLOWDOWN_AFTER = 20;
/** The wait at ACCOUNT_SLOWDOWN_AFTER failures; it doubles with every 10 more, up to ACCOUNT_DELAY_MAX_MS. */
export const ACCOUNT_DELAY_BASE_MS = 250;
export const ACCOUNT_DELAY_MAX_MS = 4_000;

/** How long an attempt for an account with `failures` recent failures waits: 0 below 20, 250 ms at 20, 500 ms at 30, … 4 s from 60. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_SLOWDOWN_AFTER) return 0;
  return Math.min(ACCOUNT_DELAY_MAX_MS, Math.round(ACCOUNT_DELAY_BASE_MS * 2 ** ((failures - ACCOUNT_SLOWDOWN_AFTER) / 10)));
}

const keysOf = (email: string, ip: string) => ({
  pair: { kind: 'pair', key: `${ip} ${email}` } satisfies FailureKey,
  address: { kind: 'ip', key: ip } satisfies FailureKey,
  account: { kind: 'account', key: email } satisfies FailureKey,
});

/**
 * Throttles failed sign-ins (and wrong current passwords at a password change): 429 per (account, address) pair and
 * per address, a growing delay per account. The counters live in PostgreSQL, so the limits hold across any number
 * of API replicas.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger('LoginThrottle');

  constructor(private readonly failures: ThrottleRepository) {}

  /**
   * Throws 429 (with Retry-After) while this address has too many recent failures for this account, or in all;
   * otherwise waits as long as the account's recent failures (from any address) ask, then lets the attempt go on.
   */
  async assertAllowed(email: string, ip: string, now = new Date()): Promise<void> {
    const keys = keysOf(email, ip);
    const [pair, address, account] = await this.failures.windows([keys.pair, keys.address, keys.account], new Date(now.getTime() - LOGIN_WINDOW_MS));
    const blocked = [pair.count >= PAIR_FAILURE_LIMIT ? pair : null, address.count >= ADDRESS_FAILURE_LIMIT ? address : null].filter(
      (w): w is FailureWindow => w !== null,
    );
    if (blocked.length) {
      const retryAfterMs = Math.max(...blocked.map((w) => w.oldest!.getTime() + LOGIN_WINDOW_MS - now.getTime()));
      const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
      throw new AppError('too_many_requests', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, undefined, {
        'retry-after': String(retryAfter),
      });
    }
    // The same wait whatever the password turns out to be, so its length tells nothing.
    const delay = accountDelayMs(account.count);
    if (delay > 0) await sleep(delay);
  }

  /** Records a failure; returns true when this failure locked the account for this address (for the audit log). */
  async recordFailure(email: string, ip: string, now = new Date()): Promise<boolean> {
    const keys = keysOf(email, ip);
    await this.failures.record([keys.pair, keys.address, keys.account], now);
    const [pair, account] = await this.failures.windows([keys.pair, keys.account], new Date(now.getTime() - LOGIN_WINDOW_MS));
    const locked = pair.count === PAIR_FAILURE_LIMIT;
    if (locked) this.logger.warn({ email, ip, failures: pair.count }, 'Sign-in locked for this account from this address after repeated failures');
    if (account.count === ACCOUNT_SLOWDOWN_AFTER) {
      this.logger.warn({ email, ip, failures: account.count }, 'Sign-ins for this account are slowed down after repeated failures from several addresses');
    }
    // Old counters are useless; drop them as we go instead of running a separate job.
    await this.failures.forgetBefore(new Date(now.getTime() - 24 * 3_600_000));
    return locked;
  }
}
