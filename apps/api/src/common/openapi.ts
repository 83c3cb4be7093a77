import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_TITLES, type ErrorCode } from './app-error.js';
import { codeForStatus, problemType, type Problem } from './problem.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The problem document every error answer carries, as an OpenAPI schema. */
const PROBLEM_SCHEMAS = {
  FieldError: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: {
        type: 'string',
        description: 'The bad field, as a path into the body (`phases[0].exercises[1].sets`) or a query/header name',
        example: 'dateOfBirth',
      },
      message: { type: 'string', description: 'What is wrong with it, in words a user can act on', example: 'must be a date (YYYY-MM-DD)' },
    },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details, served as application/problem+json.',
    required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
    properties: {
      type: { type: 'string', format: 'uri', example: problemType('validation_failed') },
      title: { type: 'string', example: ERROR_TITLES.validation_failed },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', example: '1 field is not valid: dateOfBirth' },
      instance: { type: 'string', description: 'The request path', example: '/api/patients' },
      code: { type: 'string', description: 'Stable machine-readable error code', example: 'validation_failed' },
      errors: { type: 'array', description: 'Every bad field (validation errors only)', items: { $ref: '#/components/schemas/FieldError' } },
      noteId: {
        type: 'string',
        format: 'uuid',
        description: '`note_exists` only: the visit note the appointment already has (open it instead of creating another)',
      },
      advice: {
        type: 'string',
        enum: ['progress', 'hold', 'regress', 'review', 'maintain'],
        description: '`advice_changed` only: the progression advice as it is now (reload the progression before applying)',
      },
    },
  },
} as const;

function exampleProblem(status: number, instance: string, field: string): Problem {
  const code: ErrorCode = codeForStatus(status);
  const problem: Problem = { type: problemType(code), title: ERROR_TITLES[code], status, detail: ERROR_TITLES[code], instance, code };
  if (status === 400) {
    return {
      ...problem,
      type: problemType('validation_failed'),
      title: ERROR_TITLES.validation_failed,
      code: 'validation_failed',
      detail: `1 field is not valid: ${field}`,
      errors: [{ field, message: 'is missing or not in the documented form' }],
    };
  }
  return problem;
}

/** The first field of the body, else the first parameter: the field a 400 example names. */
function firstInput(document: OpenAPIObject, operation: Operation): string {
  const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content['application/json']?.schema : undefined;
  const ref = body && '$ref' in body ? body.$ref.split('/').pop() : undefined;
  const schema = ref ? document.components?.schemas?.[ref] : undefined;
  const bodyField = schema && 'properties' in schema ? Object.keys(schema.properties ?? {})[0] : undefined;
  const parameter = operation.parameters?.find((p) => 'name' in p);
  return bodyField ?? (parameter && 'name' in parameter ? parameter.name : 'body');
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * OpenAPI 3.0's `nullable` (what @nestjs/swagger writes) as OpenAPI 3.1 / JSON Schema 2020-12 says it:
 * `type: ['string', 'null']` (and `null` among the values of an enum), and for a nullable reference to another
 * schema `oneOf: [{ $ref }, { type: 'null' }]` (3.0's `nullable` beside `allOf` never let a real null through).
 * Walks every schema of the document, in place.
 */
function nullableTo31(node: unknown, where: string): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => nullableTo31(child, `${where}[${index}]`));
    return;
  }
  if (!isObject(node)) return;
  if (node.nullable === true) {
    delete node.nullable;
    const allOf = node.allOf;
    if (Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0]) && typeof allOf[0].$ref === 'string') {
      // @nestjs/swagger writes `type: 'object'` beside the allOf of a nullable reference.
      delete node.type;
      delete node.allOf;
      node.oneOf = [{ $ref: allOf[0].$ref }, { type: 'null' }];
    } else if (typeof node.type === 'string') {
      node.type = [node.type, 'null'];
      const values: unknown = node.enum;
      if (Array.isArray(values) && !values.includes(null)) node.enum = [...(values as unknown[]), null];
    } else {
      // A nullable property without a type (TypeScript's `string | null` reflects as Object): say its type.
      throw new Error(`OpenAPI: ${where} is nullable but has no type; give its @ApiProperty a type`);
    }
  } else if (node.nullable === false) {
    delete node.nullable;
  }
  for (const [key, child] of Object.entries(node)) {
    // `example`s are values, not schemas.
    if (key !== 'example' && key !== 'examples') nullableTo31(child, `${where}/${key}`);
  }
}

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

/**
 * The answers every route can give whatever its controller does, from the checks in app.factory.ts and the
 * interceptors that apply to all routes (added where the controller did not already document the status).
 */
function documentCommonAnswers(method: (typeof METHODS)[number], operation: Operation, signedIn: boolean): void {
  const responses = operation.responses;
  const add = (status: string, description: string, extra: object = {}) => {
    responses[status] ??= { description, ...extra };
  };
  // app.factory.ts: every query string meets the input limits (no NUL, valid Unicode, bounded lists).
  add('400', 'The query string (or body) breaks the input limits every route applies: a NUL character, invalid Unicode, an oversized list');
  if (STATE_CHANGING.has(method)) {
    // cross-site.ts and the body parser, for every state-changing request.
    add('403', 'Refused as a cross-site request (Sec-Fetch-Site or Origin names another site)');
    add('413', 'The body is larger than 1 MiB');
    add('415', 'The body is not application/json');
  }
  if (method === 'post' && signedIn) {
    // idempotency.interceptor.ts: every POST of a signed-in caller takes an optional Idempotency-Key.
    operation.parameters = [
      ...(operation.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Retry-safe POST: a retry with the same key within 24 hours gets the first answer again (with `Idempotent-Replayed: true`), and nothing is done twice',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,200}$', example: 'c0ffee00-visit-2026-12-07' },
      },
    ];
    add('409', 'A request with this Idempotency-Key is still being processed');
    add('422', 'This Idempotency-Key was already used for a different request');
  }
  // problem.ts: a database that is down, refused or overloaded answers 503 with Retry-After (the health check has its own).
  add('503', 'The database is unavailable; try again after Retry-After seconds', {
    headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1, example: 2 } } },
  });
}

/**
 * Completes the generated OpenAPI document with what decorators cannot say once for all routes: every error
 * answer is a problem+json document (schema and example), and every route that needs a session documents 401;
 * routes without a session say so (`security: []`); actions that take no body document none; and the document is
 * OpenAPI 3.1 (see nullableTo31).
 */
export function documentErrors(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(PROBLEM_SCHEMAS as object) } };
  // Actions such as archive take `@Body() NoBodyDto` only to refuse a body with fields: clients send none.
  delete document.components.schemas?.NoBodyDto;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content['application/json']?.schema : undefined;
      if (body && '$ref' in body && body.$ref === '#/components/schemas/NoBodyDto') delete operation.requestBody;
      // Routes that need no session (@Public) are the ones the controllers give no security requirement.
      operation.security ??= [];
      const responses: Responses = operation.responses ?? (operation.responses = {});
      const signedIn = operation.security.length > 0;
      if (signedIn && !responses['401']) {
        responses['401'] = { description: 'Not signed in, or the session has ended' };
      }
      documentCommonAnswers(method, operation, signedIn);
      operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || !response || '$ref' in response) continue;
        response.content ??= {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/Problem' },
            example: exampleProblem(Number(status), path.replace(/\{(\w+)\}/g, ':$1'), firstInput(document, operation)),
          },
        };
      }
    }
  }
  document.openapi = '3.1.0';
  nullableTo31(document.components.schemas, '#/components/schemas');
  nullableTo31(document.paths, '#/paths');
  return document;
}
