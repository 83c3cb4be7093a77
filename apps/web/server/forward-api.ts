import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import https from 'node:https';
import { SECURITY_HEADERS } from '../lib/security-headers';
import { instanceOf, sendProblem } from './problem';

export interface ForwardOptions {
  /** Where the API listens, seen from the dashboard's server (API_URL). */
  apiOrigin: URL;
  /** The largest request body forwarded; a larger one is answered 413 here, without reaching the API. */
  maxBodyBytes: number;
  /** How long the API may stay silent (no byte sent or received) before the request is given up with a 504. */
  idleTimeoutMs: number;
}

/** Headers that describe one connection, not the message: never passed from one hop to the next (RFC 9110 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
]);

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !listed.has(name)) out[name] = value;
  }
  return out;
}

/** The path forwarded for a request target, or null when it is not under /api/ (then it is a page of the dashboard). */
export function apiPath(url: string | undefined): string | null {
  // Only origin-form targets ("/…"); "//host/…" and absolute forms are never the API. Dot segments are resolved
  // first, as the browser and the API's router would, so "/api/../x" is not forwarded.
  if (!url?.startsWith('/') || url.startsWith('//')) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://dashboard.invalid');
  } catch {
    return null;
  }
  return parsed.pathname.startsWith('/api/') ? parsed.pathname + parsed.search : null;
}

function payloadTooLarge(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): void {
  sendProblem(res, {
    status: 413,
    code: 'payload_too_large',
    title: 'Request body too large',
    detail: `The request body is larger than ${maxBodyBytes} bytes.`,
    instance: instanceOf(req.url),
  });
}

/**
 * Forwards one /api request to the API and its answer back, both streamed: the body goes on as it arrives (never
 * held whole in memory), the answer's status, headers (Set-Cookie included) and body come back unchanged. The
 * connection-level headers are dropped, Host becomes the API's, X-Forwarded-Host keeps the one the browser used,
 * and X-Forwarded-For is passed on as main.ts completed it (with the connecting peer appended).
 *
 * The body is counted on the way through: beyond `maxBodyBytes` (declared in Content-Length, or counted in a
 * chunked body) the API request is abandoned and the client gets a 413 problem; the rest of its body is read and
 * discarded (bounded by the server's requestTimeout), so the answer reaches it instead of a reset connection.
 */
export function forwardToApi(req: IncomingMessage, res: ServerResponse, path: string, options: ForwardOptions): void {
  const { apiOrigin, maxBodyBytes, idleTimeoutMs } = options;
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared !== undefined && declared > maxBodyBytes) {
    req.resume();
    payloadTooLarge(req, res, maxBodyBytes);
    return;
  }

  const headers = withoutHopByHop(req.headers);
  delete headers.expect; // Node's server has already answered "100-continue" to the client.
  headers.host = apiOrigin.host;
  headers['x-forwarded-host'] = req.headers.host ?? '';

  const client = apiOrigin.protocol === 'https:' ? https : http;
  const upstream = client.request({
    protocol: apiOrigin.protocol,
    hostname: apiOrigin.hostname,
    port: apiOrigin.port,
    method: req.method,
    path,
    headers,
  });
  let settled = false; // an answer (the API's or our own) has started
  let abandoned = false; // we gave up on the API request ourselves

  upstream.setTimeout(idleTimeoutMs, () => {
    if (settled) return upstream.destroy();
    abandoned = true;
    upstream.destroy();
    answerError(504, 'gateway_timeout', 'The API did not answer in time', 'The API did not answer in time. Please try again.');
  });

  function answerError(status: number, code: string, title: string, detail: string, extra: Record<string, string> = {}): void {
    settled = true;
    stopForwardingBody();
    if (res.headersSent) return void res.destroy();
    sendProblem(res, { status, code, title, detail, instance: instanceOf(req.url) }, extra);
  }

  upstream.on('error', () => {
    stopForwardingBody();
    // Once the API has answered, an error here is its side closing while the body was still coming (an early answer
    // such as its own 413): the answer decides below whether it arrived whole.
    if (abandoned || settled) return;
    answerError(503, 'service_unavailable', 'Service unavailable', 'The API cannot be reached at the moment. Please try again shortly.', {
      'retry-after': '5',
    });
  });

  upstream.on('response', (answer) => {
    if (abandoned) return void answer.destroy();
    settled = true;
    const answerHeaders = withoutHopByHop(answer.headers);
    for (const { key, value } of SECURITY_HEADERS) if (answerHeaders[key.toLowerCase()] === undefined) answerHeaders[key.toLowerCase()] = value;
    res.writeHead(answer.statusCode ?? 502, answerHeaders);
    answer.pipe(res);
    // An answer that broke off midway is broken off for the client too: it must not take a part as the whole.
    answer.on('error', () => res.destroy());
    answer.on('close', () => {
      if (!answer.complete) res.destroy();
    });
  });

  // The client went away (or the server's timeout closed it) before its answer was complete: so does the API request.
  res.on('close', () => {
    if (!res.writableFinished) {
      abandoned = true;
      upstream.destroy();
    }
  });

  let received = 0;
  function onData(chunk: Buffer): void {
    received += chunk.length;
    if (received > maxBodyBytes) {
      if (settled) return stopForwardingBody(); // the API has answered already: let its answer through
      abandoned = true;
      upstream.destroy();
      stopForwardingBody();
      payloadTooLarge(req, res, maxBodyBytes);
      return;
    }
    if (!upstream.write(chunk)) req.pause();
  }
  function onDrain(): void {
    req.resume();
  }
  function onEnd(): void {
    upstream.end();
  }
  function stopForwardingBody(): void {
    req.off('data', onData);
    req.off('end', onEnd);
    upstream.off('drain', onDrain);
    req.resume(); // read and discard what is left
  }
  req.on('data', onData);
  req.on('end', onEnd);
  upstream.on('drain', onDrain);
  req.on('error', () => {
    abandoned = true;
    upstream.destroy();
  });
}
