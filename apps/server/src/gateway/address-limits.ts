import { TokenBucket } from '../common/token-bucket.js';

export interface AddressLimitSettings {
  /** Sockets one address (an IPv6 /64) may hold open at once. */
  maxSockets: number;
  /** Messages per second all sockets of one address may send together, and the burst. */
  perSecond: number;
  burst: number;
}

/**
 * What all the sockets of one client address share: a cap on how many are open, and one message
 * budget (a token bucket) on top of each socket's own, so forty sockets each under the per-socket
 * rate cannot together flood the server. An address's entry goes when its last socket does.
 */
export class AddressLimits {
  private readonly addresses = new Map<string, { sockets: number; messages: TokenBucket }>();

  constructor(private readonly settings: AddressLimitSettings) {}

  /** Counts a new socket of `address` in; false (and nothing counted) when it holds the most already. */
  admit(address: string): boolean {
    let entry = this.addresses.get(address);
    if (entry && entry.sockets >= this.settings.maxSockets) return false;
    if (!entry) {
      entry = { sockets: 0, messages: new TokenBucket(this.settings.perSecond, this.settings.burst) };
      this.addresses.set(address, entry);
    }
    entry.sockets++;
    return true;
  }

  release(address: string): void {
    const entry = this.addresses.get(address);
    if (!entry) return;
    entry.sockets--;
    if (entry.sockets <= 0) this.addresses.delete(address);
  }

  /** Takes one message from the address's budget; false when it must wait. */
  take(address: string): boolean {
    return this.addresses.get(address)?.messages.take() ?? true;
  }

  get tracked(): number {
    return this.addresses.size;
  }
}
