import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { SECURITY_HEADERS } from '../lib/security-headers';

/**
 * The answers the dashboard's server gives itself on /api (the forwarding's own errors) and to broken requests:
 * RFC 9457 problem+json in the API's shape (apps/api/src/common/problem.ts: type, title, status, detail, instance,
 * code) and, like every API answer, never cached.
 */
export interface DashboardProblem {
  status: number;
  code: string;
  title: string;
  detail: string;
  /** The request path, without its query. */
  instance: string;
}

function problemBody(problem: DashboardProblem): string {
  const { status, code, title, detail, instance } = problem;
  return JSON.stringify({ type: `https://upright.example/problems/${code.replace(/_/g, '-')}`, title, status, detail, instance, code });
}

/** The path part of a request target, for `instance` (never the query, which may hold search terms). */
export function instanceOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0];
}

export function sendProblem(res: ServerResponse, problem: DashboardProblem, headers: Record<string, string> = {}): void {
  const body = problemBody(problem);
  res.writeHead(problem.status, {
    ...Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value])),
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/**
 * Answers a request Node's HTTP parser rejected, or one that took too long to arrive (headers or body), on the
 * raw socket, then closes the connection: there is no request object to answer through.
 */
export function sendProblemOnSocket(socket: Socket, problem: DashboardProblem): void {
  const body = problemBody(problem);
  const head = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
    'Content-Type: application/problem+json',
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
