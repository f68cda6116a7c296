import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { CreatedQuestionSet, QuestionSetListItem } from '@slimste/protocol';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './support/clients.js';
import { bearer, createGame, importTestSet } from './support/games.js';
import { testQuestionSet } from './support/question-set.fixture.js';
import { ADMIN_TOKEN, type RunningServer, removeDir, startServer } from './support/server.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('health and docs', () => {
  it('answers /api/health with 200', async () => {
    const res = await server.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    // The sockets connected to this process: none in this file yet, one with a socket open.
    expect(res.body.sockets).toBe(0);
    const socket = await connect(server.url);
    try {
      expect((await server.request('/api/health')).body.sockets).toBe(1);
    } finally {
      socket.disconnect();
    }
  });

  it('serves the OpenAPI document with every route', async () => {
    const res = await server.request('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/games',
        '/api/games/{code}/players',
        '/api/health',
        '/api/announcements',
        '/api/question-sets',
        '/api/question-sets/{id}',
        '/api/question-sets/{id}/export',
        '/api/media',
      ]),
    );
    const ui = await server.request('/api/docs');
    expect(ui.status).toBe(200);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await server.request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('question sets', () => {
  it('lists the bundled demo sets, read-only even for the operator', async () => {
    const list = await server.request('/api/question-sets');
    expect(list.status).toBe(200);
    const demo = (list.body as QuestionSetListItem[]).find((s) => s.id === 'demo-nl');
    expect(demo).toMatchObject({ id: 'demo-nl', builtIn: true, language: 'nl' });
    expect(demo?.counts.threeSixNine).toBeGreaterThan(0);
    expect((list.body as QuestionSetListItem[]).map((s) => s.id)).toEqual(expect.arrayContaining(['demo-en']));
    for (const headers of [{}, bearer(ADMIN_TOKEN)]) {
      const put = await server.request('/api/question-sets/demo-nl', {
        method: 'PUT',
        json: testQuestionSet(),
        headers,
      });
      expect(put.status).toBe(403);
      expect(put.body.error.code).toBe('read_only');
      const del = await server.request('/api/question-sets/demo-en', { method: 'DELETE', headers });
      expect(del.status).toBe(403);
      expect(del.body.error.code).toBe('read_only');
    }
  });

  it('lists the sets a page at a time: X-Total-Count, Link rel=next, and clear errors for a bad page', async () => {
    for (let i = 0; i < 5; i++) await importTestSet(server, { ...testQuestionSet(), title: `Page test ${i}` });
    const first = await server.request('/api/question-sets?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(2);
    const total = Number(first.headers.get('x-total-count'));
    expect(total).toBeGreaterThanOrEqual(7);
    // Follow the links to the end: every set once, in the order of the whole list.
    const seen: string[] = first.body.map((s: { id: string }) => s.id);
    let link = first.headers.get('link');
    while (link) {
      const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      expect(next).toBeTruthy();
      const page = await server.request(next!);
      seen.push(...page.body.map((s: { id: string }) => s.id));
      link = page.headers.get('link');
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const whole = await server.request('/api/question-sets');
    expect(whole.body.map((s: { id: string }) => s.id)).toEqual(seen);
    expect(whole.headers.get('link')).toBeNull();
    for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc', 'offset=1e3']) {
      const res = await server.request(`/api/question-sets?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('invalid_range');
    }
    // Past the end: an empty page, still with the total.
    const past = await server.request(`/api/question-sets?offset=${total}`);
    expect(past.body).toEqual([]);
    expect(Number(past.headers.get('x-total-count'))).toBe(total);
  });

  it('imports, reads, updates, exports and deletes a set with its edit token', async () => {
    const created = await server.request('/api/question-sets', { method: 'POST', json: testQuestionSet('Mine') });
    expect(created.status).toBe(201);
    const { id, editToken } = created.body as CreatedQuestionSet;
    expect(editToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(created.body).toMatchObject({ title: 'Mine', builtIn: false });
    const auth = { headers: bearer(editToken) };

    const got = await server.request(`/api/question-sets/${id}`, auth);
    expect(got.status).toBe(200);
    expect(got.body.document.rounds.threeSixNine).toHaveLength(15);
    expect(got.body.editToken).toBeUndefined();
    // The document is in the file format, so the editor can PUT back what it got.
    expect(got.body.document).toMatchObject({ format: 'slimste.question-set', version: 1, id, title: 'Mine' });
    const roundTrip = await server.request(`/api/question-sets/${id}`, {
      method: 'PUT',
      json: got.body.document,
      ...auth,
    });
    expect(roundTrip.status).toBe(200);

    const updated = await server.request(`/api/question-sets/${id}`, {
      method: 'PUT',
      json: testQuestionSet('Renamed'),
      ...auth,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.title).toBe('Renamed');

    const exported = await server.request(`/api/question-sets/${id}/export`, auth);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body).toMatchObject({ format: 'slimste.question-set', version: 1, id, title: 'Renamed' });

    // Importing an export again gives a copy under a new id (the id is taken), with a token of its own.
    const copy = await server.request('/api/question-sets', { method: 'POST', json: exported.body });
    expect(copy.status).toBe(201);
    expect(copy.body.id).not.toBe(id);
    expect(copy.body.editToken).not.toBe(editToken);

    const del = await server.request(`/api/question-sets/${id}`, { method: 'DELETE', ...auth });
    expect(del.status).toBe(204);
    expect((await server.request(`/api/question-sets/${id}`, auth)).status).toBe(404);
  });

  it('rejects an invalid document with path-precise messages', async () => {
    const doc = testQuestionSet();
    doc.rounds.puzzle[1]!.links[2]!.clues.pop();
    const res = await server.request('/api/question-sets', { method: 'POST', json: doc });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_question_set');
    expect(res.body.error.details).toContain('rounds.puzzle[1].links[2].clues: expected 4 clues, got 3');
  });

  it('answers 404 for an unknown set and 400 for malformed JSON', async () => {
    expect((await server.request('/api/question-sets/nope')).status).toBe(404);
    const res = await server.request('/api/question-sets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"format": ',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBeTruthy();
  });
});

describe('games over HTTP', () => {
  it('creates a game on the default demo set', async () => {
    const res = await server.request('/api/games', { method: 'POST', json: {} });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(res.body.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(res.body.hostToken.length).toBeGreaterThanOrEqual(22);
    const summary = await server.request(`/api/games/${res.body.id}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ id: res.body.id, code: res.body.code, phase: 'lobby', players: [] });
    expect(JSON.stringify(summary.body)).not.toContain(res.body.hostToken);
  });

  it('rejects bad create requests with a 400 naming the problem', async () => {
    const testSet = await importTestSet(server);
    const cases: [unknown, string][] = [
      [{ config: { players: 7 } }, 'invalid_body'],
      [{ config: { rounds: ['openDoor'] } }, 'invalid_body'],
      [{ config: { colour: 'red' } }, 'invalid_body'],
      [{ questionSetId: 'no-such-set' }, 'unknown_question_set'],
      [{ questionSetId: testSet.id, config: { threeSixNine: { questions: 40 } } }, 'invalid_config'],
      [[1, 2, 3], 'invalid_body'],
    ];
    for (const [body, code] of cases) {
      const res = await server.request('/api/games', {
        method: 'POST',
        json: body,
        headers: bearer(testSet.editToken),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code, JSON.stringify(body)).toBe(code);
      expect(res.body.error.message.length).toBeGreaterThan(3);
    }
  });

  it('joins by code: 400 bad name, 404 unknown code, 409 full, 409 started', async () => {
    const testSet = await importTestSet(server);
    const game = await createGame(server, { set: testSet, players: 2 });
    expect(game.players.map((p) => p.playerId)).toHaveLength(2);
    const join = (code: string, name: unknown) =>
      server.request(`/api/games/${code}/players`, { method: 'POST', json: { name } });

    expect((await join(game.code, '')).status).toBe(400);
    expect((await join(game.code, 'x'.repeat(60))).status).toBe(400);
    expect((await join(game.code, 42)).status).toBe(400);
    expect((await join('ZZZZZZ', 'Ann')).status).toBe(404);
    const full = await join(game.code, 'Third');
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('game_full');

    const other = await createGame(server, { set: testSet, players: 3 });
    // Lower-case codes work too; the join shows in the public summary.
    const third = await join(other.code.toLowerCase(), 'Late');
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('game_full');
    const summary = await server.request(`/api/games/${other.code}`);
    expect(summary.body.players.map((p: { name: string }) => p.name)).toEqual(['Player 1', 'Player 2', 'Player 3']);
  });

  it('refuses names that show nothing, and names that read as one already at the table', async () => {
    const testSet = await importTestSet(server);
    const game = await createGame(server, { set: testSet, players: 0, config: { players: 3 } });
    const join = (name: string) =>
      server.request(`/api/games/${game.code}/players`, { method: 'POST', json: { name } });
    for (const blank of ['\u2800', '\u3164\u3164', '\u200b', ' \u200d ', '\u0301']) {
      const res = await join(blank);
      expect(res.status, JSON.stringify(blank)).toBe(400);
      expect(res.body.error.code).toBe('invalid_name');
    }
    expect((await join('Jan')).status).toBe(201);
    for (const lookAlike of ['jan', 'JAN', 'Ja\u200bn', '\uff2a\uff41\uff4e', 'Jan\u2800']) {
      const res = await join(lookAlike);
      expect(res.status, JSON.stringify(lookAlike)).toBe(409);
      expect(res.body.error.code).toBe('name_taken');
    }
    // Names that differ, and an emoji joined by zero-width joiners, are fine.
    expect((await join('Jana')).status).toBe(201);
    expect((await join('\u{1f468}\u200d\u{1f469}\u200d\u{1f467}')).status).toBe(201);
    const summary = await server.request(`/api/games/${game.code}`);
    expect(summary.body.players).toHaveLength(3);
  });

  it('answers 404 for an unknown game', async () => {
    expect((await server.request('/api/games/does-not-exist')).status).toBe(404);
  });
});

describe('announcements', () => {
  it('needs the operator token', async () => {
    const none = await server.request('/api/announcements', { method: 'POST', json: { message: 'hi' } });
    expect(none.status).toBe(401);
    const wrong = await server.request('/api/announcements', {
      method: 'POST',
      json: { message: 'hi' },
      headers: { authorization: 'Bearer wrong' },
    });
    expect(wrong.status).toBe(401);
    const ok = await server.request('/api/announcements', {
      method: 'POST',
      json: { message: 'The bar closes in 10 minutes' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.message).toBe('The bar closes in 10 minutes');
    const empty = await server.request('/api/announcements', {
      method: 'POST',
      json: { message: '' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(empty.status).toBe(400);
  });
});

describe('media uploads', () => {
  const upload = (bytes: Uint8Array | string, filename: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), filename);
    return server.request('/api/media', { method: 'POST', body: form });
  };

  it('stores a PNG and an SVG and serves them back, inert', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const res = await upload(png, 'photo.png');
    expect(res.status).toBe(201);
    expect(res.body.url).toMatch(/^\/media\/uploads\/[\w-]+\.png$/);
    const back = await fetch(server.url + res.body.url);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await back.arrayBuffer()).equals(Buffer.from(png))).toBe(true);

    const svg = await upload('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>', 'x.svg');
    expect(svg.status).toBe(201);
    const served = await fetch(server.url + svg.body.url);
    expect(served.headers.get('content-type')).toContain('image/svg+xml');
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('refuses other types (by content, not by name) and large files', async () => {
    const exe = await upload(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'photo.png');
    expect(exe.status).toBe(415);
    const html = await upload('<html><script>alert(1)</script></html>', 'x.svg');
    expect(html.status).toBe(415);
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const tooBig = await upload(big, 'big.png');
    expect(tooBig.status).toBe(413);
    const none = await server.request('/api/media', { method: 'POST', body: new FormData() });
    expect(none.status).toBe(400);
  });
});

describe('media quota', () => {
  it('refuses an upload that would take the media past MEDIA_QUOTA_MB, with 507', async () => {
    const small = await startServer({ env: { MEDIA_QUOTA_MB: String(3 / 1024) } }); // 3 KB
    try {
      const png = new Uint8Array(2048);
      png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
      const upload = () => {
        const form = new FormData();
        form.append('file', new Blob([png]), 'photo.png');
        return small.request('/api/media', { method: 'POST', body: form });
      };
      expect((await upload()).status).toBe(201); // 2 KB of 3
      const full = await upload(); // 4 KB > 3
      expect(full.status).toBe(507);
      expect(full.body.error.code).toBe('media_quota');
      expect((await small.request('/api/health')).status).toBe(200);
    } finally {
      await small.stop();
      removeDir(small.dataDir);
    }
  });
});

describe('origin policy', () => {
  it('refuses a foreign browser Origin on the API and allows same origin or none', async () => {
    const foreign = await server.request('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const same = await server.request('/api/health', { headers: { origin: server.url } });
    expect(same.status).toBe(200);
  });

  it('with ALLOWED_ORIGINS=* lets any browser origin in, CORS included', async () => {
    const open = await startServer({ env: { ALLOWED_ORIGINS: '*' } });
    try {
      const res = await fetch(`${open.url}/api/health`, { headers: { origin: 'https://other.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://other.example');
    } finally {
      await open.stop();
      removeDir(open.dataDir);
    }
  });
});

describe('host names (ALLOWED_HOSTS)', () => {
  /** A GET with a Host header of our choosing (fetch does not let one set it). */
  const getWithHost = (url: string, path: string, host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${url}${path}`, { headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('answers only the names listed: another Host (DNS rebinding) gets 421, pages, API and socket alike', async () => {
    const strict = await startServer({ env: { ALLOWED_HOSTS: 'quiz.example.org, 127.0.0.1' } });
    try {
      expect((await getWithHost(strict.url, '/api/health', `127.0.0.1:${strict.port}`)).status).toBe(200);
      expect((await getWithHost(strict.url, '/api/health', 'quiz.example.org')).status).toBe(200);
      for (const path of ['/api/health', '/', '/api/question-sets']) {
        const rebound = await getWithHost(strict.url, path, `rebound.attacker.example:${strict.port}`);
        expect(rebound.status, path).toBe(421);
        expect(JSON.parse(rebound.body).error.code).toBe('host_not_allowed');
      }
      // The socket's handshake too (engine.io's polling request, as a browser would start it).
      const handshake = await getWithHost(
        strict.url,
        '/socket.io/?EIO=4&transport=polling',
        'rebound.attacker.example',
      );
      expect(handshake.status).toBe(403);
      expect((await getWithHost(strict.url, '/socket.io/?EIO=4&transport=polling', '127.0.0.1')).status).toBe(200);
    } finally {
      await strict.stop();
      removeDir(strict.dataDir);
    }
  });
});

describe('demo media', () => {
  it('serves the demo sets pictures under /media/demo', async () => {
    const set = await server.request('/api/question-sets/demo-nl');
    const image: string = set.body.document.rounds.gallery[0].photos[0].image;
    expect(image).toMatch(/^\/media\/demo\//);
    const res = await fetch(server.url + image);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('serves the demo sets’ sound and clip (the first 3-6-9 question, the first memory clip) as audio and video', async () => {
    const set = await server.request('/api/question-sets/demo-nl');
    const sound: string = set.body.document.rounds.threeSixNine[0].media.url;
    const film: string = set.body.document.rounds.collectiveMemory[0].media.url;
    for (const [url, type] of [
      [sound, 'audio/ogg'],
      [film, 'video/webm'],
    ] as const) {
      const res = await fetch(server.url + url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });
});

describe('the list of question sets', () => {
  it('reads no document: a stored document that does not even parse leaves the list and its counts as they were', async () => {
    const imported = await importTestSet(server);
    const before = (await server.request('/api/question-sets')).body as QuestionSetListItem[];
    const counts = before.find((s) => s.id === imported.id)?.counts;
    expect(counts?.openDoor).toBeGreaterThan(0);
    // Another connection to the server's own SQLite file (WAL lets it write while the server runs).
    const file = new Database(join(server.dataDir, 'slimste.sqlite'));
    try {
      file.prepare('update question_sets set document = ? where id = ?').run('{not json', imported.id);
      const listed = await server.request('/api/question-sets');
      expect(listed.status).toBe(200);
      expect((listed.body as QuestionSetListItem[]).find((s) => s.id === imported.id)?.counts).toEqual(counts);
    } finally {
      file.prepare('delete from question_sets where id = ?').run(imported.id);
      file.close();
    }
  });
});
