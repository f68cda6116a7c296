import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, connect, emit, joinState, next, playerOf, type State, sleep, turnOf } from './support/clients.js';
import { closeAll, createGame, type ImportedSet, importTestSet, seat } from './support/games.js';
import { type RunningServer, removeDir, startServer, storageModes, tempDataDir } from './support/server.js';

const TURN_ROUNDS = { rounds: ['openDoor', 'finale'] };

/** Starts the game and brings the first Open Deur turn to a running clock; returns the answerer. */
async function runClock(host: Client, playerSockets: Map<string, Client>): Promise<string> {
  expect((await emit(host, 'command', { type: 'game.start' })).ok).toBe(true);
  const picking = await stateOf(host);
  const owner = turnOf(picking)!.ownerId;
  const pick = await emit(playerSockets.get(owner)!, 'command', { type: 'item.pick', itemId: 'd1' });
  expect(pick.ok).toBe(true);
  expect((await emit(host, 'command', { type: 'clock.start' })).ok).toBe(true);
  return owner;
}

/** Which game each host socket runs, so its state can be fetched again by re-joining. */
const hostedGame = new WeakMap<Client, { gameId: string; token: string }>();

/** The host's current state, fetched by re-joining. */
async function stateOf(host: Client): Promise<State> {
  return joinState(host, hostedGame.get(host));
}

async function table(server: RunningServer, testSet: ImportedSet, startSeconds: number) {
  const game = await createGame(server, { set: testSet, players: 2, config: { ...TURN_ROUNDS, startSeconds } });
  const t = await seat(server, game);
  hostedGame.set(t.host, { gameId: game.id, token: game.hostToken });
  const sockets = new Map(game.players.map((p, i) => [p.playerId, t.players[i]!]));
  return { game, t, sockets };
}

describe.each(storageModes())('clocks and crashes ($name)', ({ env }) => {
  let dataDir: string;
  let server: RunningServer;
  let testSet: ImportedSet;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer({ dataDir, env });
    testSet = await importTestSet(server);
  });
  afterAll(async () => {
    await server?.stop();
    removeDir(dataDir);
  });

  it('a clock that reaches 0 ends the turn by itself, and everybody hears of it', async () => {
    const { game, t, sockets } = await table(server, testSet, 1);
    try {
      const owner = await runClock(t.host, sockets);
      const ended = await next(
        t.spectator,
        'state',
        (s) => Boolean(turnOf(s)?.passed.includes(owner)) && s.clock?.playerId !== owner,
        4000,
      );
      expect(playerOf(ended, owner).seconds).toBe(0);
      const events = await server.request(`/api/games/${game.id}`);
      expect(events.body.version).toBe(ended.version);
    } finally {
      closeAll(t.all);
    }
  });

  it('after kill -9 and a restart every game is back at its version and seconds; a clock that ran out while down has ended its turn', async () => {
    // Game B: a long clock that is still running after the restart.
    const b = await table(server, testSet, 300);
    const ownerB = await runClock(b.t.host, b.sockets);
    const beforeB = await stateOf(b.t.host);
    // Game C: a lobby, where nothing runs.
    const c = await createGame(server, { set: testSet, players: 2 });
    const beforeC = (await server.request(`/api/games/${c.id}`)).body;
    // Game A, last, so the kill follows closely: a 2-second clock that runs out while the server is down.
    const a = await table(server, testSet, 2);
    const ownerA = await runClock(a.t.host, a.sockets);
    const beforeA = await stateOf(a.t.host);
    closeAll([...a.t.all, ...b.t.all]);

    await server.kill();
    await sleep(2500);
    server = await startServer({ dataDir, port: server.port, env });

    // A: the clock.expire ran at boot: one version more, the owner at 0 and no longer answering.
    const host = await connect(server.url);
    try {
      const afterA = await joinState(host, { gameId: a.game.id, token: a.game.hostToken });
      expect(afterA.version).toBe(beforeA.version + 1);
      expect(playerOf(afterA, ownerA).seconds).toBe(0);
      expect(turnOf(afterA)?.passed).toContain(ownerA);
      expect(afterA.clock).toBeNull();
      const others = afterA.players.filter((p) => p.id !== ownerA);
      for (const p of others) expect(p.seconds).toBe(playerOf(beforeA, p.id).seconds);

      // B: same version, the same running clock (same timestamps), so the same seconds as its timestamps say.
      const afterB = await joinState(host, { gameId: b.game.id, token: b.game.hostToken });
      expect(afterB.version).toBe(beforeB.version);
      expect(afterB.clock).toEqual(beforeB.clock);
      expect(afterB.players).toEqual(beforeB.players);
      const running = afterB.clock!;
      expect(running.playerId).toBe(ownerB);
      const left = running.msAtStart - (Date.now() - running.startedAt);
      expect(left).toBeGreaterThan(240_000); // still running: the same timestamps, however slow the restart
      expect(left).toBeLessThan(300_000 - 2500);

      // C: unchanged.
      expect((await server.request(`/api/games/${c.id}`)).body).toEqual(beforeC);

      // Play goes on: the player stops their own clock in B.
      const player = await connect(server.url);
      const token = b.game.players.find((p) => p.playerId === ownerB)!.token;
      await joinState(player, { gameId: b.game.id, token });
      expect(await emit(player, 'command', { type: 'clock.stop', gameId: b.game.id })).toEqual({
        ok: true,
        version: beforeB.version + 1,
      });
      player.disconnect();
    } finally {
      host.disconnect();
    }
  });

  it('kill -9 in the middle of many commands: every acked command is stored, versions have no gap', async () => {
    // Eight games, each host correcting seconds as fast as acks come back, commits grouped per tick.
    const games: {
      game: Awaited<ReturnType<typeof createGame>>;
      host: Client;
      base: number;
      acked: number;
      deltas: number[];
    }[] = [];
    for (let i = 0; i < 8; i++) {
      const game = await createGame(server, { set: testSet, players: 2, config: TURN_ROUNDS });
      const host = await connect(server.url);
      const start = await joinState(host, { gameId: game.id, token: game.hostToken });
      expect((await emit(host, 'command', { type: 'game.start' })).ok).toBe(true);
      games.push({ game, host, base: start.version + 1, acked: 0, deltas: [] });
    }
    let stop = false;
    const streams = games.map(async (g) => {
      const playerId = g.game.players[0]!.playerId;
      for (let n = 0; !stop; n++) {
        const delta = (n % 7) - 3;
        g.deltas.push(delta);
        const ack = await emit(g.host, 'command', { type: 'seconds.adjust', playerId, delta }).catch(() => null);
        if (!ack?.ok) return;
        g.acked = ack.version;
      }
    });
    // Kill while every stream is going (however loaded the machine is).
    await expect.poll(() => Math.min(...games.map((g) => g.acked - g.base)), { timeout: 30_000 }).toBeGreaterThan(5);
    await server.kill();
    stop = true;
    await Promise.all(streams);
    closeAll(games.map((g) => g.host));
    server = await startServer({ dataDir, port: server.port, env });

    const host = await connect(server.url);
    try {
      for (const g of games) {
        const after = await joinState(host, { gameId: g.game.id, token: g.game.hostToken });
        // Nothing acked is lost; at most the commands in flight at the kill are stored unacked.
        expect(after.version).toBeGreaterThanOrEqual(g.acked);
        const applied = after.version - g.base;
        const sum = g.deltas.slice(0, applied).reduce((a, b) => a + b, 0);
        expect(playerOf(after, g.game.players[0]!.playerId).seconds).toBe(60 + sum);
        const log = (await server.request(`/api/games/${g.game.id}`)).body;
        expect(log.version).toBe(after.version);
      }
    } finally {
      host.disconnect();
    }
  });
});
