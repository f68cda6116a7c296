import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, importTestSet } from './support/games.js';
import { type RunningServer, removeDir, startServer, storageModes } from './support/server.js';

/** What no error body may carry: a stack frame, a file path or SQL. */
function expectNoLeak(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat \w|\.js:\d|\/dist\/|node_modules|select |insert |sqlite|postgres/i);
}

describe.each(storageModes())('HTTP hardening ($name)', ({ env }) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('answers 404 for ids that cannot exist (NUL bytes, control characters, very long), never 500', async () => {
    const set = await importTestSet(server);
    const odd = ['%00', 'a%00b', '%0A', '%1F', 'x'.repeat(5000), `${'%C3%A9'.repeat(200)}`];
    for (const id of odd) {
      const requests = [
        server.request(`/api/games/${id}`),
        server.request(`/api/games/${id}/players`, { method: 'POST', json: { name: 'Eve' } }),
        server.request(`/api/question-sets/${id}`, { headers: bearer(set.editToken) }),
        server.request(`/api/question-sets/${id}/export`, { headers: bearer(set.editToken) }),
        server.request(`/api/question-sets/${id}`, {
          method: 'PUT',
          json: set.document,
          headers: bearer(set.editToken),
        }),
        server.request(`/api/question-sets/${id}`, { method: 'DELETE', headers: bearer(set.editToken) }),
      ];
      for (const res of await Promise.all(requests)) {
        expect(res.status, id.slice(0, 20)).toBe(404);
        expect(res.body.error.code).toBe('not_found');
        expect(res.body.error.message.length).toBeLessThan(200);
        expectNoLeak(res.body);
      }
    }
    expect((await server.request('/api/health')).status).toBe(200);
  });

  it('reads JSON sent as text/plain (fetch without a Content-Type) and refuses other types (415)', async () => {
    // What fetch() sends when a client forgets the header: read as the JSON it is.
    const plain = await server.request('/api/games', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ questionSetId: 'demo-en', config: { players: 2 } }),
    });
    expect(plain.status).toBe(201);
    const join = await server.request(`/api/games/${plain.body.code}/players`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'Eve' }),
    });
    expect(join.status).toBe(201);
    const broken = await server.request('/api/games', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'questionSetId=demo-en',
    });
    expect(broken.status).toBe(400);
    // A form is not JSON: refused rather than read as no body at all.
    const form = await server.request('/api/games/ABCDEF/players', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Eve',
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    // No body at all, or JSON with a charset, is fine.
    expect((await server.request('/api/games', { method: 'POST' })).status).toBe(201);
    const charset = await server.request('/api/games', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{}',
    });
    expect(charset.status).toBe(201);
  });

  it('takes large JSON bodies for question sets only (413 elsewhere, before parsing)', async () => {
    const pad = 'x'.repeat(100_000);
    const create = await server.request('/api/games', { method: 'POST', json: { config: {}, pad } });
    expect(create.status).toBe(413);
    expect(create.body.error.code).toBe('payload_too_large');
    const created = (await server.request('/api/games', { method: 'POST' })).body;
    const join = await server.request(`/api/games/${created.code}/players`, { method: 'POST', json: { name: pad } });
    expect(join.status).toBe(413);
    const announce = await server.request('/api/announcements', { method: 'POST', json: { message: pad } });
    expect(announce.status).toBe(413);
    // A question set of this size is fine; over 2 MB it is not.
    const set = await importTestSet(server);
    const big = { ...set.document, description: undefined, title: 'Big', padding: undefined };
    const roomy = await server.request('/api/question-sets', { method: 'POST', json: { ...big, notes: pad } });
    expect(roomy.status).toBe(400); // parsed and checked: `notes` is not a field
    const huge = await server.request('/api/question-sets', {
      method: 'POST',
      json: { ...big, notes: 'x'.repeat(3_000_000) },
    });
    expect(huge.status).toBe(413);
  });

  it('keeps the Origin policy however the path is spelled', async () => {
    for (const path of ['/api/games', '/API/games', '/Api/Games/']) {
      const res = await server.request(path, { method: 'POST', headers: { origin: 'https://evil.example' } });
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('origin_not_allowed');
    }
  });

  it('caps the fields of an upload besides the file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const form = new FormData();
    for (let i = 0; i < 50; i++) form.append(`f${i}`, 'x'.repeat(1000));
    form.append('file', new Blob([png]), 'a.png');
    const res = await server.request('/api/media', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expectNoLeak(res.body);
    const big = new FormData();
    big.append('note', 'x'.repeat(100_000));
    big.append('file', new Blob([png]), 'a.png');
    expect((await server.request('/api/media', { method: 'POST', body: big })).status).toBe(400);
    const ok = new FormData();
    ok.append('file', new Blob([png]), 'a.png');
    expect((await server.request('/api/media', { method: 'POST', body: ok })).status).toBe(201);
  });

  it('sets security headers on pages and API answers; media keep their sandbox', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    for (const res of [page, await fetch(`${server.url}/api/health`), await fetch(`${server.url}/api/nope`)]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    const list = await server.request('/api/question-sets');
    const demo = await server.request(`/api/question-sets/${list.body[0].id}`);
    const image = JSON.stringify(demo.body).match(/\/media\/demo\/[\w.-]+/)?.[0];
    const media = await fetch(server.url + image);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('answers errors as JSON without stacks, SQL or paths', async () => {
    const cases = [
      await server.request('/api/nope'),
      await server.request('/api/games', { method: 'DELETE' }),
      await server.request('/api/games', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"config": ',
      }),
      await server.request('/api/games', { method: 'POST', json: { questionSetId: "x' or 1=1 --" } }),
      await server.request('/api/games/%FF'),
      await server.request('/assets/%E0'),
      await server.request('/media/uploads/nope.png'),
      await server.request('/media/%E0'),
    ];
    for (const res of cases) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(typeof res.body.error.code).toBe('string');
      expectNoLeak(res.body);
    }
    expect(cases[0]!.status).toBe(404);
  });

  it('lets no path escape the media and asset directories (the SQLite file is next to media/)', async () => {
    const paths = [
      '/media/uploads/..%2fslimste.sqlite',
      '/media/uploads/%2e%2e/slimste.sqlite',
      '/media/uploads/..%5cslimste.sqlite',
      '/media/..%2f..%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%2f.vite%2fmanifest.json',
    ];
    for (const path of paths) {
      const res = await server.request(path);
      expect([400, 403, 404], path).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toMatch(/SQLite format|"name":|"file":/);
    }
  });

  it('keeps tokens out of the logs, also from query strings and headers', async () => {
    const set = await importTestSet(server);
    const secret = 'querySecret0123456789';
    await server.request(`/api/games/ABCDEF?token=${secret}&hostToken=${secret}`);
    await server.request(`/?token=${secret}`);
    const created = await server.request('/api/games', {
      method: 'POST',
      json: { questionSetId: set.id },
      headers: bearer(set.editToken),
    });
    await server.request('/api/question-sets', { headers: { authorization: `Bearer ${secret}` } });
    const logs = server.output();
    for (const value of [secret, set.editToken, created.body.hostToken]) expect(logs).not.toContain(value);
  });

  it('slows an address whose bearer tokens keep being refused (guessing): its failures wait, its right token does not', async () => {
    const set = await importTestSet(server);
    const guesser = { 'x-forwarded-for': '198.51.100.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const path = i % 2 ? `/api/question-sets/${set.id}` : '/api/announcements';
      const method = i % 2 ? 'GET' : 'POST';
      const res = await server.request(path, {
        method,
        json: i % 2 ? undefined : { message: 'hi' },
        headers: { ...guesser, ...bearer(`guess-${i}`) },
      });
      statuses.push(res.status);
    }
    expect(new Set(statuses)).toEqual(new Set([401, 403]));
    // Now a wrong token's answer waits two seconds...
    let t0 = Date.now();
    const slowed = await server.request(`/api/question-sets/${set.id}`, {
      headers: { ...guesser, ...bearer('guess-x') },
    });
    expect(slowed.status).toBe(403);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    // ...at most four at a time: the rest are refused at once, with a Retry-After...
    t0 = Date.now();
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        server.request(`/api/question-sets/${set.id}`, { headers: { ...guesser, ...bearer(`burst-${i}`) } }),
      ),
    );
    const refused = burst.filter((r) => r.status === 429);
    expect(refused.length).toBe(4);
    expect(refused[0]!.body.error.code).toBe('rate_limited');
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(burst.filter((r) => r.status === 403)).toHaveLength(4);
    // ...while the right token answers at once, as do requests without one and other addresses.
    t0 = Date.now();
    const right = await server.request(`/api/question-sets/${set.id}`, {
      headers: { ...guesser, ...bearer(set.editToken) },
    });
    expect(right.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await server.request('/api/question-sets', { headers: guesser })).status).toBe(200);
    expect((await server.request('/api/games', { method: 'POST', headers: guesser })).status).toBe(201);
    expect((await server.request(`/api/question-sets/${set.id}`, { headers: bearer(set.editToken) })).status).toBe(200);
  });

  it('slows an address that keeps guessing join codes; the right code still joins at once', async () => {
    const game = await createGameHere();
    const guesser = { 'x-forwarded-for': '198.51.100.10' };
    for (let i = 0; i < 60; i++) {
      const code = `ZZZ${String(i).padStart(3, '2')}`;
      const res =
        i % 2
          ? await server.request(`/api/games/${code}`, { headers: guesser })
          : await server.request(`/api/games/${code}/players`, {
              method: 'POST',
              json: { name: 'Eve' },
              headers: guesser,
            });
      expect(res.status).toBe(404);
    }
    let t0 = Date.now();
    expect((await server.request('/api/games/ZZZ999', { headers: guesser })).status).toBe(404);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    t0 = Date.now();
    const joined = await server.request(`/api/games/${game.code}/players`, {
      method: 'POST',
      json: { name: 'Eve' },
      headers: guesser,
    });
    expect(joined.status).toBe(201);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await server.request(`/api/games/${game.code}`)).status).toBe(200);
  });

  it('an event behind one address stays open: each join gives back what a typo took', async () => {
    const venue = { 'x-forwarded-for': '198.51.100.11' };
    // 18 tables of 4: 72 phones, each mistypes the code once (more typos than the allowance of
    // 60), then types it right and takes a seat.
    for (let table = 0; table < 18; table++) {
      const game = (await server.request('/api/games', { method: 'POST', json: { config: { players: 4 } } })).body;
      for (let seat = 0; seat < 4; seat++) {
        const typo = await server.request(`/api/games/ZZZ${String(table * 4 + seat).padStart(3, '2')}`, {
          headers: venue,
        });
        expect(typo.status).toBe(404);
        const join = await server.request(`/api/games/${game.code}/players`, {
          method: 'POST',
          json: { name: `Speler ${seat + 1}` },
          headers: venue,
        });
        expect(join.status, `table ${table}, seat ${seat}`).toBe(201);
      }
    }
    // Looking one's own game up again and again gives back nothing: no guesses bought that way.
    const mine = (await server.request('/api/games', { method: 'POST' })).body;
    const guesser = { 'x-forwarded-for': '198.51.100.12' };
    for (let i = 0; i < 60; i++) {
      expect((await server.request(`/api/games/${mine.code}`, { headers: guesser })).status).toBe(200);
      await server.request(`/api/games/ZZY${String(i).padStart(3, '2')}`, { headers: guesser });
    }
    // (Exhausted: a wrong code now waits.)
    const t0 = Date.now();
    expect((await server.request('/api/games/ZZX222', { headers: guesser })).status).toBe(404);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
  });

  it('counts the addresses of one IPv6 /64 as one (rotating addresses buys no guesses)', async () => {
    const game = await createGameHere();
    for (let i = 0; i < 60; i++) {
      const rotating = { 'x-forwarded-for': `2001:db8:77:1:${(i + 1).toString(16)}::${i + 7}` };
      expect((await server.request(`/api/games/ZZW${String(i).padStart(3, '2')}`, { headers: rotating })).status).toBe(
        404,
      );
    }
    // Another address of the same /64 is slowed; one of the next /64 is not.
    const timed = async (address: string) => {
      const t0 = Date.now();
      const res = await server.request('/api/games/ZZV222', { headers: { 'x-forwarded-for': address } });
      return { status: res.status, ms: Date.now() - t0 };
    };
    expect((await timed('2001:db8:77:1:ffff::1')).ms).toBeGreaterThanOrEqual(1900);
    expect((await timed('2001:db8:77:2::1')).ms).toBeLessThan(1000);
    expect(
      (await server.request(`/api/games/${game.code}`, { headers: { 'x-forwarded-for': '2001:db8:77:1::5' } })).status,
    ).toBe(200);
  });

  const createGameHere = async () => (await server.request('/api/games', { method: 'POST' })).body as { code: string };
});

describe('HTTP rate limit per address', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { HTTP_RATE_BURST: '3', HTTP_RATE_PER_MINUTE: '6' } });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('limits creating games, joining and importing per client address, with Retry-After', async () => {
    const codes: number[] = [];
    let code = '';
    for (let i = 0; i < 3; i++) {
      const res = await server.request('/api/games', { method: 'POST' });
      codes.push(res.status);
      code ||= res.body.code;
    }
    expect(codes).toEqual([201, 201, 201]);
    const limited = await server.request('/api/games', { method: 'POST' });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited' });
    expect(limited.headers.get('retry-after')).toBe('10');
    expect((await server.request(`/api/games/${code}/players`, { method: 'POST', json: { name: 'A' } })).status).toBe(
      429,
    );
    expect((await server.request('/api/question-sets', { method: 'POST', json: {} })).status).toBe(429);
    expect((await server.request('/API/Games', { method: 'POST' })).status).toBe(429);
    // Reading is not limited; another address (behind the trusted local proxy) has its own bucket.
    expect((await server.request(`/api/games/${code}`)).status).toBe(200);
    const other = { 'x-forwarded-for': '203.0.113.7' };
    expect((await server.request('/api/games', { method: 'POST', headers: other })).status).toBe(201);
    const join = await server.request(`/api/games/${code}/players`, {
      method: 'POST',
      json: { name: 'B' },
      headers: other,
    });
    expect(join.status).toBe(201);
  });
});

describe('TRUST_PROXY=false', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { HTTP_RATE_BURST: '1', TRUST_PROXY: 'false' } });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('ignores X-Forwarded-For, so a client cannot pose as many addresses', async () => {
    expect((await server.request('/api/games', { method: 'POST' })).status).toBe(201);
    const posing = await server.request('/api/games', {
      method: 'POST',
      headers: { 'x-forwarded-for': '203.0.113.8' },
    });
    expect(posing.status).toBe(429);
  });
});
