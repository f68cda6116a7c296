import type { QuestionSetDocument } from '@slimste/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxAvailable, type RunningNginx, startNginx } from '../../../scripts/nginx.mjs';
import { emit, type State, sleep, type TestAck, turnOf } from './support/clients.js';
import { nextStep } from './support/driver.js';
import { createGame, importTestSet } from './support/games.js';
import { type RunningServer, removeDir, requester, startServer } from './support/server.js';

// The way a big event runs Slimste: Debian's nginx (deploy/nginx/slimste.conf, as docs/DEPLOY.md
// gives it) in front of two nodes sharing PostgreSQL and Redis. Every client connects through
// nginx only, reconnecting and joining again by itself as the web app does.
const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

/** A client as the web app is one: it joins again on every (re)connect and keeps what it heard. */
interface LiveClient {
  socket: Socket;
  /** Every `state`, with the local time it arrived. */
  states: { at: number; state: State }[];
  /** When each join (the first, then each after a reconnect) was acked. */
  joinedAt: number[];
  latest(): State;
}

async function liveClient(url: string, payload: unknown, transports = ['websocket']): Promise<LiveClient> {
  const socket = io(`${url}/games`, {
    transports: transports as ('websocket' | 'polling')[],
    forceNew: true,
  });
  const client: LiveClient = {
    socket,
    states: [],
    joinedAt: [],
    latest() {
      const last = client.states.at(-1);
      if (!last) throw new Error('no state yet');
      return last.state;
    },
  };
  socket.on('state', (state: State) => client.states.push({ at: Date.now(), state }));
  socket.on('connect', () => {
    socket.emit('room', payload, (ack: TestAck) => {
      if (ack?.ok) client.joinedAt.push(Date.now());
    });
  });
  const deadline = Date.now() + 10_000;
  while (!client.joinedAt.length || !client.states.length) {
    if (Date.now() > deadline) throw new Error(`could not join through ${url}`);
    await sleep(10);
  }
  return client;
}

async function waitFor<T>(what: string, probe: () => T | undefined | null | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const socketsOn = async (node: RunningServer): Promise<number> => (await node.request('/api/health')).body.sockets;

/** Connects through nginx and tells which node took the connection (from each node's own count). */
async function connectNoting(
  nodes: RunningServer[],
  connect: () => Promise<LiveClient>,
): Promise<{ client: LiveClient; node: RunningServer }> {
  const before = await Promise.all(nodes.map(socketsOn));
  const client = await connect();
  const after = await Promise.all(nodes.map(socketsOn));
  const node = nodes.find((_, i) => after[i]! > before[i]!);
  if (!node) throw new Error(`no node took the socket: ${before} -> ${after}`);
  return { client, node };
}

/** The seconds a screen shows for `playerId` at local time `t`, from the last state it had then. */
function shownSeconds(client: LiveClient, playerId: string, t: number): number | null {
  const heard = client.states.filter((s) => s.at <= t).at(-1);
  if (!heard) return null;
  const { state, at } = heard;
  const player = state.players.find((p) => p.id === playerId);
  if (!player) return null;
  const clock = state.clock;
  // The web's clockValue and wholeSeconds: counted down from the clock's timestamps, in server time.
  const serverNow = state.serverTime + (t - at);
  const ms =
    clock && !state.paused && clock.playerId === playerId
      ? Math.max(0, clock.msAtStart - (serverNow - clock.startedAt))
      : player.ms;
  return Math.max(0, Math.ceil(ms / 1000));
}

describe.runIf(databaseUrl && redisUrl && nginxAvailable())('two nodes behind nginx (PostgreSQL + Redis)', () => {
  const env = { DATABASE_URL: databaseUrl!, REDIS_URL: redisUrl! };
  let a: RunningServer;
  let b: RunningServer;
  let lb: RunningNginx;
  const clients: LiveClient[] = [];

  /**
   * A (re)started node gets sockets through nginx again: nginx never marks a node down
   * (max_fails=0), so least_conn sends it the next new ones (spectators of `gameId` here).
   */
  async function takesConnections(node: RunningServer, gameId: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while ((await socketsOn(node)) === 0 && Date.now() < deadline) {
      clients.push(await liveClient(lb.url, gameId));
      await sleep(250);
    }
    expect(await socketsOn(node)).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    a = await startServer({ env });
    b = await startServer({ env });
    lb = await startNginx({ ports: [a.port, b.port] });
  });
  afterAll(async () => {
    for (const c of clients) c.socket.disconnect();
    await lb?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    if (a) removeDir(a.dataDir);
    if (b) removeDir(b.dataDir);
  });

  it('plays a whole game through nginx; a node killed mid-clock is not noticed: the other ends the clock on time and play goes on', async () => {
    const viaLb = { request: requester(lb.url) };
    const testSet = await importTestSet(viaLb);
    const set: QuestionSetDocument = testSet.document;
    const game = await createGame(viaLb, { set: testSet, config: { threeSixNine: { questions: 3 } } });
    const nodes = [a, b];
    const placed = [];
    for (const payload of [
      { gameId: game.id, token: game.hostToken },
      ...game.players.map((p) => ({ gameId: game.id, token: p.token })),
      game.id,
    ]) {
      const seat = await connectNoting(nodes, () => liveClient(lb.url, payload));
      clients.push(seat.client);
      placed.push(seat);
    }
    const [host, ...rest] = placed;
    const players = rest.slice(0, 3);
    const screen = rest[3]!;
    // nginx spreads the sockets: the host's node is not every player's.
    expect(players.some((p) => p.node !== host!.node)).toBe(true);
    const doomed = host!.node; // the host's node starts the clock, so it is the one that armed it
    const survivor = doomed === a ? b : a;
    const onDoomed = placed.filter((p) => p.node === doomed).map((p) => p.client);
    const byPlayer = new Map(game.players.map((p, i) => [p.playerId, players[i]!.client]));

    const acked: number[] = [];
    const send = async (client: LiveClient, command: Record<string, unknown>, expected: number) => {
      const ack = await emit(client.socket, 'command', { ...command, gameId: game.id });
      expect(ack, JSON.stringify(command)).toEqual({ ok: true, version: expected });
      acked.push(ack.version);
      return ack.version;
    };
    const hostState = () => host!.client.latest();
    const versionSeen = (v: number) => waitFor(`version ${v} at the host`, () => hostState().version >= v);

    const goLog = new Map<string, number>();
    let version = hostState().version;
    let failover: { killedAt: number; clockStart: State; dueAt: number; answererId: string; restored: number } | null =
      null;
    for (let steps = 0; steps < 2000; steps++) {
      const current = hostState();
      const step = nextStep(current, set, goLog);
      if (!step) break;
      const turn = turnOf(current);
      if (
        !failover &&
        current.round?.kind === 'openDoor' &&
        turn?.stage === 'ready' &&
        step.command.type === 'clock.start'
      ) {
        // The answerer gets 3 s, the host starts their clock on the doomed node, and that node dies.
        const answererId = turn.answererId;
        const ms = current.players.find((p) => p.id === answererId)!.ms;
        version = await send(
          host!.client,
          { type: 'seconds.adjust', playerId: answererId, delta: 3 - Math.ceil(ms / 1000) },
          version + 1,
        );
        version = await send(host!.client, { type: 'clock.start' }, version + 1);
        await versionSeen(version);
        const clockStart = hostState();
        const clock = clockStart.clock!;
        await sleep(400);
        const killedAt = Date.now();
        await doomed.kill();
        failover = { killedAt, clockStart, dueAt: clock.startedAt + clock.msAtStart, answererId, restored: 0 };
        // Every client of the dead node is back, through nginx, on the other one.
        await waitFor(
          'the clients to rejoin',
          () => onDoomed.every((c) => c.joinedAt.length >= 2 && c.socket.connected),
          15_000,
        );
        // The survivor ended the clock, once, when it reached 0.
        const ended = await waitFor(
          'the clock to end',
          () => screen.client.states.find((s) => s.state.version === version + 1),
          15_000,
        );
        expect(ended.state.clock?.playerId ?? null).not.toBe(answererId);
        expect(ended.state.players.find((p) => p.id === answererId)!.ms).toBe(0);
        expect(ended.state.events.filter((e) => e.type === 'clock.stopped' && e.reason === 'time_up')).toHaveLength(1);
        // On time: the survivor armed the clock when the first client rejoined it (its sweep for
        // clocks a dead node left would take 5-10 s).
        expect(ended.at - failover.dueAt).toBeLessThan(2500);
        version += 1;
        await versionSeen(version);
        const outage = Math.max(...onDoomed.map((c) => c.joinedAt[1]! - killedAt));
        // The answerer gets back the seconds they had, so the rest of the game plays as usual.
        version = await send(
          host!.client,
          { type: 'seconds.adjust', playerId: answererId, delta: Math.ceil(ms / 1000) },
          version + 1,
        );
        await versionSeen(version);
        failover.restored = version;
        console.log(
          `failover: ${onDoomed.length} clients without a server for at most ${outage} ms; the clock (due ${failover.dueAt - killedAt} ms after the kill) ended ${ended.at - failover.dueAt} ms after it reached 0`,
        );
        continue;
      }
      const client = step.by === 'host' ? host!.client : byPlayer.get(step.by)!;
      version = await send(client, step.command, version + 1);
      await versionSeen(version);
    }
    expect(hostState().phase).toBe('finished');
    expect(failover).not.toBeNull();
    const kinds = new Set(host!.client.states.flatMap((s) => (s.state.round ? [s.state.round.kind] : [])));
    expect(kinds.size).toBe(6);

    // One sequence: every acked version is one more than the one before (the clock's end between them).
    const expected = acked.map((_, i) => acked[0]! + i);
    const gap = acked.findIndex((v, i) => v !== expected[i]);
    expect(acked.slice(0, gap)).toEqual(expected.slice(0, gap)); // before the time-out
    expect(acked.slice(gap)).toEqual(acked.slice(gap).map((_, i) => acked[gap]! + i)); // after it
    expect(acked[gap]! - acked[gap - 1]!).toBe(2); // the time-out's own version between
    // Nothing acked was lost: the stored game is at the last version, finished.
    const stored = await survivor.request(`/api/games/${game.id}`);
    expect(stored.body).toMatchObject({ phase: 'finished', version });
    // Every client heard every version up to the end, in order (those on the other node a Redis
    // hop after the host).
    for (const c of clients.slice(0, 5)) {
      await waitFor('the last version at every client', () => c.states.some((s) => s.state.version === version));
      const versions = c.states.map((s) => s.state.version);
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
      expect(versions.at(-1)).toBe(version);
    }

    // The TV never showed a wrong second: sampled every 20 ms from the clock's start until the
    // host gave the seconds back, what the screen showed is what the clock's timestamps say (to
    // the second; the edges of a second may fall either side), counting down, never up.
    const { clockStart, dueAt, answererId, restored } = failover!;
    const startedAt = clockStart.clock!.startedAt;
    const screenStart = screen.client.states.find((s) => s.state.version === clockStart.version)!.at;
    const screenRestored = screen.client.states.find((s) => s.state.version === restored)!.at;
    let previous = Number.POSITIVE_INFINITY;
    for (let t = screenStart; t < screenRestored; t += 20) {
      const shown = shownSeconds(screen.client, answererId, t)!;
      const truth = Math.max(0, Math.ceil((dueAt - (startedAt + (t - screenStart))) / 1000));
      expect(Math.abs(shown - truth), `at ${t - screenStart} ms`).toBeLessThanOrEqual(1);
      expect(shown).toBeLessThanOrEqual(previous);
      previous = shown;
    }
    expect(previous).toBe(0);

    // The killed node comes back and takes new connections again.
    const back = await startServer({ port: doomed.port, env });
    if (doomed === a) a = back;
    else b = back;
    await takesConnections(back, game.id);
  });

  it('a rolling restart, node by node (SIGTERM, then start again), does not stop a game', async () => {
    const viaLb = { request: requester(lb.url) };
    const testSet = await importTestSet(viaLb);
    const game = await createGame(viaLb, { set: testSet, players: 3 });
    // The earlier tests' sockets go, so that nginx (least_conn) spreads these over both nodes.
    for (const c of clients.splice(0)) c.socket.disconnect();
    const seats: LiveClient[] = [];
    const nodeOf = new Map<LiveClient, 'a' | 'b'>();
    for (const payload of [
      { gameId: game.id, token: game.hostToken },
      ...game.players.map((p) => ({ gameId: game.id, token: p.token })),
      game.id,
    ]) {
      const seat = await connectNoting([a, b], () => liveClient(lb.url, payload));
      seats.push(seat.client);
      nodeOf.set(seat.client, seat.node === a ? 'a' : 'b');
    }
    clients.push(...seats);
    expect(new Set(nodeOf.values()).size).toBe(2);
    const host = seats[0]!;
    let version = (await emit(host.socket, 'command', { type: 'game.start', gameId: game.id })).version;
    const everyoneAt = (v: number) =>
      waitFor(`version ${v} at every client`, () => seats.every((c) => c.latest().version === v), 15_000);
    const adjust = async () => {
      const ack = await emit(host.socket, 'command', {
        type: 'seconds.adjust',
        playerId: game.players[0]!.playerId,
        delta: 1,
        gameId: game.id,
      });
      expect(ack).toEqual({ ok: true, version: version + 1 });
      version = ack.version;
      await everyoneAt(version);
    };
    await adjust();
    for (const which of ['a', 'b'] as const) {
      const node = which === 'a' ? a : b;
      const joins = seats.map((c) => c.joinedAt.length);
      await node.stop(); // what a deploy does: SIGTERM
      // Its clients (if any) rejoin the other node; the game goes on for everyone.
      await waitFor('every client connected', () => seats.every((c) => c.socket.connected), 15_000);
      await adjust();
      const fresh = await startServer({ port: node.port, env });
      if (which === 'a') a = fresh;
      else b = fresh;
      // The new node takes connections again before the next one goes.
      await takesConnections(fresh, game.id);
      // Those that were on the stopped node joined again (on the other); the rest stayed put.
      for (const [i, c] of seats.entries()) {
        if (nodeOf.get(c) === which) {
          expect(c.joinedAt.length).toBeGreaterThan(joins[i]!);
          nodeOf.set(c, which === 'a' ? 'b' : 'a');
        } else expect(c.joinedAt.length).toBe(joins[i]);
      }
    }
    await adjust();
    const stored = await a.request(`/api/games/${game.id}`);
    expect(stored.body).toMatchObject({ phase: 'playing', version });
  });

  it('commands for one game on both nodes at the same instant: each applied once or refused, one sequence', async () => {
    const viaLb = { request: requester(lb.url) };
    const testSet = await importTestSet(viaLb);
    const game = await createGame(viaLb, { set: testSet, players: 2, config: { rounds: ['openDoor', 'finale'] } });
    const hostPayload = { gameId: game.id, token: game.hostToken };
    const nodes = [a, b];
    const first = await connectNoting(nodes, () => liveClient(lb.url, hostPayload));
    clients.push(first.client);
    let second = await connectNoting(nodes, () => liveClient(lb.url, hostPayload));
    clients.push(second.client);
    while (second.node === first.node) {
      second = await connectNoting(nodes, () => liveClient(lb.url, hostPayload));
      clients.push(second.client);
    }
    const started = await emit(first.client.socket, 'command', { type: 'game.start', gameId: game.id });
    const playerId = game.players[0]!.playerId;
    const versions: number[] = [];
    let added = 0;
    for (let i = 0; i < 100; i++) {
      const acks = await Promise.all([
        emit(first.client.socket, 'command', { type: 'seconds.adjust', playerId, delta: 1, gameId: game.id }),
        emit(second.client.socket, 'command', { type: 'seconds.adjust', playerId, delta: 2, gameId: game.id }),
      ]);
      for (const [k, ack] of acks.entries()) {
        if (ack.ok) {
          versions.push(ack.version);
          added += k === 0 ? 1 : 2;
        } else expect(ack.error.code).toBe('conflict');
      }
    }
    versions.sort((x, y) => x - y);
    expect(versions).toEqual(versions.map((_, i) => started.version + 1 + i));
    const last = versions.at(-1)!;
    const final = await waitFor('the last version', () => first.client.states.find((s) => s.state.version === last));
    expect(final.state.players.find((p) => p.id === playerId)!.seconds).toBe(60 + added);
  });

  it('a long-polling client (an older one) keeps its session on one node and plays', async () => {
    const viaLb = { request: requester(lb.url) };
    const testSet = await importTestSet(viaLb);
    const game = await createGame(viaLb, { set: testSet, players: 2, config: { rounds: ['openDoor', 'finale'] } });
    const host = await liveClient(lb.url, { gameId: game.id, token: game.hostToken }, ['polling']);
    const screen = await liveClient(lb.url, game.id, ['polling', 'websocket']);
    clients.push(host, screen);
    for (let i = 0; i < 20; i++) {
      const command = i
        ? { type: 'seconds.adjust', playerId: game.players[0]!.playerId, delta: 1 }
        : { type: 'game.start' };
      const ack = await emit(host.socket, 'command', { ...command, gameId: game.id });
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
      await waitFor(`version ${ack.version} on the screen`, () => screen.latest().version === ack.version);
    }
    expect(host.socket.io.engine.transport.name).toBe('polling');
    expect(host.joinedAt).toHaveLength(1);
    expect(screen.joinedAt).toHaveLength(1);
  });
});
