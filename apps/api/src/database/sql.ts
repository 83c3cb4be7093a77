import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { DatabasePool } from './pool.js';

/**
 * A named SQL statement. PostgreSQL parses and plans it once per connection (a prepared statement), then only
 * binds and executes it; the hot reads use these instead of Prisma's query engine.
 */
export interface Statement<Row> {
  readonly name: string;
  readonly text: string;
  /** Phantom field carrying the row type; never set. */
  readonly row?: Row;
}

const registered = new Map<string, string>();

/** Declares a statement once, at module load. A name used twice for different SQL is a programming error. */
export function statement<Row>(name: string, text: string): Statement<Row> {
  const known = registered.get(name);
  if (known !== undefined && known !== text) throw new Error(`Statement name ${name} is used for two different statements`);
  registered.set(name, text);
  return { name, text };
}

/** `created_at`-style timestamps as the API's ISO strings (UTC, milliseconds), formatted by PostgreSQL. */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Types parsed as PostgreSQL sends them: `date` stays YYYY-MM-DD text (pg would make a local-midnight Date). */
const DATE_OID = 1082;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
    oid === DATE_OID ? (value: string) => value : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

/** Runs prepared statements on the shared pool, one round trip each. */
@Injectable()
export class Sql {
  constructor(private readonly database: DatabasePool) {}

  async rows<Row>(statement: Statement<Row>, values: unknown[]): Promise<Row[]> {
    const result = await this.database.pool.query({ name: statement.name, text: statement.text, values, types });
    return result.rows as Row[];
  }

  async one<Row>(statement: Statement<Row>, values: unknown[]): Promise<Row | undefined> {
    return (await this.rows(statement, values))[0];
  }
}
