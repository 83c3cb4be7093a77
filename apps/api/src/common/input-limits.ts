import { AppError, FieldError } from './app-error.js';

/**
 * Limits every request's input meets before any validation, transform or database work runs, so that no single
 * request can hold the event loop (a 100,000-item list checked for duplicates pair by pair), overflow the stack
 * (JSON nested thousands deep), or reach PostgreSQL with text it refuses (NUL characters, lone surrogates).
 * Per-field limits (ArrayMaxSize, MaxLength) stay in the DTOs and are lower; these are the outer walls.
 */
export const INPUT_LIMITS = {
  /** Nesting of objects and arrays. The deepest real body (a plan's phases of exercises) is 5. */
  maxDepth: 16,
  /** Items in any one list. The longest real list (a plan's exercises across phases) is far shorter. */
  maxArrayItems: 500,
  /** Values (objects, lists, strings, numbers) in a whole body. */
  maxNodes: 20_000,
  /** Characters in any one string (the longest text field allows 4,000). */
  maxStringLength: 20_000,
} as const;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.length > INPUT_LIMITS.maxStringLength) return `is longer than ${INPUT_LIMITS.maxStringLength} characters`;
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return null;
}

const fieldPath = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * Walks a parsed JSON value without recursion and lists what breaks the limits (at most 20 entries). Stops at the
 * first structural excess (depth, list size, node count): past it the rest would only cost time.
 */
export function inspectInput(root: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length && errors.length < 20) {
    const { value, path, depth } = stack.pop()!;
    if (++nodes > INPUT_LIMITS.maxNodes) {
      errors.push({ field: 'body', message: `has more than ${INPUT_LIMITS.maxNodes} values` });
      break;
    }
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) errors.push({ field: path || 'body', message: problem });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= INPUT_LIMITS.maxDepth) {
      errors.push({ field: path || 'body', message: `is nested more than ${INPUT_LIMITS.maxDepth} levels deep` });
      break;
    }
    if (Array.isArray(value)) {
      if (value.length > INPUT_LIMITS.maxArrayItems) {
        errors.push({ field: path || 'body', message: `has more than ${INPUT_LIMITS.maxArrayItems} items` });
        break;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: fieldPath(path, i), depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) {
        errors.push({ field: path || 'body', message: `has a field name that ${keyProblem}` });
        continue;
      }
      stack.push({ value: child, path: fieldPath(path, key), depth: depth + 1 });
    }
  }
  return errors;
}

export function assertInput(value: unknown): void {
  const errors = inspectInput(value);
  if (errors.length) throw AppError.fields(errors);
}

/**
 * The JSON body parser: JSON.parse (native, iterative, fast even for large bodies within the size limit), then the
 * limits above. A body that is not JSON is a 400 naming it; an empty body is no body.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON.', [{ field: 'body', message: 'is not valid JSON' }]);
  }
  assertInput(value);
  return value;
}
