import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '../src/config/app-config.js';
import { MATRIX } from './access-rules.js';
import { createTestApp, databaseUrl } from './harness.js';

/* The OpenAPI document at /api/docs-json is the contract the dashboard, the patient page and integrators read:
 * these tests hold it to every route the application registers, with bodies, errors and examples. */

type Schema = {
  $ref?: string;
  type?: string | string[];
  example?: unknown;
  examples?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
};
type Response = { description?: string; content?: Record<string, { schema?: Schema; example?: unknown }> };
type Operation = {
  summary?: string;
  responses: Record<string, Response>;
  requestBody?: { content: Record<string, { schema?: Schema; example?: unknown }> };
  security?: unknown[];
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const isDocsRoute = (url: string) =>
  url === '/api/docs' || url.startsWith('/api/docs/') || url.startsWith('/api/docs-json') || url.startsWith('/api/docs-yaml');

describe('the OpenAPI document', () => {
  let app: NestFastifyApplication;
  let doc: Doc;
  const routes: { method: string; url: string }[] = [];

  beforeAll(async () => {
    app = await createTestApp(loadConfig({ DATABASE_URL: databaseUrl(), NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { logger: false });
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        for (const method of ([] as string[]).concat(route.method)) if (method !== 'HEAD' && !isDocsRoute(route.url)) routes.push({ method, url: route.url });
      });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    doc = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => app?.close());

  /** Every registered route with its documented operation. */
  function operations(): { key: string; operation: Operation | undefined }[] {
    return routes.map(({ method, url }) => ({
      key: `${method} ${url}`,
      operation: doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()],
    }));
  }

  function resolve(schema: Schema): Schema {
    return schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
  }

  /** Paths (`phases[].exercises[].sets`) of the properties that have no example, following nested schemas. */
  function withoutExample(schema: Schema, path: string, seen = new Set<string>()): string[] {
    if (schema.$ref) {
      if (seen.has(schema.$ref)) return [];
      return withoutExample(resolve(schema), path, new Set(seen).add(schema.$ref));
    }
    if (schema.example !== undefined || schema.examples !== undefined) return [];
    if (schema.allOf?.length === 1) return withoutExample(schema.allOf[0], path, seen);
    // A nullable reference (OpenAPI 3.1): `oneOf: [{ $ref }, { type: 'null' }]`.
    const nonNull = schema.oneOf?.filter((s) => s.type !== 'null');
    if (nonNull?.length === 1) return withoutExample(nonNull[0], path, seen);
    if ([schema.type].flat().includes('array') && schema.items) return withoutExample(schema.items, `${path}[]`, seen);
    if (schema.properties) {
      return Object.entries(schema.properties).flatMap(([name, property]) => withoutExample(property, path ? `${path}.${name}` : name, seen));
    }
    return [path || '(body)'];
  }

  it('documents every route the application registers, and nothing else', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(
      operations()
        .filter((o) => !o.operation)
        .map((o) => o.key),
    ).toEqual([]);
    const registered = new Set(routes.map((r) => `${r.method.toLowerCase()} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(documented.filter((d) => !registered.has(d))).toEqual([]);
  });

  it('gives every route a summary and a success answer with its schema', () => {
    const problems: string[] = [];
    for (const { key, operation } of operations()) {
      if (!operation) continue;
      if (!operation.summary) problems.push(`${key}: no summary`);
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      if (success.length === 0) problems.push(`${key}: no 2xx answer`);
      for (const [status, response] of success) {
        // JSON (application/json, or FHIR's application/fhir+json), or a file such as an iCalendar (text/calendar), a CSV
        // or FHIR NDJSON documented as a string.
        const content = response.content ?? {};
        const schema = ['application/json', 'application/fhir+json', 'text/calendar', 'text/csv', 'application/fhir+ndjson']
          .map((type) => content[type]?.schema)
          .find(Boolean);
        if (status !== '204' && !schema) problems.push(`${key}: ${status} has no schema`);
        // An example alone is no schema: it lets any answer through.
        else if (schema && !schema.$ref && !schema.type) problems.push(`${key}: ${status} has a schema without a type`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the errors each route can answer, as problem+json with an example', () => {
    const problems: string[] = [];
    for (const { key, operation } of operations()) {
      if (!operation) continue;
      const rule = MATRIX[key];
      const statuses = Object.keys(operation.responses);
      if (rule !== 'public' && !statuses.includes('401')) problems.push(`${key}: needs a session but documents no 401`);
      if ((rule === 'clinical' || rule === 'clinician' || rule === 'admin') && !statuses.includes('403'))
        problems.push(`${key}: refuses some roles but documents no 403`);
      if (operation.requestBody && !statuses.includes('400')) problems.push(`${key}: takes a body but documents no 400`);
      if (/\{\w+\}/.test(key.replace(/:(\w+)/g, '{$1}')) && !statuses.includes('404') && rule !== 'portal')
        problems.push(`${key}: has an id but documents no 404`);
      // The health check answers monitors in its own small shape ({ status, db }), also when it fails.
      for (const status of statuses.filter((s) => Number(s) >= 400 && key !== 'GET /api/health')) {
        const content = operation.responses[status].content?.['application/problem+json'];
        if (content?.schema?.$ref !== '#/components/schemas/Problem') problems.push(`${key}: ${status} is not a problem document`);
        const example = content?.example as { status?: number; code?: string } | undefined;
        if (example?.status !== Number(status) || !example.code) problems.push(`${key}: ${status} has no matching example`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('says which routes need no session (security: []), exactly the public ones of the authorization matrix', () => {
    const problems: string[] = [];
    for (const { key, operation } of operations()) {
      if (!operation) continue;
      const isPublic = MATRIX[key] === 'public';
      if (!Array.isArray(operation.security)) problems.push(`${key}: no security requirement`);
      else if (isPublic !== (operation.security.length === 0)) problems.push(`${key}: ${MATRIX[key]} but security ${JSON.stringify(operation.security)}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives an example for every field of every request body', () => {
    const problems: string[] = [];
    for (const { key, operation } of operations()) {
      const body = operation?.requestBody?.content['application/json'];
      if (!body?.schema || body.example !== undefined) continue;
      const missing = withoutExample(body.schema, '');
      // A body with no fields at all (actions such as archive) needs no example.
      if (missing.length && missing[0] !== '(body)') problems.push(`${key}: ${missing.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('passes Redocly lint (the recommended rules) with no error and no warning', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'upright-openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc, null, 2)); // one line per field: Redocly's line numbers point somewhere
      if (process.env.OPENAPI_DUMP) writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
      // The CLI binary itself, as a developer or CI would run it; the repository's redocly.yaml (if any) is not read
      // from a temp dir, so the recommended ruleset is named explicitly.
      const cli = require.resolve('@redocly/cli/bin/cli.js');
      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [cli, 'lint', '--extends=recommended', '--format=stylish', '--max-problems=1000', file],
          { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
      const output = `${stdout}\n${stderr}`;
      // Every problem Redocly finds is one line of the stylish format: `file:line:col  error|warning  rule  message`.
      const problems = output.split('\n').filter((line) => /\b(error|warning)\b/.test(line) && /\d+:\d+/.test(line));
      expect(problems).toEqual([]);
      expect(output).toMatch(/Woohoo! Your API description is valid/);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('describes the problem document itself', () => {
    const problem = doc.components.schemas.Problem;
    expect(Object.keys(problem.properties ?? {})).toEqual(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'noteId', 'advice']);
    expect(problem.properties?.errors.items?.$ref).toBe('#/components/schemas/FieldError');
  });
});
