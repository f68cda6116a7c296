import type { QuestionSetDocument } from '@slimste/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, connect, emit, join, record, sleep } from './support/clients.js';
import { nextStep } from './support/driver.js';
import { closeAll, createGame, importTestSet, seat, type Table } from './support/games.js';
import { type RunningServer, removeDir, startServer } from './support/server.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

const EXTRA_SPECTATORS = 10;

/** Plays `steps` commands of a game (3-6-9 and Open Deur), the way the driver would. */
async function play(
  table: Table,
  game: Awaited<ReturnType<typeof createGame>>,
  set: QuestionSetDocument,
  steps: number,
) {
  const sockets = new Map(game.players.map((p, i) => [p.playerId, table.players[i]!]));
  const hostStates = record(table.host, 'state');
  const goLog = new Map<string, number>();
  let current = table.hostState;
  for (let i = 0; i < steps; i++) {
    const step = nextStep(current, set, goLog);
    if (!step) break;
    const socket = step.by === 'host' ? table.host : sockets.get(step.by)!;
    const ack = await emit(socket, 'command', step.command);
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    await expect.poll(() => hostStates.some((s) => s.version === ack.version)).toBe(true);
    current = hostStates.find((s) => s.version === ack.version)!;
  }
  return current.version;
}

describe('two games side by side', () => {
  it('with many sockets each, not one state or event crosses over', async () => {
    const testSet = await importTestSet(server);
    const set = testSet.document;
    const config = { rounds: ['threeSixNine', 'openDoor', 'finale'], threeSixNine: { questions: 6 } };
    const games = [
      await createGame(server, { set: testSet, config }),
      await createGame(server, { set: testSet, config }),
    ];
    const tables = [await seat(server, games[0]!), await seat(server, games[1]!)];
    const watchers: Client[][] = [[], []];
    for (const [i, game] of games.entries()) {
      for (let k = 0; k < EXTRA_SPECTATORS; k++) {
        const s = await connect(server.url);
        await join(s, game.id);
        watchers[i]!.push(s);
      }
    }
    const sockets = tables.map((t, i) => [...t.all, ...watchers[i]!]);
    const states = sockets.map((group) => group.map((s) => record(s, 'state')));
    // The events of each action ride in its state, in the receiving role's terms.
    const events = states.map((group) => group.map((received) => received));
    try {
      // Both games at once.
      const [va, vb] = await Promise.all([play(tables[0]!, games[0]!, set, 40), play(tables[1]!, games[1]!, set, 25)]);
      await sleep(300);
      for (const g of [0, 1]) {
        const gameId = games[g]!.id;
        const last = g === 0 ? va : vb;
        for (const [k, received] of states[g]!.entries()) {
          expect(received.length, `socket ${k} of game ${g}`).toBeGreaterThan(0);
          for (const s of received) expect(s.gameId).toBe(gameId);
          expect(received.at(-1)?.version).toBe(last);
        }
        for (const received of events[g]!) for (const e of received) expect(e.gameId).toBe(gameId);
        // Only the host hears answers by the set's ids; the others by their place ("1".."n").
        const [hostEvents = [], ...others] = events[g]!;
        const found = (list: typeof hostEvents) =>
          list.flatMap((m) => m.events).filter((e) => e.type === 'answer.found') as { answerId: string }[];
        expect(found(hostEvents).length).toBeGreaterThan(0);
        for (const list of others) for (const e of found(list)) expect(e.answerId).toMatch(/^\d+$/);
      }
      // A player's view is their own: player states name them, spectators' name nobody.
      for (const [g, t] of tables.entries()) {
        t.players.forEach((_, i) => {
          const mine = states[g]![1 + i]!;
          for (const s of mine) expect(s.playerId).toBe(games[g]!.players[i]!.playerId);
        });
        const spectators = states[g]!.slice(1 + t.players.length);
        for (const s of spectators.flat()) expect(s).toMatchObject({ role: 'spectator', playerId: null });
      }
    } finally {
      for (const group of sockets) closeAll(group);
    }
  });
});
