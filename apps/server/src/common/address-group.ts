import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The key the per-address limits count by: an IPv4 address as it is (an IPv4-mapped IPv6 address
 * as its IPv4), an IPv6 address by its /64, the network one subscriber gets (rotating through the
 * addresses of one /64 must not buy fresh limits).
 */
export function addressGroup(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!isIPv6(a)) return a;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = a.includes('::') && tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** Express's compiled `trust proxy` setting: whether the hop `i` from the server, at `address`, is a proxy of ours. */
export type TrustProxy = (address: string, i: number) => boolean;

/**
 * The client's address of a raw request (a Socket.IO handshake), as Express's `req.ip` finds it:
 * the connection's address, or walking X-Forwarded-For back while each hop is a trusted proxy.
 */
export function requestAddress(req: IncomingMessage, trust: TrustProxy): string {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .reverse();
  const hops = [req.socket.remoteAddress ?? '', ...forwarded];
  let i = 0;
  while (i < hops.length - 1 && trust(hops[i]!, i)) i++;
  return hops[i]!;
}

/**
 * Who made something, as stored for the quotas: a hash of the address's group, so the database
 * never holds an address (and the same group always gives the same key).
 */
export function creatorKey(group: string): string {
  return createHash('sha256').update(`slimste-creator:${group}`).digest('hex').slice(0, 32);
}
