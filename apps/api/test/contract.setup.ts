import { takeContractViolations } from './contract.js';

/*
 * Loaded by jest (setupFilesAfterEnv) into every API test file: a test during which the API gave an answer the
 * OpenAPI document does not describe fails, naming the request and what differs (see contract.ts).
 */
function failOnViolations(when: string) {
  const violations = takeContractViolations();
  if (violations.length) {
    throw new Error(`${violations.length} answer(s) ${when} violated the OpenAPI document:\n  ${violations.join('\n  ')}`);
  }
}

afterEach(() => failOnViolations('during this test (or the hooks before it)'));
afterAll(() => failOnViolations('after the last test'));
