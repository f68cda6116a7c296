import { describe, expect, it } from 'vitest';
import { AddressLimits } from './address-limits.js';

describe('AddressLimits', () => {
  it('caps the sockets of one address, not of another, and forgets an address with none left', () => {
    const limits = new AddressLimits({ maxSockets: 2, perSecond: 1, burst: 1 });
    expect(limits.admit('a')).toBe(true);
    expect(limits.admit('a')).toBe(true);
    expect(limits.admit('a')).toBe(false);
    expect(limits.admit('b')).toBe(true);
    limits.release('a');
    expect(limits.admit('a')).toBe(true);
    limits.release('a');
    limits.release('a');
    limits.release('b');
    expect(limits.tracked).toBe(0);
  });

  it('shares one message budget among the sockets of an address', () => {
    const limits = new AddressLimits({ maxSockets: 10, perSecond: 0.001, burst: 3 });
    limits.admit('a');
    limits.admit('a');
    limits.admit('b');
    expect([limits.take('a'), limits.take('a'), limits.take('a'), limits.take('a')]).toEqual([true, true, true, false]);
    expect(limits.take('b')).toBe(true);
  });
});
