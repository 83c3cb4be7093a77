import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { MailTransport } from './mail-transport.js';
import { ClaimedMessage, OutboxRepository } from './outbox.repository.js';

/** Messages claimed per round trip. */
export const OUTBOX_BATCH = 5;
/**
 * How long a claim holds a message. Longer than a batch can take with the transport's timeouts (5 messages of at
 * most 2 minutes each), so only a worker that died lets another send the message again.
 */
export const OUTBOX_LEASE_MS = 15 * 60_000;
/** The longest wait between two attempts. */
export const OUTBOX_MAX_RETRY_MS = 6 * 3_600_000;

/** The wait before the next attempt after `attempts` failed ones, or null when the message has had its last. */
export function retryDelayMs(attempts: number, baseMs: number, maxAttempts: number): number | null {
  if (attempts >= maxAttempts) return null;
  return Math.min(baseMs * 2 ** (attempts - 1), OUTBOX_MAX_RETRY_MS);
}

/**
 * Sends the outbox from inside the API: every OUTBOX_POLL_MS it claims the due messages (FOR UPDATE SKIP LOCKED,
 * so any number of replicas can run it and each message is claimed by one), sends them one by one, and marks each
 * sent, or due again after an exponential backoff, or failed after OUTBOX_MAX_ATTEMPTS. OUTBOX_WORKER=off turns
 * it off in this process. Started when the application has bootstrapped, stopped (its current message finished)
 * before shutdown.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxWorker');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private running = false;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_WORKER === 'on') this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Polls until stopped. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the message being sent, if any. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  /** Sends every message due now, batch after batch; returns how many were attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const attempted = await this.runOnce();
      total += attempted;
      if (attempted < OUTBOX_BATCH || this.stopping) return total;
    }
  }

  /** Claims one batch of due messages and attempts each; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.outbox.claimDue(OUTBOX_BATCH, OUTBOX_LEASE_MS);
    for (const message of claimed) await this.attempt(message);
    return claimed.length;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const round = this.drain()
        .catch((error: unknown) => this.logger.error(`Outbox round failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.current = null;
          if (this.running) this.schedule(this.config.OUTBOX_POLL_MS);
        });
      this.current = round;
    }, delayMs);
    // A waiting poll never keeps the process alive on its own.
    this.timer.unref();
  }

  private async attempt(message: ClaimedMessage): Promise<void> {
    try {
      await this.transport.send({ id: message.id, to: message.recipient, subject: message.subject, text: message.textBody, ics: message.ics });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const retryIn = retryDelayMs(message.attempts, this.config.OUTBOX_RETRY_MS, this.config.OUTBOX_MAX_ATTEMPTS);
      await this.outbox.markFailedAttempt(message, reason, retryIn);
      if (retryIn === null) this.logger.error(`Outbox message ${message.id} (${message.kind}) failed after ${message.attempts} attempts: ${reason}`);
      else this.logger.warn(`Outbox message ${message.id} (${message.kind}) attempt ${message.attempts} failed, retrying in ${retryIn} ms: ${reason}`);
      return;
    }
    await this.outbox.markSent(message);
  }
}
