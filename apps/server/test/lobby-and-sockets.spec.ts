import type { Announcement } from '@slimste/protocol';
import { io } from 'socket.io-client';
import ioV2 from 'socket.io-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, emit, join, joinState, next, record, type State, sleep, type TestAck } from './support/clients.js';
import { bearer, closeAll, createGame, type ImportedSet, importTestSet, seat } from './support/games.js';
import { ADMIN_TOKEN, type RunningServer, removeDir, startServer } from './support/server.js';

let server: RunningServer;
let testSet: ImportedSet;
const tokens: string[] = [];

beforeAll(async () => {
  server = await startServer();
  testSet = await importTestSet(server);
  tokens.push(testSet.editToken);
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('the lobby', () => {
  it('shows players joining live, reorders seats, removes a player for good, and closes at the start', async () => {
    const created = await server.request('/api/games', {
      method: 'POST',
      json: { questionSetId: testSet.id },
      headers: bearer(testSet.editToken),
    });
    const { id: gameId, code, hostToken } = created.body;
    tokens.push(hostToken);
    const host = await connect(server.url);
    const screen = await connect(server.url);
    try {
      const joined = await join(host, { gameId, token: hostToken });
      expect(joined.ack).toEqual({ ok: true, gameId, role: 'host' });
      expect(joined.state).toMatchObject({ gameId, version: 0, phase: 'lobby', players: [] });
      expect((await join(screen, gameId)).ack).toMatchObject({ ok: true, role: 'spectator' });

      const players = [];
      for (const name of ['Ann', 'Bob', 'Cas']) {
        const live = next(host, 'state', (s) => s.players.some((p) => p.name === name));
        const res = await server.request(`/api/games/${code}/players`, { method: 'POST', json: { name } });
        expect(res.status).toBe(201);
        tokens.push(res.body.token);
        players.push(res.body);
        await live;
      }
      const [ann, bob, cas] = players;
      const bobSocket = await connect(server.url);
      const bobJoin = await join(bobSocket, { gameId, token: bob.token });
      expect(bobJoin.ack).toEqual({ ok: true, gameId, role: 'player', playerId: bob.playerId });
      expect(bobJoin.state).toMatchObject({ role: 'player', playerId: bob.playerId });

      const seats = await emit(host, 'command', {
        type: 'lobby.seats',
        order: [cas.playerId, ann.playerId, bob.playerId],
      });
      expect(seats.ok).toBe(true);
      const summary = await server.request(`/api/games/${gameId}`);
      expect(summary.body.players.map((p: { name: string; seat: number }) => [p.name, p.seat])).toEqual(
        expect.arrayContaining([
          ['Cas', 1],
          ['Ann', 2],
          ['Bob', 3],
        ]),
      );

      // Removing Bob: his socket is told and disconnected, his token opens nothing any more.
      const removed = next(bobSocket, 'removed');
      const gone = new Promise((resolve) => bobSocket.once('disconnect', resolve));
      expect((await emit(host, 'command', { type: 'lobby.remove', playerId: bob.playerId })).ok).toBe(true);
      expect(await removed).toEqual({ gameId, playerId: bob.playerId });
      await gone;
      const again = await connect(server.url);
      const refused = await join(again, { gameId, token: bob.token });
      expect(refused.ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      again.disconnect();

      // The freed seat can be taken; after the start nobody can join.
      const dan = await server.request(`/api/games/${code}/players`, { method: 'POST', json: { name: 'Dan' } });
      expect(dan.status).toBe(201);
      tokens.push(dan.body.token);
      expect((await emit(host, 'command', { type: 'game.start' })).ok).toBe(true);
      const late = await server.request(`/api/games/${code}/players`, { method: 'POST', json: { name: 'Eve' } });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('already_started');
    } finally {
      closeAll([host, screen]);
    }
  });
});

describe('sockets', () => {
  it('a token of one game opens no other; an unknown game is refused', async () => {
    const a = await createGame(server, { set: testSet, players: 2 });
    const b = await createGame(server, { set: testSet, players: 2 });
    tokens.push(a.hostToken, b.hostToken, ...a.players.map((p) => p.token), ...b.players.map((p) => p.token));
    const socket = await connect(server.url);
    try {
      expect((await join(socket, { gameId: b.id, token: a.hostToken })).ack.error.code).toBe('forbidden');
      expect((await join(socket, { gameId: b.id, token: a.players[0]!.token })).ack.error.code).toBe('forbidden');
      expect((await join(socket, 'no-such-game')).ack.error.code).toBe('unknown_game');
    } finally {
      socket.disconnect();
    }
  });

  it('a player who reconnects is back in their seat with a full state', async () => {
    const game = await createGame(server, { set: testSet, players: 2 });
    tokens.push(game.hostToken, ...game.players.map((p) => p.token));
    const first = await connect(server.url);
    await join(first, { gameId: game.id, token: game.players[1]!.token });
    first.disconnect();
    const started = Date.now();
    const second = await connect(server.url);
    const back = await join(second, { gameId: game.id, token: game.players[1]!.token });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(back.state).toMatchObject({ gameId: game.id, role: 'player', playerId: game.players[1]!.playerId });
    second.disconnect();
  });

  it('a dropped connection comes back by itself and, joining again, gets the state it missed', async () => {
    const game = await createGame(server, { set: testSet, players: 2 });
    tokens.push(game.hostToken, ...game.players.map((p) => p.token));
    const host = await connect(server.url);
    await join(host, { gameId: game.id, token: game.hostToken });
    const flaky = io(`${server.url}/games`, { transports: ['websocket'], forceNew: true, reconnectionDelay: 50 });
    try {
      // As the web app does: `room` on every connect.
      const room = { gameId: game.id, token: game.players[0]!.token };
      flaky.on('connect', () => flaky.emit('room', room));
      const states = record(flaky, 'state');
      await expect.poll(() => states.length).toBe(1);
      const dropped = new Promise((resolve) => flaky.once('disconnect', resolve));
      flaky.io.engine.close(); // the network goes away; the client reconnects by itself
      await dropped;
      const ack = await emit(host, 'command', { type: 'game.start' });
      await expect.poll(() => states.map((s) => s.version)).toContain(ack.version);
      expect(states.at(-1)).toMatchObject({ role: 'player', phase: 'playing', version: ack.version });
      expect(await emit(flaky, 'command', { type: 'clock.stop' })).toMatchObject({ error: { code: 'wrong_phase' } });
    } finally {
      flaky.disconnect();
      host.disconnect();
    }
  });

  it('one frame per socket and action: the events ride in the state; `event` only for those who asked', async () => {
    const game = await createGame(server, { set: testSet, players: 2 });
    const host = await connect(server.url);
    const plain = await connect(server.url);
    const listener = await connect(server.url);
    const playerListener = await connect(server.url);
    try {
      await joinState(host, { gameId: game.id, token: game.hostToken });
      await joinState(plain, game.id);
      await joinState(listener, { gameId: game.id, events: true });
      await joinState(playerListener, { gameId: game.id, token: game.players[0]!.token, events: true });
      const frames = { plain: record(plain, 'event'), listener: record(listener, 'event') };
      const player = record(playerListener, 'event');
      const states = record(plain, 'state');
      const ack = await emit(host, 'command', { type: 'game.start' });
      await expect.poll(() => frames.listener.length).toBe(1);
      await expect.poll(() => states.length).toBe(1);
      expect(frames.listener[0]).toMatchObject({ gameId: game.id, version: ack.version });
      expect(frames.listener[0]!.events.map((e) => e.type)).toContain('game.started');
      // The same events, in the state itself.
      expect(states[0]!.events).toEqual(frames.listener[0]!.events);
      await expect.poll(() => player.length).toBe(1);
      await sleep(100);
      expect(frames.plain).toHaveLength(0);
    } finally {
      closeAll([host, plain, listener, playerListener]);
    }
  });

  it('answers `time` with the server clock', async () => {
    const socket = await connect(server.url);
    const before = Date.now();
    const now = await emit(socket, 'time');
    expect(now).toBeGreaterThanOrEqual(before - 5);
    expect(now).toBeLessThanOrEqual(Date.now() + 5);
    socket.disconnect();
  });

  it('a spectator in several games names the gameId; states name theirs', async () => {
    const a = await createGame(server, { set: testSet, players: 2 });
    const b = await createGame(server, { set: testSet, players: 2 });
    tokens.push(a.hostToken, b.hostToken, ...a.players.map((p) => p.token), ...b.players.map((p) => p.token));
    const overview = await connect(server.url);
    const host = await connect(server.url);
    try {
      expect((await joinState(overview, a.id)).gameId).toBe(a.id);
      expect((await joinState(overview, b.id)).gameId).toBe(b.id);
      // The host socket joins both games as host and must say which game a command is for.
      await join(host, { gameId: a.id, token: a.hostToken });
      await join(host, { gameId: b.id, token: b.hostToken });
      expect((await emit(host, 'command', { type: 'game.start' })).error.code).toBe('game_required');
      const seen = next(overview, 'state', (s) => s.gameId === b.id && s.phase === 'playing');
      expect(await emit(host, 'command', { type: 'game.start', gameId: b.id })).toEqual({ ok: true, version: 3 });
      await seen;
      expect((await server.request(`/api/games/${a.id}`)).body.phase).toBe('lobby');
      // Leaving one game: its states stop, the other's go on.
      expect(await emit(overview, 'leave', a.id)).toEqual({ ok: true });
      const states = record(overview, 'state');
      await emit(host, 'command', { type: 'game.start', gameId: a.id });
      await emit(host, 'command', { type: 'game.pause', gameId: b.id });
      await sleep(200);
      expect(states.map((s) => s.gameId)).toEqual([b.id]);
    } finally {
      closeAll([overview, host]);
    }
  });

  it('a socket.io-client 2.x client (Engine.IO 3) joins with `room` and receives `state`', async () => {
    const game = await createGame(server, { set: testSet, players: 2 });
    tokens.push(game.hostToken, ...game.players.map((p) => p.token));
    const old = ioV2(`${server.url}/games`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        old.once('connect', () => resolve());
        old.once('connect_error', reject);
      });
      const state = new Promise<State>((resolve) => old.once('state', resolve));
      const ack = await new Promise<TestAck>((resolve) => old.emit('room', game.id, resolve));
      expect(ack).toEqual({ ok: true, gameId: game.id, role: 'spectator' });
      expect(await state).toMatchObject({ gameId: game.id, phase: 'lobby', version: 2 });
      // And as a player, with a command that is refused politely.
      const player = await new Promise<TestAck>((resolve) =>
        old.emit('room', { gameId: game.id, token: game.players[0]!.token }, resolve),
      );
      expect(player).toMatchObject({ ok: true, role: 'player' });
      const refused = await new Promise<TestAck>((resolve) => old.emit('command', { type: 'game.start' }, resolve));
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      old.close();
    }
  });

  it('the announcement reaches every socket on /games, in any game or none', async () => {
    const a = await createGame(server, { set: testSet, players: 2 });
    const b = await createGame(server, { set: testSet, players: 2 });
    tokens.push(a.hostToken, b.hostToken, ...a.players.map((p) => p.token), ...b.players.map((p) => p.token));
    const tableA = await seat(server, a);
    const tableB = await seat(server, b);
    const idle = await connect(server.url);
    const old = ioV2(`${server.url}/games`, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise((resolve) => old.once('connect', resolve));
    try {
      const all = [...tableA.all, ...tableB.all, idle];
      const heard = all.map((s) => next(s, 'announcement'));
      const heardOld = new Promise<Announcement>((resolve) => old.once('announcement', resolve));
      const res = await server.request('/api/announcements', {
        method: 'POST',
        json: { message: 'The bar closes in 10 minutes' },
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(res.status).toBe(200);
      for (const message of [...(await Promise.all(heard)), await heardOld]) {
        expect(message).toEqual({ message: 'The bar closes in 10 minutes', at: res.body.at });
      }
    } finally {
      closeAll([...tableA.all, ...tableB.all, idle]);
      old.close();
    }
  });

  it('refuses a browser from a foreign origin at the handshake; same origin and no origin are fine', async () => {
    await expect(connect(server.url, { origin: 'https://evil.example' })).rejects.toThrow();
    await expect(connect(server.url, { origin: 'https://evil.example', transports: ['polling'] })).rejects.toThrow();
    const same = await connect(server.url, { origin: server.url });
    same.disconnect();
    const none = await connect(server.url);
    none.disconnect();
  });

  it('never writes a token to the logs', async () => {
    // Also try a wrong token and a token in a malformed payload.
    const socket = await connect(server.url);
    await emit(socket, 'room', { gameId: 'x', token: 'not-a-real-token-but-secret-looking' });
    await emit(socket, 'room', { token: tokens[0] });
    socket.disconnect();
    await sleep(100);
    const logs = server.output();
    expect(logs.length).toBeGreaterThan(1000);
    expect(tokens.length).toBeGreaterThan(10);
    for (const token of tokens) expect(logs).not.toContain(token);
    // The logs are structured JSON lines.
    const lines = logs.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('allow-listed origins', () => {
  it('accepts exactly the origins in ALLOWED_ORIGINS', async () => {
    const listed = await startServer({ env: { ALLOWED_ORIGINS: 'https://quiz.example, https://tv.example' } });
    try {
      const ok = await connect(listed.url, { origin: 'https://tv.example' });
      ok.disconnect();
      await expect(connect(listed.url, { origin: listed.url })).rejects.toThrow();
      const res = await listed.request('/api/health', { headers: { origin: 'https://quiz.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://quiz.example');
    } finally {
      await listed.stop();
      removeDir(listed.dataDir);
    }
  });
});

describe('rate limiting', () => {
  it('answers a flood with rate_limited and keeps serving', async () => {
    const limited = await startServer({ env: { SOCKET_RATE_PER_SECOND: '20', SOCKET_RATE_BURST: '40' } });
    try {
      const game = (await limited.request('/api/games', { method: 'POST', json: {} })).body;
      const socket = await connect(limited.url);
      await join(socket, { gameId: game.id, token: game.hostToken });
      const acks = await Promise.all(
        Array.from({ length: 120 }, () => emit(socket, 'command', { type: 'lobby.seats', order: ['nobody'] })),
      );
      const limitedAcks = acks.filter((a) => a.error?.code === 'rate_limited');
      expect(limitedAcks.length).toBeGreaterThanOrEqual(60);
      expect(acks.filter((a) => a.error?.code === 'invalid_command').length).toBeGreaterThanOrEqual(38);
      await sleep(1100);
      expect(await emit(socket, 'command', { type: 'game.start' })).toMatchObject({ error: { code: 'wrong_phase' } });
      socket.disconnect();
      expect((await limited.request('/api/health')).status).toBe(200);
    } finally {
      await limited.stop();
      removeDir(limited.dataDir);
    }
  });
});
