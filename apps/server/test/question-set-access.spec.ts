import type { QuestionSetListItem } from '@slimste/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type ImportedSet, importTestSet } from './support/games.js';
import { SECRET, testQuestionSet } from './support/question-set.fixture.js';
import { ADMIN_TOKEN, type RunningServer, removeDir, startServer } from './support/server.js';

// "Impossible to cheat": only whoever holds a set's edit token (or the operator) reads its answers.
let server: RunningServer;
let mine: ImportedSet;
let theirs: ImportedSet;

beforeAll(async () => {
  server = await startServer();
  mine = await importTestSet(server, testQuestionSet('Quiz night'));
  theirs = await importTestSet(server, testQuestionSet('Somebody else'));
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

const WRONG = 'not-the-token-0123456789abcdef';

/** Every way to knock, and what the door says. */
const knocks = (): { who: string; headers: Record<string, string>; status: number; code: string }[] => [
  { who: 'nobody', headers: {}, status: 401, code: 'unauthorized' },
  { who: 'not a bearer', headers: { authorization: `Basic ${btoa('admin:pw')}` }, status: 401, code: 'unauthorized' },
  { who: 'an empty bearer', headers: { authorization: 'Bearer ' }, status: 401, code: 'unauthorized' },
  { who: 'a wrong token', headers: bearer(WRONG), status: 403, code: 'forbidden' },
  { who: "another set's edit token", headers: bearer(theirs.editToken), status: 403, code: 'forbidden' },
];

describe('the public list', () => {
  it('has metadata and counts only: no question, no answer', async () => {
    const res = await server.request('/api/question-sets');
    expect(res.status).toBe(200);
    const json = JSON.stringify(res.body);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('Question 1?');
    expect(json).not.toContain('clue ');
    expect(json).not.toContain(mine.editToken);
    const item = (res.body as QuestionSetListItem[]).find((s) => s.id === mine.id);
    expect(Object.keys(item ?? {}).sort()).toEqual(['builtIn', 'counts', 'id', 'language', 'title', 'updatedAt']);
    expect(item).toMatchObject({
      title: 'Quiz night',
      language: 'en',
      builtIn: false,
      counts: { threeSixNine: 15, openDoor: 4, puzzle: 3, gallery: 3, collectiveMemory: 4, finale: 6 },
    });
    expect(Date.parse(item!.updatedAt)).not.toBeNaN();
    // The demo sets' answers are public anyway, but the list is the same shape for them.
    const demo = (res.body as QuestionSetListItem[]).find((s) => s.id === 'demo-en');
    expect(Object.keys(demo ?? {}).sort()).toEqual(['builtIn', 'counts', 'id', 'language', 'title', 'updatedAt']);
    expect(demo?.builtIn).toBe(true);
  });
});

describe('a private set', () => {
  it('is read and exported only with its edit token or ADMIN_TOKEN', async () => {
    for (const path of [`/api/question-sets/${mine.id}`, `/api/question-sets/${mine.id}/export`]) {
      for (const k of knocks()) {
        const res = await server.request(path, { headers: k.headers });
        expect(res.status, `${path} by ${k.who}`).toBe(k.status);
        expect(res.body.error.code, `${path} by ${k.who}`).toBe(k.code);
        expect(JSON.stringify(res.body)).not.toContain(SECRET);
      }
      for (const token of [mine.editToken, ADMIN_TOKEN]) {
        const res = await server.request(path, { headers: bearer(token) });
        expect(res.status, path).toBe(200);
        expect(JSON.stringify(res.body)).toContain(SECRET);
      }
    }
  });

  it('is changed only with its edit token or ADMIN_TOKEN, and a refused PUT changes nothing', async () => {
    const path = `/api/question-sets/${mine.id}`;
    for (const k of knocks()) {
      const res = await server.request(path, { method: 'PUT', json: testQuestionSet('Hijacked'), headers: k.headers });
      expect(res.status, `PUT by ${k.who}`).toBe(k.status);
      expect(res.body.error.code, `PUT by ${k.who}`).toBe(k.code);
    }
    expect((await server.request(path, { headers: bearer(mine.editToken) })).body.title).toBe('Quiz night');
    const byOwner = await server.request(path, {
      method: 'PUT',
      json: testQuestionSet('Quiz night 2'),
      headers: bearer(mine.editToken),
    });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.title).toBe('Quiz night 2');
    expect(byOwner.body.editToken).toBeUndefined();
    const byOperator = await server.request(path, {
      method: 'PUT',
      json: testQuestionSet('Quiz night'),
      headers: bearer(ADMIN_TOKEN),
    });
    expect(byOperator.status).toBe(200);
    // The edit token survives an edit (by anyone).
    expect((await server.request(path, { headers: bearer(mine.editToken) })).status).toBe(200);
  });

  it('is deleted only with its edit token or ADMIN_TOKEN', async () => {
    const a = await importTestSet(server);
    const b = await importTestSet(server);
    for (const k of knocks()) {
      const res = await server.request(`/api/question-sets/${a.id}`, { method: 'DELETE', headers: k.headers });
      expect(res.status, `DELETE by ${k.who}`).toBe(k.status);
      expect(res.body.error.code, `DELETE by ${k.who}`).toBe(k.code);
    }
    expect((await server.request(`/api/question-sets/${a.id}`, { headers: bearer(a.editToken) })).status).toBe(200);
    const byOwner = await server.request(`/api/question-sets/${a.id}`, {
      method: 'DELETE',
      headers: bearer(a.editToken),
    });
    expect(byOwner.status).toBe(204);
    const byOperator = await server.request(`/api/question-sets/${b.id}`, {
      method: 'DELETE',
      headers: bearer(ADMIN_TOKEN),
    });
    expect(byOperator.status).toBe(204);
    expect((await server.request(`/api/question-sets/${b.id}`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(404);
  });

  it("a game's host token does not open the set it plays", async () => {
    const game = await server.request('/api/games', {
      method: 'POST',
      json: { questionSetId: mine.id, config: { players: 2 } },
      headers: bearer(mine.editToken),
    });
    expect(game.status).toBe(201);
    const res = await server.request(`/api/question-sets/${mine.id}`, { headers: bearer(game.body.hostToken) });
    expect(res.status).toBe(403);
  });
});

describe('creating a game', () => {
  const create = (questionSetId: string | undefined, headers: Record<string, string> = {}) =>
    server.request('/api/games', { method: 'POST', json: { questionSetId, config: { players: 2 } }, headers });

  it('with a private set needs its edit token or ADMIN_TOKEN', async () => {
    for (const k of knocks()) {
      const res = await create(mine.id, k.headers);
      expect(res.status, `create by ${k.who}`).toBe(k.status);
      expect(res.body.error.code, `create by ${k.who}`).toBe(k.code);
      expect(res.body.hostToken).toBeUndefined();
    }
    for (const token of [mine.editToken, ADMIN_TOKEN]) {
      const res = await create(mine.id, bearer(token));
      expect(res.status).toBe(201);
      expect(res.body.hostToken).toBeTruthy();
    }
  });

  it('with the default or a demo set needs no token, as before', async () => {
    for (const [id, headers] of [
      [undefined, {}],
      ['demo-en', {}],
      ['demo-nl', {}],
      ['demo-nl', bearer(WRONG)],
    ] as const) {
      const res = await create(id, headers);
      expect(res.status, String(id)).toBe(201);
    }
  });

  it('with an unknown set still answers 400 unknown_question_set', async () => {
    const res = await create('no-such-set', bearer(ADMIN_TOKEN));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unknown_question_set');
  });
});

describe('the demo sets', () => {
  it('are read and exported by anyone, answers included, and stay read-only', async () => {
    for (const id of ['demo-nl', 'demo-en']) {
      const got = await server.request(`/api/question-sets/${id}`);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ id, builtIn: true });
      expect(got.body).not.toHaveProperty('builtin');
      expect(got.body.document.rounds.finale[0].answers.length).toBeGreaterThan(0);
      const exported = await server.request(`/api/question-sets/${id}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body).toMatchObject({ format: 'slimste.question-set', id });
      const put = await server.request(`/api/question-sets/${id}`, {
        method: 'PUT',
        json: testQuestionSet(),
        headers: bearer(ADMIN_TOKEN),
      });
      expect(put.status).toBe(403);
      expect(put.body.error.code).toBe('read_only');
    }
  });
});

describe('the OpenAPI document', () => {
  it('names the bearer on every route that needs it', async () => {
    const doc = (await server.request('/api/docs-json')).body;
    expect(Object.keys(doc.components.securitySchemes)).toContain('bearer');
    const secured = (path: string, method: string) =>
      (doc.paths[path][method].security ?? []).some((s: Record<string, unknown>) => 'bearer' in s);
    expect(secured('/api/question-sets/{id}', 'get')).toBe(true);
    expect(secured('/api/question-sets/{id}', 'put')).toBe(true);
    expect(secured('/api/question-sets/{id}', 'delete')).toBe(true);
    expect(secured('/api/question-sets/{id}/export', 'get')).toBe(true);
    expect(secured('/api/games', 'post')).toBe(true);
    expect(secured('/api/question-sets', 'get')).toBe(false);
  });
});
