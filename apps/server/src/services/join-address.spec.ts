import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, joinAddress, networkAddresses } from './join-address.js';

const v4 = (address: string, internal = false) =>
  ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '', cidr: null }) as NetworkInterfaceInfo;
const v6 = (address: string) =>
  ({ address, family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 0 }) as NetworkInterfaceInfo;

const laptop = {
  lo: [v4('127.0.0.1', true)],
  docker0: [v4('172.17.0.1')],
  eth0: [v4('169.254.3.3'), v6('fe80::1')],
  wlan0: [v4('192.168.1.23'), v6('fd00::23')],
  eth1: [v4('10.0.0.7')],
};

describe('the join address', () => {
  it('knows the names that mean this machine only', () => {
    for (const h of [
      'localhost',
      'LOCALHOST',
      'app.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '[::1]',
      '0.0.0.0',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['192.168.1.23', 'quiz.example.org', 'laptop.local', '[fd00::23]'])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it('lists the addresses a phone on the Wi-Fi can open, home networks first, no containers or link-local', () => {
    expect(networkAddresses(laptop)).toEqual(['192.168.1.23', '10.0.0.7']);
    expect(networkAddresses({ lo: [v4('127.0.0.1', true)] })).toEqual([]);
  });

  it('opened at localhost: this machine on the local network, same port and protocol', () => {
    expect(joinAddress({ publicUrl: null, requestOrigin: 'http://localhost:3000', interfaces: laptop })).toEqual({
      origin: 'http://192.168.1.23:3000',
      source: 'network',
      reachable: true,
      alternatives: ['http://10.0.0.7:3000'],
    });
  });

  it('opened at a network address or name: that one', () => {
    expect(joinAddress({ publicUrl: null, requestOrigin: 'http://10.0.0.7:3000', interfaces: laptop })).toEqual({
      origin: 'http://10.0.0.7:3000',
      source: 'request',
      reachable: true,
      alternatives: ['http://192.168.1.23:3000'],
    });
    expect(joinAddress({ publicUrl: null, requestOrigin: 'https://quiz.example.org', interfaces: laptop }).origin).toBe(
      'https://quiz.example.org',
    );
  });

  it('PUBLIC_URL wins; without any network a localhost link is said to be unreachable', () => {
    expect(
      joinAddress({
        publicUrl: 'https://quiz.example.org',
        requestOrigin: 'http://localhost:3000',
        interfaces: laptop,
      }),
    ).toEqual({ origin: 'https://quiz.example.org', source: 'public_url', reachable: true, alternatives: [] });
    expect(
      joinAddress({
        publicUrl: null,
        requestOrigin: 'http://localhost:3000',
        interfaces: { lo: [v4('127.0.0.1', true)] },
      }),
    ).toEqual({ origin: 'http://localhost:3000', source: 'request', reachable: false, alternatives: [] });
  });
});
