import { Injectable } from '@nestjs/common';
import { Sql, statement } from '../database/sql.js';

const PING = statement<{ up: number }>('health_ping', 'SELECT 1 AS up');

@Injectable()
export class HealthRepository {
  constructor(private readonly sql: Sql) {}

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await this.sql.one(PING, []);
  }
}
