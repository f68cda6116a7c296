import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emit, next, playerOf } from './support/clients.js';
import { assertNoUnrevealedAnswers, playToEnd } from './support/driver.js';
import { closeAll, createGame, importTestSet, seat } from './support/games.js';
import { type RunningServer, removeDir, startServer, storageModes } from './support/server.js';

describe.each(storageModes())('a whole game over the socket protocol ($name)', ({ env }) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('plays the demo set (3-6-9, Open Deur, finale) from lobby to winner', async () => {
    const set = (await server.request('/api/question-sets/demo-nl')).body.document;
    const game = await createGame(server, {
      set: 'demo-nl',
      config: { rounds: ['threeSixNine', 'openDoor', 'finale'], threeSixNine: { questions: 6 } },
    });
    const table = await seat(server, game);
    try {
      expect(table.hostState).toMatchObject({ gameId: game.id, version: 3, phase: 'lobby', role: 'host' });
      expect(table.hostState.players.map((p) => p.name)).toEqual(['Player 1', 'Player 2', 'Player 3']);
      const played = await playToEnd(table, game, set);
      const result = played.finalHost.result!;
      expect(result.winnerId).toBeTruthy();
      expect(result.finalists).toHaveLength(2);
      expect(result.slimsteVanDeDagId).toBeTruthy();
      // Every socket saw the same versions, in order, ending at the host's.
      for (const states of played.received.values()) {
        const versions = states.map((s) => s.version);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
        expect(versions.at(-1)).toBe(played.finalHost.version);
      }
      // The stored game agrees.
      const summary = await server.request(`/api/games/${game.id}`);
      expect(summary.body).toMatchObject({ phase: 'finished', version: played.finalHost.version });
    } finally {
      closeAll(table.all);
    }
  });

  it('plays every round of a set of our own; players and the screen never see a hidden answer', async () => {
    const testSet = await importTestSet(server);
    const set = testSet.document;
    const game = await createGame(server, { set: testSet, config: { threeSixNine: { questions: 6 } } });
    const table = await seat(server, game);
    try {
      const played = await playToEnd(table, game, set);
      expect(played.steps).toBeGreaterThan(60);
      expect(played.finalHost.phase).toBe('finished');
      const kinds = new Set(played.received.get(table.host)!.flatMap((s) => (s.round ? [s.round.kind] : [])));
      expect([...kinds].sort()).toEqual(
        ['collectiveMemory', 'finale', 'gallery', 'openDoor', 'puzzle', 'threeSixNine'].sort(),
      );
      // The host sees answers the others do not (at the first Open Deur question in play).
      const hostOpen = played.received
        .get(table.host)!
        .find((s) => s.round?.kind === 'openDoor' && s.round.turn?.stage === 'answering')!;
      expect(JSON.stringify(hostOpen)).toContain('SECRET');
      const playerOpen = played.received.get(table.players[0]!)!.find((s) => s.version === hostOpen.version)!;
      assertNoUnrevealedAnswers(playerOpen);
      // What happened rides in each state: the screen heard the end of the game.
      const screenStates = played.received.get(table.spectator)!;
      expect(screenStates.some((s) => s.events.some((e) => e.type === 'game.finished'))).toBe(true);
    } finally {
      closeAll(table.all);
    }
  });

  it('undo takes back the last action and seconds.adjust changes a score, for everyone', async () => {
    const testSet = await importTestSet(server);
    const game = await createGame(server, { set: testSet, players: 2 });
    const table = await seat(server, game);
    try {
      const p1 = game.players[0]!.playerId;
      expect((await emit(table.host, 'command', { type: 'game.start' })).ok).toBe(true);
      const seen = next(table.spectator, 'state', (s) => playerOf(s, p1).seconds === 75);
      const adjust = await emit(table.host, 'command', {
        type: 'seconds.adjust',
        playerId: p1,
        delta: 15,
        reason: 'jury',
      });
      expect(adjust.ok).toBe(true);
      await seen;
      const back = next(table.players[0]!, 'state', (s) => s.version === adjust.version + 1);
      expect(await emit(table.host, 'command', { type: 'undo' })).toEqual({ ok: true, version: adjust.version + 1 });
      expect(playerOf(await back, p1).seconds).toBe(60);
    } finally {
      closeAll(table.all);
    }
  });
});
