import type { IncomingMessage } from 'node:http';

/** The TCP peer as one address: an IPv4 peer of a dual-stack socket (`::ffff:192.0.2.1`) in its IPv4 form. */
export function peerAddress(req: IncomingMessage): string | undefined {
  const address = req.socket.remoteAddress;
  return address?.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/**
 * Appends the connecting peer to whatever X-Forwarded-For arrived, in place, before anything else reads the request.
 *
 * The dashboard is one proxy hop in front of the API, so the last entry, the one the API reads with its default
 * TRUST_PROXY_HOPS=1, is always the address that really connected to the dashboard: a browser can still send its
 * own X-Forwarded-For, but that only adds entries to the left, which the API does not trust. A reverse proxy in
 * front of the dashboard that appends the client's address makes the client the second entry from the right: the
 * API then needs TRUST_PROXY_HOPS=2 (one per proxy, the dashboard included). The header is appended to, never
 * replaced, so the count of hops is the same whatever stands in front.
 *
 * Everything downstream sees the completed header: the /api forwarding passes it on, and the server components'
 * own calls to the API (lib/api-origin.ts) send it along, so reads they make are recorded with the visitor's
 * address rather than the dashboard's.
 */
export function appendPeerToForwardedFor(req: IncomingMessage): string | undefined {
  const peer = peerAddress(req);
  if (!peer) return undefined;
  const header = req.headers['x-forwarded-for'];
  const arrived = (Array.isArray(header) ? header.join(', ') : header)?.trim();
  const chain = arrived ? `${arrived}, ${peer}` : peer;
  req.headers['x-forwarded-for'] = chain;
  return chain;
}
