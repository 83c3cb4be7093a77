import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MATRIX } from './access-rules.js';

/*
 * Every answer the API tests receive is checked against the OpenAPI document the application serves
 * (/api/docs-json): its status must be documented for the route, its content type among the documented ones, and
 * its body valid against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 says). A violation is recorded
 * here; contract.setup.ts fails the test during which it happened.
 *
 * A streamed answer (an export's download) is checked for its status and documented media type only: its body is
 * never held here.
 *
 * Skipped, explicitly: answers of routes that are not the application's (the documentation routes themselves, the
 * probe routes some tests mount through extraModules), i.e. every route the authorization matrix does not list;
 * and answers given before any route matched (Fastify's own 404 for an unknown path, router errors).
 */

type Schema = Record<string, unknown>;
type Media = { schema?: Schema };
type Response = { content?: Record<string, Media> };
type Operation = { responses?: Record<string, Response> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const violations: string[] = [];

/** The violations recorded since the last call (and forgets them). */
export function takeContractViolations(): string[] {
  return violations.splice(0);
}

const DOCUMENT_ID = 'upright-openapi.json';

/** Compiles the schemas of one document lazily, one validator per (operation, status, media type). */
class ContractValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: Document) {
    addFormats(this.ajv);
    // The components, under an id, so every `#/components/...` reference resolves against them.
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: closed(document.components ?? {}) });
  }

  check(method: string, route: string, status: number, contentType: string | undefined, payload: unknown): string | undefined {
    const path = route.replace(/:(\w+)/g, '{$1}');
    const operation = this.document.paths[path]?.[method === 'HEAD' ? 'get' : method.toLowerCase()];
    if (!operation) return `${method} ${path} is not in the document`;
    const responses = operation.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) return `status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`;
    const content = responses[key].content;
    const body = bodyText(payload);
    const type = contentType?.split(';')[0].trim().toLowerCase();
    if (body === undefined) {
      // A stream (an export's download): its media type must be documented for the status, as a file (a string
      // schema); a JSON document is never streamed, since its body could not be checked here.
      if (!content || Object.keys(content).length === 0) return `status ${status} documents no body, but a stream was sent`;
      if (!type || !content[type]) return `content type ${type ?? '(none)'} is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`;
      if (isJsonType(type)) return `${status} ${type}: a JSON answer was streamed`;
      return (content[type].schema as { type?: string } | undefined)?.type === 'string' ? undefined : `${status} ${type} should document a string schema`;
    }
    if (!content || Object.keys(content).length === 0) return body.length ? `status ${status} documents no body, but one was sent: ${clip(body)}` : undefined;
    if (method === 'HEAD') return undefined;
    if (!type || !content[type]) return `content type ${type ?? '(none)'} is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`;
    const schema = content[type].schema;
    if (!schema) return `${status} ${type} has no schema`;
    // A file (an iCalendar, a CSV, FHIR NDJSON) is checked for its documented type above; only JSON bodies
    // (application/json, application/problem+json, application/fhir+json) have a schema to meet.
    if (!isJsonType(type)) return (schema as { type?: string }).type === 'string' ? undefined : `${status} ${type} should document a string schema`;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return `${status} ${type}: the body is not JSON: ${clip(body)}`;
    }
    const cacheKey = `${method} ${path} ${key} ${type}`;
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(withAbsoluteRefs(schema));
      this.compiled.set(cacheKey, validate);
    }
    if (validate(value)) return undefined;
    const errors = (validate.errors ?? []).map((e) => {
      const params = e.params as { allowedValues?: unknown; unevaluatedProperty?: string; missingProperty?: string };
      const which = params.unevaluatedProperty ?? params.missingProperty;
      return `${e.instancePath || '(body)'} ${e.message}${which ? ` (${which})` : ''}${params.allowedValues ? ` ${JSON.stringify(params.allowedValues)}` : ''}`;
    });
    return `${status} ${type} does not match the schema: ${[...new Set(errors)].slice(0, 8).join('; ')}; body: ${clip(body)}`;
  }
}

/** A response schema with its `#/components/...` references made absolute (it is compiled on its own). */
function withAbsoluteRefs(node: unknown): Schema {
  const copy: unknown = JSON.parse(JSON.stringify(node), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${DOCUMENT_ID}${value}` : value,
  );
  return closed(copy as Schema);
}

/**
 * The schemas, with every object that lists its properties closed to others (`unevaluatedProperties: false`, unless
 * it says otherwise): a field the document does not name is drift too. Only the tests' copy is closed; the document
 * leaves clients free to ignore fields added later.
 */
function closed<T>(node: T): T {
  if (Array.isArray(node)) return node.map(closed) as T;
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = key === 'example' || key === 'examples' ? value : closed(value);
  if (copy.properties && copy.additionalProperties === undefined && copy.unevaluatedProperties === undefined) copy.unevaluatedProperties = false;
  return copy as T;
}

/** A JSON media type: application/json or a structured-syntax `+json` one (RFC 6839); `+ndjson` is lines of JSON, not JSON. */
const isJsonType = (type: string) => /^application\/(?:[\w.-]+\+)?json$/.test(type);

function bodyText(payload: unknown): string | undefined {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined;
}

const clip = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}…` : text);

/**
 * Checks every answer of this application against its own OpenAPI document. Call before `app.init()` (Fastify
 * takes hooks only before it is ready); the document is read from /api/docs-json at the first answer to check.
 */
export function checkAnswersAgainstDocument(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  let validator: Promise<ContractValidator> | undefined;
  const load = async () => {
    const response = await fastify.inject({ method: 'GET', url: '/api/docs-json' });
    if (response.statusCode !== 200) throw new Error(`The OpenAPI document did not load: ${response.statusCode}`);
    return new ContractValidator(response.json<Document>());
  };
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const route = request.routeOptions.url;
    if (!route) return payload; // no route matched
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (!(`${method} ${route}` in MATRIX)) return payload; // not an application route (docs, test probes)
    try {
      const problem = (await (validator ??= load())).check(request.method, route, reply.statusCode, headerText(reply.getHeader('content-type')), payload);
      if (problem) violations.push(`${request.method} ${request.url} (${method} ${route}): ${problem}`);
    } catch (error) {
      violations.push(`${request.method} ${request.url}: the contract check failed: ${(error as Error).stack}`);
    }
    return payload;
  });
}

function headerText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.join(', ');
  if (value === undefined) return undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
