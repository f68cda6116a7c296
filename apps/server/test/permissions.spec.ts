import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, emit, joinState, type State, turnOf } from './support/clients.js';
import { closeAll, createGame, type ImportedSet, importTestSet, seat, type Table } from './support/games.js';
import { type RunningServer, removeDir, startServer } from './support/server.js';

let server: RunningServer;
let testSet: ImportedSet;

beforeAll(async () => {
  server = await startServer();
  testSet = await importTestSet(server);
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

const HOST_ONLY = [
  'lobby.remove',
  'lobby.seats',
  'game.start',
  'clock.start',
  'answer.correct',
  'answer.wrong',
  'answers.reveal',
  'question.skip',
  'game.next',
  'game.pause',
  'game.resume',
  'seconds.adjust',
  'media.play',
  'undo',
] as const;
const PLAYER_ALLOWED = ['clock.stop', 'item.pick'] as const;
const SERVER_ONLY = ['lobby.join', 'clock.expire'] as const;

/** A well-formed command of each type (the ids may or may not fit the moment). */
function commandOf(type: string, ids: { playerId: string; otherId: string }): Record<string, unknown> {
  switch (type) {
    case 'lobby.remove':
      return { type, playerId: ids.otherId };
    case 'lobby.seats':
      return { type, order: [ids.otherId, ids.playerId] };
    case 'answer.correct':
      return { type, answerId: 'd1a1' };
    case 'item.pick':
      return { type, itemId: 'd2' };
    case 'seconds.adjust':
      return { type, playerId: ids.playerId, delta: 5 };
    case 'lobby.join':
      return { type, playerId: 'p-new', name: 'Mallory' };
    default:
      return { type };
  }
}

async function version(gameId: string): Promise<number> {
  return (await server.request(`/api/games/${gameId}`)).body.version;
}

async function hostState(t: Table, gameId: string, token: string): Promise<State> {
  return joinState(t.host, { gameId, token });
}

describe('who may send what', () => {
  it('spectators and players are refused every host command, in the lobby and in play, and nothing changes', async () => {
    const game = await createGame(server, { set: testSet, players: 2, config: { rounds: ['openDoor', 'finale'] } });
    const t = await seat(server, game);
    try {
      const [p1, p2] = game.players;
      const roles: [string, Client, string][] = [
        ['spectator', t.spectator, ''],
        ['player 1', t.players[0]!, p1!.playerId],
        ['player 2', t.players[1]!, p2!.playerId],
      ];
      for (const phase of ['lobby', 'playing']) {
        if (phase === 'playing') expect((await emit(t.host, 'command', { type: 'game.start' })).ok).toBe(true);
        for (const [name, socket, self] of roles) {
          const other = self === p1!.playerId ? p2!.playerId : p1!.playerId;
          for (const type of [...HOST_ONLY, ...PLAYER_ALLOWED, ...SERVER_ONLY]) {
            if (name !== 'spectator' && (PLAYER_ALLOWED as readonly string[]).includes(type)) continue;
            const before = await version(game.id);
            const ack = await emit(
              socket,
              'command',
              commandOf(type, { playerId: self || p1!.playerId, otherId: other }),
            );
            const expected = (SERVER_ONLY as readonly string[]).includes(type) ? 'invalid_command' : 'forbidden';
            expect(ack, `${name} ${type} in ${phase}`).toMatchObject({ ok: false, error: { code: expected } });
            expect(await version(game.id)).toBe(before);
          }
        }
      }
    } finally {
      closeAll(t.all);
    }
  });

  it('a player may pick and stop only on their own turn; the host may do it for them', async () => {
    const game = await createGame(server, { set: testSet, players: 2, config: { rounds: ['openDoor', 'finale'] } });
    const t = await seat(server, game);
    try {
      const sockets = new Map(game.players.map((p, i) => [p.playerId, t.players[i]!]));
      await emit(t.host, 'command', { type: 'game.start' });
      const s = await hostState(t, game.id, game.hostToken);
      const owner = turnOf(s)!.ownerId;
      const other = game.players.find((p) => p.playerId !== owner)!.playerId;
      const v = await version(game.id);
      expect((await emit(sockets.get(other)!, 'command', { type: 'item.pick', itemId: 'd2' })).error.code).toBe(
        'not_your_turn',
      );
      expect(await emit(sockets.get(owner)!, 'command', { type: 'item.pick', itemId: 'd2' })).toEqual({
        ok: true,
        version: v + 1,
      });
      expect((await emit(sockets.get(owner)!, 'command', { type: 'clock.start' })).error.code).toBe('forbidden');
      expect((await emit(t.host, 'command', { type: 'clock.start' })).ok).toBe(true);
      expect((await emit(sockets.get(other)!, 'command', { type: 'clock.stop' })).error.code).toBe('not_your_turn');
      expect((await emit(sockets.get(owner)!, 'command', { type: 'clock.stop' })).ok).toBe(true);
      // Completion: now the other player answers; the host stops for them.
      expect((await emit(t.host, 'command', { type: 'clock.start' })).ok).toBe(true);
      expect((await emit(sockets.get(owner)!, 'command', { type: 'clock.stop' })).error.code).toBe('not_your_turn');
      expect((await emit(t.host, 'command', { type: 'clock.stop' })).ok).toBe(true);
    } finally {
      closeAll(t.all);
    }
  });

  it('the host can send every command type', async () => {
    const game = await createGame(server, { set: testSet, players: 3, config: { rounds: ['openDoor', 'finale'] } });
    const t = await seat(server, game);
    try {
      const [p1, p2, p3] = game.players.map((p) => p.playerId) as [string, string, string];
      const used = new Set<string>();
      const ok = async (command: Record<string, unknown>) => {
        const ack = await emit(t.host, 'command', command);
        expect(ack, JSON.stringify(command)).toMatchObject({ ok: true });
        used.add(command.type as string);
      };
      await ok({ type: 'lobby.seats', order: [p3, p2, p1] });
      await ok({ type: 'lobby.remove', playerId: p3 });
      await ok({ type: 'game.start' });
      const s = await hostState(t, game.id, game.hostToken);
      expect(turnOf(s)?.stage).toBe('pick');
      await ok({ type: 'item.pick', itemId: 'd3' });
      await ok({ type: 'media.play' });
      await ok({ type: 'clock.start' });
      await ok({ type: 'game.pause' });
      await ok({ type: 'game.resume' });
      await ok({ type: 'answer.correct', answerId: 'd3a2' });
      await ok({ type: 'answer.wrong' });
      await ok({ type: 'seconds.adjust', playerId: p1, delta: -7, reason: 'jury' });
      await ok({ type: 'undo' });
      await ok({ type: 'clock.stop' });
      await ok({ type: 'answers.reveal' });
      await ok({ type: 'game.next' });
      await ok({ type: 'question.skip' });
      expect([...used].sort()).toEqual([...HOST_ONLY, ...PLAYER_ALLOWED].sort());
      // A command that does not fit the moment is refused with the engine's reason and changes nothing.
      const v = await version(game.id);
      const late = await emit(t.host, 'command', { type: 'lobby.seats', order: [p2, p1] });
      expect(late).toMatchObject({ ok: false, error: { code: 'wrong_phase' } });
      expect(await version(game.id)).toBe(v);
    } finally {
      closeAll(t.all);
    }
  });
});
