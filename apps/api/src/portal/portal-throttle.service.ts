import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { ThrottleRepository } from '../throttle/throttle.repository.js';

export const PORTAL_WINDOW_MS = 15 * 60_000;
/** Failed portal opens (unknown link or wrong birth year) allowed per client address in the window. */
export const PORTAL_ADDRESS_FAILURE_LIMIT = 20;
const KIND = 'portal_ip';

/**
 * Throttles failed portal opens per client address, on top of the per-link lock: someone trying many links or
 * many birth years from one address is stopped. Counters live in PostgreSQL (login_failures, kind 'portal_ip'),
 * so the limit holds across API replicas.
 */
@Injectable()
export class PortalThrottleService {
  private readonly logger = new Logger('PortalThrottle');

  constructor(private readonly failures: ThrottleRepository) {}

  /** Throws 429 (with Retry-After) while the address has too many recent failures. */
  async assertAllowed(ip: string, now = new Date()): Promise<void> {
    const window = await this.failures.window(KIND, ip, new Date(now.getTime() - PORTAL_WINDOW_MS));
    if (window.count < PORTAL_ADDRESS_FAILURE_LIMIT) return;
    const retryAfter = Math.max(1, Math.ceil((window.oldest!.getTime() + PORTAL_WINDOW_MS - now.getTime()) / 1000));
    throw new AppError(
      'too_many_requests',
      `Too many attempts to open a plan from here. Please try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
      undefined,
      {
        'retry-after': String(retryAfter),
      },
    );
  }

  async recordFailure(ip: string, now = new Date()): Promise<void> {
    await this.failures.record([{ kind: KIND, key: ip }], now);
    const { count } = await this.failures.window(KIND, ip, new Date(now.getTime() - PORTAL_WINDOW_MS));
    if (count === PORTAL_ADDRESS_FAILURE_LIMIT) this.logger.warn({ ip, failures: count }, 'Portal opens throttled for this address after repeated failures');
  }
}
