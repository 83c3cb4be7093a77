import { Injectable } from '@nestjs/common';
import { Sql, statement } from '../database/sql.js';

/** How long a key's first answer is kept for replays. */
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface StoredAnswer {
  fingerprint: string;
  status: number | null;
  response: unknown;
}

/**
 * Claims a key for this practice, in one statement that also forgets the practice's keys older than the TTL (so a
 * key can be used again a day later). Returns a row only when this request claimed it.
 */
const CLAIM = statement<{ claimed: boolean }>(
  'idempotency_claim',
  `WITH expired AS (DELETE FROM idempotency_keys WHERE practice_id = $1 AND created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}))
   INSERT INTO idempotency_keys (practice_id, key, fingerprint) VALUES ($1, $2, $3)
   ON CONFLICT (practice_id, key) DO NOTHING
   RETURNING true AS claimed`,
);
const FIND = statement<StoredAnswer>(
  'idempotency_find',
  `SELECT fingerprint, status, response FROM idempotency_keys
    WHERE practice_id = $1 AND key = $2 AND created_at >= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
);
const COMPLETE = statement('idempotency_complete', 'UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE practice_id = $1 AND key = $2');
const RELEASE = statement('idempotency_release', 'DELETE FROM idempotency_keys WHERE practice_id = $1 AND key = $2 AND status IS NULL');

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly sql: Sql) {}

  async claim(practiceId: string, key: string, fingerprint: string): Promise<boolean> {
    return (await this.sql.one(CLAIM, [practiceId, key, fingerprint]))?.claimed === true;
  }

  find(practiceId: string, key: string): Promise<StoredAnswer | undefined> {
    return this.sql.one(FIND, [practiceId, key]);
  }

  async complete(practiceId: string, key: string, status: number, response: unknown): Promise<void> {
    await this.sql.rows(COMPLETE, [practiceId, key, status, JSON.stringify(response ?? null)]);
  }

  /** A first request that failed writes nothing, so its key is released: a retry runs again. */
  async release(practiceId: string, key: string): Promise<void> {
    await this.sql.rows(RELEASE, [practiceId, key]);
  }
}
