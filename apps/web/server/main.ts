/**
 * The dashboard's HTTP server: `node apps/web/dist/server/main.js [-p PORT] [-H HOST]` in place of `next start`
 * (`npm start`, `npm test` and the Docker image all start it; the build compiles it with tsconfig.server.json).
 *
 * Next.js renders every page, but some jobs need the connection itself, which Next gives neither proxy.ts nor
 * route handlers (NextRequest has no client address; the X-Forwarded-For they see is whatever the client sent):
 *   - the client's address: X-Forwarded-For gets the TCP peer appended on arrival (client-address.ts), so the API,
 *     which trusts the last TRUST_PROXY_HOPS entries, can never be handed an address the client chose;
 *   - /api/* is forwarded to the API here (forward-api.ts), streamed both ways with a body limit, instead of
 *     through Next's rewrite proxy, which holds the whole body in memory first and answers a bare 500 beyond 10 MB;
 *   - time limits on receiving a request: Node's defaults keep a dripped body open for 5 minutes and `next start`
 *     offers no setting for them.
 */
import { appDir } from './environment'; // first: before Next.js loads
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import next from 'next';
import { apiOrigin } from '../lib/api-origin';
import { appendPeerToForwardedFor } from './client-address';
import { apiPath, forwardToApi } from './forward-api';
import { instanceOf, sendProblem, sendProblemOnSocket } from './problem';

/** All request headers must arrive within this time of the connection's first byte of a request. */
const HEADERS_TIMEOUT_MS = 10_000;
/** ... and the whole request, body included (the largest body is a 5 MiB import file). Answers may take longer. */
const REQUEST_TIMEOUT_MS = 30_000;
/** The largest request body forwarded to the API: the API's own limit for JSON bodies (its bodyLimit, 1 MiB) ... */
const MAX_API_BODY_BYTES = 1024 * 1024;
/** ... and for the one route that takes a file, the patient import's CSV (its own limit in the API, 5 MiB). */
const MAX_IMPORT_BODY_BYTES = 5 * 1024 * 1024;
const maxBodyBytesFor = (path: string) => (/^\/api\/imports\/patients(\?|$)/.test(path) ? MAX_IMPORT_BODY_BYTES : MAX_API_BODY_BYTES);
/** How long the API may stay silent on a forwarded request (Next's rewrite proxy allowed 30 seconds too). */
const API_IDLE_TIMEOUT_MS = 30_000;
/** Requests still running at SIGTERM get this long to finish. */
const SHUTDOWN_GRACE_MS = 8_000;

const { values: args } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  strict: true,
});
const port = Number(args.port ?? process.env.PORT ?? 3000);
const hostname = args.hostname ?? process.env.HOSTNAME ?? '127.0.0.1';
const api = new URL(apiOrigin());

async function main(): Promise<void> {
  const app = next({ dir: appDir, dev: false, hostname, port });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 }, (req, res) => {
    if (!appendPeerToForwardedFor(req)) return void res.destroy(); // the connection is already gone
    const forwardPath = apiPath(req.url);
    if (forwardPath)
      return forwardToApi(req, res, forwardPath, { apiOrigin: api, maxBodyBytes: maxBodyBytesFor(forwardPath), idleTimeoutMs: API_IDLE_TIMEOUT_MS });
    handleWithNext(req, res).catch((error: unknown) => {
      console.error(`Failed to handle ${req.method} ${instanceOf(req.url)}`, error);
      if (!res.headersSent)
        sendProblem(res, {
          status: 500,
          code: 'internal_error',
          title: 'Something went wrong on our side',
          detail: 'Something went wrong on our side',
          instance: instanceOf(req.url),
        });
      else res.destroy();
    });
  });

  // Requests Node rejects before they reach the handler above, or that took too long to arrive: a problem answer
  // in place of Node's bare status line, then the connection is closed.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) return void socket.destroy();
    const instance = instanceOf(pending?.req?.url);
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      sendProblemOnSocket(socket, {
        status: 408,
        code: 'request_timeout',
        title: 'Request timeout',
        detail: `The request did not arrive completely within ${REQUEST_TIMEOUT_MS / 1000} seconds.`,
        instance,
      });
    } else if (error.code === 'HPE_HEADER_OVERFLOW') {
      sendProblemOnSocket(socket, {
        status: 431,
        code: 'headers_too_large',
        title: 'Request headers too large',
        detail: 'The request headers are too large.',
        instance,
      });
    } else {
      sendProblemOnSocket(socket, {
        status: 400,
        code: 'bad_request',
        title: 'The request could not be understood',
        detail: 'The request is not valid HTTP.',
        instance,
      });
    }
    setTimeout(() => socket.destroy(), 1_000).unref();
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    // Stop accepting, let running requests finish (idle keep-alive connections are closed at once), then leave.
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => {
      console.error(`Dashboard: requests still running ${SHUTDOWN_GRACE_MS / 1000} s after ${signal}; closing them.`);
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  console.log(`Dashboard listening on http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}, forwarding /api/* to ${api.origin}`);
}

main().catch((error: unknown) => {
  console.error('The dashboard could not start:', error);
  process.exit(1);
});
