import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { GameLog } from '@slimste/protocol';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, emit, sleep } from './support/clients.js';
import { playToEnd } from './support/driver.js';
import { closeAll, createGame, seat } from './support/games.js';
import { testQuestionSet } from './support/question-set.fixture.js';
import { type RunningServer, removeDir, startServer } from './support/server.js';

// Issue 9, item 4: what one address and the whole server may keep, and games deleted (their log
// archived first) once past their keeping.

describe('quotas per address and in all', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      env: { MAX_SETS_PER_ADDRESS: '2', MAX_LIVE_GAMES_PER_ADDRESS: '2', MAX_LIVE_GAMES: '5' },
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  const from = (address: string) => ({ 'x-forwarded-for': address });
  const importSet = (address: string) =>
    server.request('/api/question-sets', { method: 'POST', json: testQuestionSet(), headers: from(address) });
  const newGame = (address: string) =>
    server.request('/api/games', { method: 'POST', json: { config: { players: 2 } }, headers: from(address) });

  it('question sets: an address keeps at most MAX_SETS_PER_ADDRESS; deleting one frees a place', async () => {
    const first = await importSet('2001:db8:9:9::1');
    expect(first.status).toBe(201);
    // Another address of the same /64 is the same owner.
    expect((await importSet('2001:db8:9:9::2')).status).toBe(201);
    const third = await importSet('2001:db8:9:9::3');
    expect(third.status).toBe(507);
    expect(third.body.error.code).toBe('quota_exceeded');
    expect(third.body.error.message).toMatch(/2 question sets/);
    expect((await importSet('198.51.100.70')).status).toBe(201);
    const deleted = await server.request(`/api/question-sets/${first.body.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${first.body.editToken}` },
    });
    expect(deleted.status).toBe(204);
    expect((await importSet('2001:db8:9:9::4')).status).toBe(201);
  });

  it('games: an address has at most MAX_LIVE_GAMES_PER_ADDRESS unfinished, the server MAX_LIVE_GAMES', async () => {
    expect((await newGame('198.51.100.80')).status).toBe(201);
    expect((await newGame('198.51.100.80')).status).toBe(201);
    const third = await newGame('198.51.100.80');
    expect(third.status).toBe(507);
    expect(third.body.error).toMatchObject({ code: 'quota_exceeded' });
    expect(third.body.error.message).toMatch(/2 games that have not finished/);
    expect((await newGame('198.51.100.81')).status).toBe(201);
    expect((await newGame('198.51.100.81')).status).toBe(201);
    expect((await newGame('198.51.100.82')).status).toBe(201);
    // Five unfinished games on the server: nobody starts a sixth.
    const full = await newGame('198.51.100.83');
    expect(full.status).toBe(507);
    expect(full.body.error.message).toMatch(/this server has 5 games/);
  });
});

describe('retention: finished and idle games deleted, their log archived first', () => {
  let server: RunningServer;
  // About 1.7 s: a game is past its keeping quickly, and the sweep runs twice a second.
  const DAYS = '0.00002';
  beforeAll(async () => {
    server = await startServer({
      env: { GAME_RETENTION_DAYS: DAYS, IDLE_GAME_DAYS: DAYS, RETENTION_SWEEP_SECONDS: '0.5' },
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('deletes a finished and an idle game with everything of theirs, keeps a fresh one, archives each log', async () => {
    const set = (await server.request('/api/question-sets/demo-nl')).body.document;
    const idle = await createGame(server, { set: 'demo-nl', players: 2 });
    const finished = await createGame(server, {
      set: 'demo-nl',
      config: { rounds: ['openDoor', 'finale'] },
      players: 2,
    });
    const table = await seat(server, finished);
    const played = await playToEnd(table, finished, set);
    closeAll(table.all);
    const finalVersion = played.finalHost.version;

    const gone = async (id: string) => (await server.request(`/api/games/${id}`)).status === 404;
    const deadline = Date.now() + 10_000;
    while (!((await gone(idle.id)) && (await gone(finished.id)))) {
      if (Date.now() > deadline) throw new Error('the games were not deleted');
      await sleep(100);
    }
    // A game made now is well within its keeping.
    const fresh = await createGame(server, { set: 'demo-nl', players: 2 });
    expect((await server.request(`/api/games/${fresh.id}`)).status).toBe(200);

    // Its tokens open nothing any more.
    const host = await connect(server.url);
    const refused = await emit(host, 'room', { gameId: finished.id, token: finished.hostToken });
    expect(refused.error.code).toBe('unknown_game');
    host.disconnect();

    // Nothing of theirs is left in the database (set documents stay: see GameRepository.delete).
    const db = new Database(join(server.dataDir, 'slimste.sqlite'), { readonly: true });
    try {
      for (const table of ['game_events', 'game_snapshots', 'tokens']) {
        const { n } = db
          .prepare(`select count(*) as n from ${table} where game_id in (?, ?)`)
          .get(idle.id, finished.id) as { n: number };
        expect(n, table).toBe(0);
      }
      const { n } = db.prepare('select count(*) as n from games where id in (?, ?)').get(idle.id, finished.id) as {
        n: number;
      };
      expect(n).toBe(0);
    } finally {
      db.close();
    }

    // Each log is in the archive, whole: the finished game's up to its last version.
    const month = new Date().toISOString().slice(0, 7);
    const archived = (id: string) =>
      JSON.parse(
        gunzipSync(readFileSync(join(server.dataDir, 'archive', month, `${id}.json.gz`))).toString(),
      ) as GameLog;
    const log = archived(finished.id);
    expect(log).toMatchObject({ format: 'slimste.game-log', gameId: finished.id, code: finished.code });
    expect(log.version).toBe(finalVersion);
    expect(log.events.map((e) => e.version)).toEqual(Array.from({ length: finalVersion }, (_, i) => i + 1));
    expect(archived(idle.id).gameId).toBe(idle.id);
    expect(server.output()).toContain('expired games deleted');
  }, 60_000);
});
