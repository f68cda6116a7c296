import type { NetworkInterfaceInfo } from 'node:os';
import type { JoinAddress } from '@slimste/protocol';

/** Names that only ever mean this machine: a phone that opens them reaches itself. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    h === '0.0.0.0' ||
    h === '::' ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    /^::ffff:127\./.test(h)
  );
}

/** Virtual interfaces (containers, VMs, tunnels) whose addresses phones on the Wi-Fi cannot reach. */
const VIRTUAL = /^(docker|br-|veth|virbr|vboxnet|vmnet|cni|flannel|tun|tap|utun|zt|tailscale|wg)/i;

/** Home and office networks first (192.168/16, 10/8, 172.16/12), then any other address. */
function rank(address: string): number {
  if (address.startsWith('192.168.')) return 0;
  if (address.startsWith('10.')) return 1;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(address)) return 2;
  return 3;
}

/** This machine's IPv4 addresses a phone on the same network might open, best first. */
export function networkAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const found: string[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    if (VIRTUAL.test(name)) continue;
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || info.address.startsWith('169.254.')) continue;
      if (!found.includes(info.address)) found.push(info.address);
    }
  }
  return found.sort((a, b) => rank(a) - rank(b));
}

/**
 * The address phones should open to join: PUBLIC_URL when set (a server behind a proxy knows no
 * better); else the address the page was opened at, unless that names this machine only
 * (localhost): then this machine's address on the local network, with the same port.
 */
export function joinAddress(input: {
  publicUrl: string | null;
  /** `http://localhost:3000`: the protocol and Host of the request. */
  requestOrigin: string;
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
}): JoinAddress {
  const addresses = networkAddresses(input.interfaces);
  const request = new URL(input.requestOrigin);
  const port = request.port ? `:${request.port}` : '';
  const lan = addresses.map((a) => `${request.protocol}//${a}${port}`);
  if (input.publicUrl) return { origin: input.publicUrl, source: 'public_url', reachable: true, alternatives: [] };
  if (!isLoopbackHost(request.hostname)) {
    return {
      origin: request.origin,
      source: 'request',
      reachable: true,
      alternatives: lan.filter((o) => o !== request.origin),
    };
  }
  const [best, ...others] = lan;
  if (best) return { origin: best, source: 'network', reachable: true, alternatives: others };
  return { origin: request.origin, source: 'request', reachable: false, alternatives: [] };
}
