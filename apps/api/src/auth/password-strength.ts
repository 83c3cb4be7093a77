import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { AppError } from '../common/app-error.js';

/** zxcvbn's scale: 0 too guessable … 4 very unguessable. 3 ("safely unguessable") is the least we accept. */
export const PASSWORD_MIN_SCORE = 3;
/**
 * zxcvbn scores only this many leading characters. Its matching grows with the length (a 128-character password
 * takes over a second of CPU), so longer passwords are judged by their first 64 characters: anything that strong
 * at the start is strong, and a long run of repeats is still caught.
 */
export const PASSWORD_SCORED_LENGTH = 64;
/** A stuck estimate (it never should be) answers 503 instead of holding the request. */
const CHECK_TIMEOUT_MS = 10_000;

export interface PasswordOwner {
  email: string;
  /** The account holder's name; more than one when it is being renamed at the same time. */
  names: (string | undefined)[];
  /** Other words the account is known by (the practice's name at sign-up). */
  related?: (string | undefined)[];
}

interface Estimate {
  score: number;
  warning: string | null;
}

/*
 * zxcvbn runs in a worker thread, not on the event loop: its dictionaries (about 100,000 common and breached
 * passwords, English words and names) are loaded once, there, when the application starts, and one estimate can
 * take up to a few hundred milliseconds of CPU for an unlucky 64 characters. Plain CommonJS evaluated from a string,
 * so it runs the same under jest (TypeScript compiled on the fly) and from dist; the packages are resolved here
 * and passed in by absolute path.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { ZxcvbnFactory } = require(workerData.core);
const common = require(workerData.common);
const en = require(workerData.en);
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
  maxLength: workerData.maxLength,
  l33tMaxSubstitutions: 20,
});
parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, password, userInputs }) => {
  try {
    const result = zxcvbn.check(password, userInputs);
    parentPort.postMessage({ id, score: result.score, warning: result.feedback.warning || null });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

/** Letters and digits only, lower-cased: "Maya.Patel" and "maya-patel" compare equal. */
const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Checks every new password against common and breached passwords (zxcvbn-ts with its common and English
 * dictionaries) and against its owner's email and name, as NIST SP 800-63B (5.1.1.2) and ASVS (V2.1.7) ask. No
 * composition rules; the minimum length stays with the DTOs.
 */
@Injectable()
export class PasswordStrength implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PasswordStrength');
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (e: Estimate) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();

  /** Starts loading the dictionaries at start-up (in the worker), so the first sign-up does not wait for them. */
  onModuleInit(): void {
    // Not awaited: start-up does not wait for the dictionaries; start() handles its own rejection (see there).
    void this.start();
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    this.failPending(new Error('The password checker has stopped'));
    await worker?.terminate();
  }

  /**
   * Throws 400 validation_failed naming `field` when the password is too guessable or contains the owner's email
   * (its local part) or name; the message carries zxcvbn's warning when it has one.
   */
  async assertStrong(password: string, owner: PasswordOwner, field: string): Promise<void> {
    const refuse = (message: string) => {
      throw AppError.field(field, message);
    };
    const local = owner.email.split('@')[0] ?? '';
    const names = owner.names.filter((n): n is string => !!n?.trim());
    const squashed = squash(password);
    const personal = [owner.email, local, ...names].map(squash).filter((s) => s.length >= 3);
    if (personal.some((p) => squashed.includes(p))) refuse('must not contain your email address or your name');

    const userInputs = [
      owner.email,
      local,
      ...local.split(/[^\p{L}\p{N}]+/u),
      ...names,
      ...names.flatMap((n) => n.split(/\s+/)),
      ...(owner.related ?? []).filter((r): r is string => !!r),
    ].filter((s) => s.length >= 3);
    const { score, warning } = await this.estimate(password, [...new Set(userInputs.map((s) => s.toLowerCase()))]);
    if (score < PASSWORD_MIN_SCORE) {
      refuse(`is too easy to guess.${warning ? ` ${warning}` : ''} Use a longer passphrase, for example a few unrelated words.`);
    }
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        core: require.resolve('@zxcvbn-ts/core'),
        common: require.resolve('@zxcvbn-ts/language-common'),
        en: require.resolve('@zxcvbn-ts/language-en'),
        maxLength: PASSWORD_SCORED_LENGTH,
      },
    });
    // Never keeps the process alive on its own; onModuleDestroy ends it with the application.
    worker.unref();
    this.worker = worker;
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: { ready?: true; id?: number; score?: number; warning?: string | null; error?: string }) => {
        if (message.ready) return resolve();
        const request = this.pending.get(message.id!);
        if (!request) return;
        this.pending.delete(message.id!);
        clearTimeout(request.timer);
        if (message.error !== undefined) request.reject(new Error(message.error));
        else request.resolve({ score: message.score!, warning: message.warning ?? null });
      });
      const stopped = (error: Error) => {
        reject(error);
        if (this.worker !== worker) return;
        // A crashed worker is replaced at the next check; what it had in hand fails now.
        this.logger.error({ err: error }, 'The password checker stopped');
        this.worker = null;
        this.ready = null;
        this.failPending(error);
      };
      worker.on('error', stopped);
      worker.on('exit', (code) => stopped(new Error(`The password checker exited (code ${code})`)));
    });
    ready.catch(() => undefined); // reported by `stopped`, and to the next caller
    this.ready = ready;
    return ready;
  }

  private async estimate(password: string, userInputs: string[]): Promise<Estimate> {
    try {
      await this.start();
      const worker = this.worker;
      if (!worker) throw new Error('The password checker is not running');
      return await new Promise<Estimate>((resolve, reject) => {
        const id = ++this.nextId;
        const timer = setTimeout(() => {
          // Whatever it is stuck on, a fresh worker answers the next checks; what this one had in hand fails now.
          if (this.worker === worker) {
            this.worker = null;
            this.ready = null;
            void worker.terminate();
          }
          this.failPending(new Error('The password check timed out'));
        }, CHECK_TIMEOUT_MS);
        this.pending.set(id, { resolve, reject, timer });
        worker.postMessage({ id, password, userInputs });
      });
    } catch (error) {
      this.logger.error({ err: error }, 'Password check failed');
      throw new AppError('service_unavailable', 'Passwords cannot be checked just now. Please try again in a moment.', undefined, { 'retry-after': '5' });
    }
  }

  private failPending(error: Error): void {
    for (const [id, request] of this.pending) {
      clearTimeout(request.timer);
      request.reject(error);
      this.pending.delete(id);
    }
  }
}
