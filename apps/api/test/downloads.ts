import type { Test } from 'supertest';

type Parser = Extract<Parameters<Test['parse']>[0], (res: never, callback: never) => void>;

/**
 * Collects a body of any media type as text (supertest parses only JSON and text/* by itself; the exports answer
 * application/fhir+json and application/fhir+ndjson): `.buffer(true).parse(asText)`, then `res.body` is the string.
 */
export const asText: Parser = (res, done) => {
  const stream = res as unknown as NodeJS.ReadableStream & { setEncoding(encoding: string): void };
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => done(null, body));
  stream.on('error', (error: Error) => done(error, body));
};
