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

  it('commands for one game arriving at both nodes at the same instant: each applied once, one sequence', async () => {
    const testSet = await importTestSet(a);
    const game = await createGame(a, { set: testSet, players: 2, config: { rounds: ['openDoor', 'finale'] } });
    const onA = await connect(a.url);
    const onB = await connect(b.url);
    const screen = await connect(a.url);
    try {
      await join(onA, { gameId: game.id, token: game.hostToken });
      await join(onB, { gameId: game.id, token: game.hostToken });
      await join(screen, game.id);
      const started = await emit(onA, 'command', { type: 'game.start' });
      const playerId = game.players[0]!.playerId;
      const versions: number[] = [];
      let applied = 0;
      for (let i = 0; i < 40; i++) {
        // +1 through node A and +2 through node B, sent together.
        const acks = await Promise.all([
          emit(onA, 'command', { type: 'seconds.adjust', playerId, delta: 1 }),
          emit(onB, 'command', { type: 'seconds.adjust', playerId, delta: 2 }),
        ]);
        for (const [k, ack] of acks.entries()) {
          if (ack.ok) {
            versions.push(ack.version);
            applied += k === 0 ? 1 : 2;
          } else expect(ack.error.code).toBe('conflict');
        }
      }
      // Never lost, never twice: the acked versions follow on from the start without a gap or a repeat.
      versions.sort((x, y) => x - y);
      expect(versions).toEqual(versions.map((_, i) => started.version + 1 + i));
      expect(versions.length).toBeGreaterThanOrEqual(40);
      const last = versions.at(-1)!;
      const final = await next(screen, 'state', (s) => s.version === last, 10_000).catch(async () => {
        const again = await connect(b.url);
        const { state } = await join(again, game.id);
        again.disconnect();
        return state!;
      });
      expect(final.players.find((p) => p.id === playerId)?.seconds).toBe(60 + applied);
    } finally {
      closeAll([onA, onB, screen]);
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
