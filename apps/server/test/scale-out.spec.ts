import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, emit, join, next, turnOf } from './support/clients.js';
import { closeAll, createGame, importTestSet } from './support/games.js';
import { ADMIN_TOKEN, type RunningServer, removeDir, startServer } from './support/server.js';

// Two server processes sharing one PostgreSQL and one Redis: any node serves any game.
const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(databaseUrl && redisUrl)('two nodes (PostgreSQL + Redis)', () => {
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    const env = { DATABASE_URL: databaseUrl!, REDIS_URL: redisUrl! };
    a = await startServer({ env });
    b = await startServer({ env });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (a) removeDir(a.dataDir);
    if (b) removeDir(b.dataDir);
  });

  it('a command on one node reaches the sockets of another; versions stay one sequence', async () => {
    const testSet = await importTestSet(a);
    const game = await createGame(a, { set: testSet, players: 2, config: { rounds: ['openDoor', 'finale'] } });
    const host = await connect(a.url);
    const p1 = await connect(b.url);
    const screen = await connect(b.url);
    try {
      await join(host, { gameId: game.id, token: game.hostToken });
      await join(p1, { gameId: game.id, token: game.players[0]!.token });
      await join(screen, game.id);
      const seen = next(screen, 'state', (s) => s.phase === 'playing');
      expect(await emit(host, 'command', { type: 'game.start' })).toEqual({ ok: true, version: 3 });
      expect((await seen).version).toBe(3);
      // The host acts through node B too: the version check keeps one sequence across nodes.
      const hostOnB = await connect(b.url);
      await join(hostOnB, { gameId: game.id, token: game.hostToken });
      const onA = next(host, 'state', (s) => s.version === 4);
      expect(await emit(hostOnB, 'command', { type: 'game.pause' })).toEqual({ ok: true, version: 4 });
      await onA;
      expect(await emit(host, 'command', { type: 'game.resume' })).toEqual({ ok: true, version: 5 });
      hostOnB.disconnect();

      const heard = next(p1, 'announcement');
      await a.request('/api/announcements', {
        method: 'POST',
        json: { message: 'both nodes' },
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect((await heard).message).toBe('both nodes');
    } finally {
      closeAll([host, p1, screen]);
    }
  });

  it('when the node that armed a clock dies, another ends the turn once the clock is overdue', async () => {
    const testSet = await importTestSet(b);
    const game = await createGame(b, {
      set: testSet,
      players: 2,
      config: { rounds: ['openDoor', 'finale'], startSeconds: 1 },
    });
    const hostOnA = await connect(a.url);
    const screenOnB = await connect(b.url);
    try {
      await join(hostOnA, { gameId: game.id, token: game.hostToken });
      await join(screenOnB, game.id);
      await emit(hostOnA, 'command', { type: 'game.start' });
      await emit(hostOnA, 'command', { type: 'item.pick', itemId: 'd1' });
      const started = await emit(hostOnA, 'command', { type: 'clock.start' });
      expect(started.ok).toBe(true);
      const ended = next(screenOnB, 'state', (s) => s.version === started.version + 1, 20_000);
      await a.kill(); // node A armed the timer and is gone
      const state = await ended;
      expect(state.clock).toBeNull();
      expect(turnOf(state)?.passed).toHaveLength(1);
    } finally {
      closeAll([hostOnA, screenOnB]);
    }
  });
});
