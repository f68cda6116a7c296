import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, emit, join, sleep } from './support/clients.js';
import { closeAll, createGame, importTestSet, seat } from './support/games.js';
import { type RunningServer, removeDir, startServer } from './support/server.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('bad payloads', () => {
  it('each gets an error ack, changes nothing and the server stays up', async () => {
    const testSet = await importTestSet(server);
    const game = await createGame(server, { set: testSet, players: 2 });
    const other = await createGame(server, { set: testSet, players: 2 });
    const t = await seat(server, game);
    const stranger = await connect(server.url);
    try {
      expect((await emit(t.host, 'command', { type: 'game.start' })).ok).toBe(true);
      const p1 = game.players[0]!.playerId;
      const long = 'x'.repeat(10_000);
      const commandCases: [unknown, string][] = [
        [undefined, 'invalid_command'],
        [null, 'invalid_command'],
        [42, 'invalid_command'],
        ['game.start', 'invalid_command'],
        [[{ type: 'undo' }], 'invalid_command'],
        [{}, 'invalid_command'],
        [{ type: 'nope' }, 'invalid_command'],
        [{ type: '__proto__' }, 'invalid_command'],
        [{ type: 'constructor' }, 'invalid_command'],
        [{ type: 'answer.correct' }, 'invalid_command'],
        [{ type: 'answer.correct', answerId: long }, 'invalid_command'],
        [{ type: 'answer.correct', answerId: { $gt: '' } }, 'invalid_command'],
        [{ type: 'item.pick', itemId: '' }, 'invalid_command'],
        [{ type: 'seconds.adjust', playerId: p1, delta: 1.5 }, 'invalid_command'],
        [{ type: 'seconds.adjust', playerId: p1, delta: 3601 }, 'invalid_command'],
        [{ type: 'seconds.adjust', playerId: p1, delta: '5' }, 'invalid_command'],
        [{ type: 'seconds.adjust', playerId: p1, delta: Number.NaN }, 'invalid_command'],
        [{ type: 'seconds.adjust', playerId: p1, delta: 5, reason: long }, 'invalid_command'],
        [{ type: 'seconds.adjust', playerId: 'p-ghost', delta: 5 }, 'unknown_player'],
        [{ type: 'lobby.seats', order: 'p1' }, 'invalid_command'],
        [{ type: 'lobby.join', playerId: 'p-x', name: 'Mallory' }, 'invalid_command'],
        [{ type: 'clock.expire' }, 'invalid_command'],
        [{ type: 'answer.correct', answerId: 'no-such-answer' }, 'unknown_answer'],
        [{ type: 'game.pause', gameId: other.id }, 'not_in_game'],
        [{ type: 'game.pause', gameId: 42 }, 'invalid_command'],
      ];
      const before = (await server.request(`/api/games/${game.id}`)).body.version;
      for (const [payload, code] of commandCases) {
        const ack = await emit(t.host, 'command', payload);
        expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
        expect(typeof ack.error.message).toBe('string');
      }
      // An emit with no payload at all, only the ack.
      expect(await emit(t.host, 'command')).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
      expect((await server.request(`/api/games/${game.id}`)).body.version).toBe(before);

      const roomCases: [unknown, string][] = [
        [undefined, 'invalid_payload'],
        [42, 'invalid_payload'],
        [{}, 'invalid_payload'],
        [{ gameId: '' }, 'invalid_payload'],
        ['x'.repeat(500), 'invalid_payload'],
        ['has space', 'invalid_payload'],
        [{ gameId: game.id, token: 123 }, 'invalid_payload'],
        [{ gameId: game.id, token: '' }, 'invalid_payload'],
        [{ gameId: game.id, token: 'wrong-token' }, 'forbidden'],
        [{ gameId: 'no-such-game' }, 'invalid_payload'],
        ['no-such-game', 'unknown_game'],
      ];
      for (const [payload, code] of roomCases) {
        const ack = await emit(stranger, 'room', payload);
        expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
      }
      expect(await emit(stranger, 'command', { type: 'undo' })).toMatchObject({ error: { code: 'not_in_game' } });
      expect(await emit(stranger, 'leave', game.id)).toMatchObject({ error: { code: 'not_in_game' } });
      expect(await emit(stranger, 'leave', { nope: 1 })).toMatchObject({ error: { code: 'invalid_payload' } });
      // Emits without an ack, and unknown events, are ignored quietly.
      t.host.emit('command', { type: 'nope' });
      t.host.emit('room', 42);
      t.host.emit('whatever', { a: 1 });

      // A message over the size limit closes that connection only; everything else carries on.
      const big = await connect(server.url);
      const closed = new Promise((resolve) => big.once('disconnect', resolve));
      big.emit('command', { type: 'answer.correct', answerId: 'x'.repeat(100_000) });
      await closed;
      await sleep(100);
      expect((await server.request('/api/health')).status).toBe(200);
      expect((await server.request(`/api/games/${game.id}`)).body.version).toBe(before);
      expect(await emit(t.host, 'command', { type: 'game.pause' })).toEqual({ ok: true, version: before + 1 });
      expect((await join(stranger, game.id)).ack.ok).toBe(true);
    } finally {
      closeAll([...t.all, stranger]);
    }
  });
});
