import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressGroup, requestAddress } from './address-group.js';

describe('addressGroup', () => {
  it('keeps IPv4 and unwraps IPv4-mapped IPv6', () => {
    expect(addressGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 by its /64, however it is written', () => {
    const group = addressGroup('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(group).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:0DB8:0001:0002::1')).toBe(group);
    expect(addressGroup('2001:db8:1:2::ffff:1')).toBe(group);
    expect(addressGroup('2001:db8:1:3::1')).not.toBe(group);
    expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
  });
});

describe('requestAddress', () => {
  const req = (remote: string, xff?: string) =>
    ({
      socket: { remoteAddress: remote },
      headers: xff ? { 'x-forwarded-for': xff } : {},
    }) as unknown as IncomingMessage;
  const loopback = (a: string) => a === '127.0.0.1' || a === '::1';

  it('takes X-Forwarded-For only from a trusted proxy', () => {
    expect(requestAddress(req('127.0.0.1', '198.51.100.9'), loopback)).toBe('198.51.100.9');
    expect(requestAddress(req('203.0.113.7', '198.51.100.9'), loopback)).toBe('203.0.113.7');
    // A client's own X-Forwarded-For before the proxy's is not believed.
    expect(requestAddress(req('127.0.0.1', '10.0.0.1, 198.51.100.9'), loopback)).toBe('198.51.100.9');
    expect(requestAddress(req('127.0.0.1'), loopback)).toBe('127.0.0.1');
  });
});
