import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApp } from './harness.js';

/* The dashboard and the patient page type every API call with the committed copy of the OpenAPI document
 * (packages/api-contract: openapi.json and the schema.d.ts generated from it). These tests fail when the copy falls
 * behind the document the API serves, so a change to a route or a DTO cannot leave the web's types stale. */

const contractDir = path.resolve(__dirname, '../../../packages/api-contract');
const HOW_TO_FIX = 'Run `npm run contract` at the repository root and commit packages/api-contract.';

/** Up to `max` JSON paths where two documents differ, for the failure message. */
function differences(committed: unknown, live: unknown, at = '$', found: string[] = [], max = 10): string[] {
  if (found.length >= max) return found;
  if (typeof committed !== 'object' || typeof live !== 'object' || committed === null || live === null || Array.isArray(committed) !== Array.isArray(live)) {
    if (JSON.stringify(committed) !== JSON.stringify(live)) found.push(at);
    return found;
  }
  const a = committed as Record<string, unknown>;
  const b = live as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(key in a)) found.push(`${at}.${key} (not in the committed file)`);
    else if (!(key in b)) found.push(`${at}.${key} (no longer served)`);
    else differences(a[key], b[key], `${at}.${key}`, found, max);
    if (found.length >= max) break;
  }
  return found;
}

describe('the committed API contract (packages/api-contract)', () => {
  let app: NestFastifyApplication;
  let live: unknown;

  beforeAll(async () => {
    app = await startApp();
    live = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => app?.close());

  it('openapi.json is the document the API serves at /api/docs-json', () => {
    const committed = readFileSync(path.join(contractDir, 'openapi.json'), 'utf8');
    // The form scripts/openapi.mjs writes: two-space JSON and a final newline.
    if (committed !== `${JSON.stringify(live, null, 2)}\n`) {
      const where = differences(JSON.parse(committed), live);
      throw new Error(
        `packages/api-contract/openapi.json differs from the served document${where.length ? ` at ${where.join(', ')}` : ' (formatting only)'}. ${HOW_TO_FIX}`,
      );
    }
  });

  it('schema.d.ts was generated from the committed openapi.json', () => {
    const digest = createHash('sha256')
      .update(readFileSync(path.join(contractDir, 'openapi.json')))
      .digest('hex');
    const types = readFileSync(path.join(contractDir, 'schema.d.ts'), 'utf8');
    if (!types.includes(`from openapi.json (sha256 ${digest})`))
      throw new Error(`packages/api-contract/schema.d.ts was not generated from the committed openapi.json. ${HOW_TO_FIX}`);
  });
});
