import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkAddresses } from '../src/services/join-address.js';
import { type RunningServer, removeDir, startServer } from './support/server.js';

/** GET with a Host header of our choosing (fetch sends the URL's own). */
function getAs(server: RunningServer, host: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: '/api/join-address', headers: { host } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The QR code's address: the server knows its own network addresses and PUBLIC_URL. */
describe('GET /api/join-address', () => {
  let server: RunningServer;
  let behindProxy: RunningServer;

  beforeAll(async () => {
    [server, behindProxy] = await Promise.all([
      startServer(),
      startServer({ env: { PUBLIC_URL: 'https://quiz.example.org' } }),
    ]);
  });
  afterAll(async () => {
    for (const s of [server, behindProxy]) {
      await s?.stop();
      if (s) removeDir(s.dataDir);
    }
  });

  it('opened at localhost: this machine’s address on the network, with the same port', async () => {
    const res = await getAs(server, `localhost:${server.port}`);
    expect(res.status).toBe(200);
    const lan = networkAddresses(networkInterfaces());
    if (lan.length) {
      expect(res.body).toEqual({
        origin: `http://${lan[0]}:${server.port}`,
        source: 'network',
        reachable: true,
        alternatives: lan.slice(1).map((a) => `http://${a}:${server.port}`),
      });
      // ...and the server answers there (it listens on every interface).
      expect((await fetch(`${res.body.origin}/api/health`)).status).toBe(200);
    } else {
      expect(res.body).toMatchObject({ origin: `http://localhost:${server.port}`, reachable: false });
    }
  });

  it('opened at a name: that name; behind a proxy: PUBLIC_URL', async () => {
    const named = await getAs(server, 'quiz.lan:8080');
    expect(named.body).toMatchObject({ origin: 'http://quiz.lan:8080', source: 'request', reachable: true });
    const proxied = await getAs(behindProxy, `localhost:${behindProxy.port}`);
    expect(proxied.body).toEqual({
      origin: 'https://quiz.example.org',
      source: 'public_url',
      reachable: true,
      alternatives: [],
    });
  });
});
