import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { config } from '../../config/config';

/**
 * The address a request came from: the socket's, unless the socket is one of
 * the configured proxies, in which case X-Forwarded-For is read from the
 * right, past the trusted proxies, to the first address a proxy saw. Anything
 * further left was written by the client and is ignored, so rotating the
 * header buys an attacker nothing.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | undefined, trustedProxies: readonly string[]): string {
  const trusted = new Set(trustedProxies.map(normalize));
  let address = normalize(socketAddress);
  if (!forwardedFor) return address;
  const hops = forwardedFor.split(',').map((h) => normalize(h.trim())).filter(Boolean);
  while (trusted.has(address) && hops.length) address = hops.pop()!;
  return address;
}

// ::ffff:10.0.0.1 (an IPv4 client on a dual-stack socket) and 10.0.0.1 are one address.
const normalize = (a: string) => a.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/** clientAddress for a request to this server. */
export function requestAddress(c: Context): string {
  let socket = 'unknown';
  try {
    socket = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket (an in-process app.request in a unit test).
  }
  return clientAddress(socket, c.req.header('X-Forwarded-For'), config.TRUSTED_PROXIES);
}
