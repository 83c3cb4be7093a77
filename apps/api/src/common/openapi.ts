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
      field: { type: 'string', description: 'The bad field, as a path into the body (`phases[0].exercises[1].sets`) or a query/header name', example: 'dateOfBirth' },
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

/**
 * Completes the generated OpenAPI document with what decorators cannot say once for all routes: every error
 * answer is a problem+json document (schema and example), and every route that needs a session documents 401.
 */
export function documentErrors(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(PROBLEM_SCHEMAS as object) } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const responses: Responses = operation.responses ?? (operation.responses = {});
      if (operation.security?.length && !responses['401']) {
        responses['401'] = { description: 'Not signed in, or the session has ended' };
      }
      for (const [status, response] of Object.entries(responses)) {
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
  return document;
}
