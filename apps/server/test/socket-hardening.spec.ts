import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, connect, emit, join, joinState, next, record, type State, sleep } from './support/clients.js';
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

const version = async (gameId: string): Promise<number> => (await server.request(`/api/games/${gameId}`)).body.version;

/**
 * Writes a Socket.IO packet as raw text, so the payload is exactly what an attacker would send
 * (`__proto__` as an own key, nesting the client library refuses to encode), and resolves its ack.
 */
let ackId = 1000;
function rawEmit(socket: Client, event: string, payloadJson: string): Promise<unknown> {
  const id = ackId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for raw ${event}`)), 5000);
    const onPacket = (packet: { type: string; data?: unknown }) => {
      const prefix = `3/games,${id}`;
      if (packet.type !== 'message' || !String(packet.data).startsWith(prefix)) return;
      clearTimeout(timer);
      socket.io.engine.off('packet', onPacket);
      resolve(JSON.parse(String(packet.data).slice(prefix.length))[0]);
    };
    socket.io.engine.on('packet', onPacket);
    socket.io.engine.write(`2/games,${id}["${event}",${payloadJson}]`);
  });
}

describe('socket hardening', () => {
  it('lets one socket join at most 50 games, with a clear error; leaving frees a place', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 51; i++) ids.push((await server.request('/api/games', { method: 'POST' })).body.id);
    const socket = await connect(server.url);
    try {
      for (const id of ids.slice(0, 50)) expect((await join(socket, id)).ack.ok).toBe(true);
      const refused = await emit(socket, 'room', ids[50]);
      expect(refused).toMatchObject({ ok: false, error: { code: 'too_many_games' } });
      expect(refused.error.message).toMatch(/50/);
      // A game it is already in may be joined again (e.g. as host); leaving one makes room.
      expect((await join(socket, ids[0])).ack.ok).toBe(true);
      expect(await emit(socket, 'leave', ids[0])).toEqual({ ok: true });
      expect((await join(socket, ids[50])).ack).toMatchObject({ ok: true, gameId: ids[50] });
      expect(await emit(socket, 'room', ids[0])).toMatchObject({ error: { code: 'too_many_games' } });
    } finally {
      closeAll([socket]);
    }
  });

  it('checks the token against the game per join: a spectator cannot borrow another game', async () => {
    const a = await createGame(server, { players: 2 });
    const b = await createGame(server, { players: 2 });
    const socket = await connect(server.url);
    try {
      await joinState(socket, a.id);
      for (const token of [b.hostToken, b.players[0]!.token]) {
        expect(await emit(socket, 'room', { gameId: a.id, token })).toMatchObject({ error: { code: 'forbidden' } });
      }
      // Still a spectator of A, and host of B once it joins B with B's token.
      expect(await emit(socket, 'command', { type: 'game.start' })).toMatchObject({ error: { code: 'forbidden' } });
      expect((await join(socket, { gameId: b.id, token: b.hostToken })).ack.role).toBe('host');
      const before = await version(a.id);
      expect(await emit(socket, 'command', { type: 'game.pause' })).toMatchObject({ error: { code: 'game_required' } });
      expect(await emit(socket, 'command', { type: 'game.start', gameId: a.id })).toMatchObject({
        error: { code: 'forbidden' },
      });
      expect(await version(a.id)).toBe(before);
      expect(await emit(socket, 'command', { type: 'game.start', gameId: b.id })).toMatchObject({ ok: true });
    } finally {
      closeAll([socket]);
    }
  });

  it('refuses prototype-pollution keys and survives deep nesting; nothing changes', async () => {
    const game = await createGame(server, { players: 2 });
    const t = await seat(server, game);
    const attacker = await connect(server.url);
    try {
      await joinState(attacker, { gameId: game.id, token: game.players[0]!.token });
      const before = await version(game.id);
      const rooms = [
        `{"gameId":"${game.id}","__proto__":{"token":"${game.hostToken}"}}`,
        `{"gameId":"${game.id}","constructor":{"prototype":{"token":"x"}}}`,
        `{"__proto__":{"gameId":"${game.id}"}}`,
        '[]',
        '{"gameId":["a"]}',
      ];
      for (const payload of rooms) {
        expect(await rawEmit(attacker, 'room', payload), payload).toMatchObject({
          ok: false,
          error: { code: 'invalid_payload' },
        });
      }
      const commands = [
        '{"type":"game.start","__proto__":{"role":"host"}}',
        '{"type":"game.start","constructor":{"prototype":{"role":"host"}}}',
        '{"__proto__":{"type":"game.start"}}',
        '{"type":"__proto__"}',
        '{"type":"toString"}',
      ];
      for (const payload of commands) {
        // Unknown keys are dropped, so a polluted host-only command is just the player's own
        // attempt at it (forbidden); a polluted or odd type is no command at all.
        const ack = (await rawEmit(attacker, 'command', payload)) as { ok: boolean; error: { code: string } };
        expect(ack, payload).toMatchObject({ ok: false });
        expect(['invalid_command', 'forbidden'], payload).toContain(ack.error.code);
      }
      // Still the player it joined as, and the host's powers did not leak to it.
      expect(await emit(attacker, 'command', { type: 'game.start' })).toMatchObject({ error: { code: 'forbidden' } });

      // Deep nesting (which the client library would not even encode) is just a wrong shape.
      const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
      expect(await rawEmit(attacker, 'command', deep)).toMatchObject({ error: { code: 'invalid_command' } });
      expect(await rawEmit(attacker, 'room', deep)).toMatchObject({ error: { code: 'invalid_payload' } });
      const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
      expect(await rawEmit(attacker, 'command', deepObject)).toMatchObject({ error: { code: 'invalid_command' } });
      expect(await version(game.id)).toBe(before);
      expect((await server.request('/api/health')).status).toBe(200);
      expect(await emit(t.host, 'command', { type: 'game.start' })).toEqual({ ok: true, version: before + 1 });
    } finally {
      closeAll([...t.all, attacker]);
    }
  });

  it('takes every event without an ack, and odd arguments, without a crash', async () => {
    const game = await createGame(server, { players: 2 });
    const t = await seat(server, game);
    try {
      for (const socket of t.all) {
        socket.emit('room', { gameId: game.id, token: 'nope' });
        socket.emit('leave', 'not-a-joined-game');
        socket.emit('command', { type: 'game.pause' });
        socket.emit('command', null, 1, 'two', [3]);
        socket.emit('time');
        socket.emit('time', { a: 1 });
        socket.emit('whatever', ...Array.from({ length: 20 }, (_, i) => i));
      }
      await sleep(200);
      expect(await emit(t.host, 'time')).toEqual(expect.any(Number));
      // Everyone is still connected and served.
      const v = await version(game.id);
      const states = t.players.map((p) => next(p, 'state', (s: State) => s.version === v + 1));
      expect(
        await emit(t.host, 'command', { type: 'lobby.seats', order: game.players.map((p) => p.playerId) }),
      ).toEqual({
        ok: true,
        version: v + 1,
      });
      await Promise.all(states);
      expect(server.output()).not.toMatch(/"level":(50|60)/);
    } finally {
      closeAll(t.all);
    }
  });

  it('keeps memberships right through rapid join and leave, and after a disconnect', async () => {
    const game = await createGame(server, { players: 2 });
    const t = await seat(server, game);
    const flapper = await connect(server.url);
    try {
      const acks = await Promise.all(
        Array.from({ length: 60 }, (_, i) => emit(flapper, i % 2 === 0 ? 'room' : 'leave', game.id)),
      );
      expect(acks.every((a) => typeof a.ok === 'boolean')).toBe(true);
      expect(await emit(flapper, 'leave', game.id)).toMatchObject({}); // in or out: now out for sure
      const seen = record(flapper, 'state');
      const v = await version(game.id);
      const order = [...game.players.map((p) => p.playerId)].reverse();
      expect(await emit(t.host, 'command', { type: 'lobby.seats', order })).toEqual({ ok: true, version: v + 1 });
      await sleep(150);
      expect(seen).toEqual([]);
      await joinState(flapper, game.id);
      const heard = next(flapper, 'state', (s: State) => s.version === v + 2);
      expect(await emit(t.host, 'command', { type: 'lobby.seats', order: order.reverse() })).toMatchObject({
        ok: true,
      });
      await heard;

      // Joins still in flight when the socket goes away must not fail anything.
      const gone = await connect(server.url);
      for (let i = 0; i < 20; i++) gone.emit('room', { gameId: game.id, token: game.hostToken }, () => {});
      gone.disconnect();
      await sleep(200);
      expect(await emit(t.host, 'command', { type: 'game.start' })).toMatchObject({ ok: true, version: v + 3 });
      expect(server.output()).not.toMatch(/"level":(50|60)/);
    } finally {
      closeAll([...t.all, flapper]);
    }
  });

  it('sends players and the screen no answers, tokens, history or question set', async () => {
    const game = await createGame(server, { players: 2 });
    const t = await seat(server, game);
    try {
      const states = t.all.slice(1).map((s) => record(s, 'state'));
      expect(await emit(t.host, 'command', { type: 'game.start' })).toMatchObject({ ok: true });
      await sleep(150);
      const secrets = [game.hostToken, ...game.players.map((p) => p.token)];
      for (const received of states) {
        expect(received.length).toBeGreaterThan(0);
        for (const state of received) {
          for (const key of ['history', 'seed', 'set', 'questionSet', 'log', 'tokens']) {
            expect(state, key).not.toHaveProperty(key);
          }
          const json = JSON.stringify(state);
          for (const secret of secrets) expect(json).not.toContain(secret);
          // 3-6-9's first question is open: its answer is the host's alone.
          const round = state.round;
          expect(round?.kind).toBe('threeSixNine');
          if (round?.kind === 'threeSixNine') expect(round.answer ?? null).toBeNull();
        }
      }
    } finally {
      closeAll(t.all);
    }
  });
});

describe('a dropped connection', () => {
  it('of a player removed meanwhile cannot come back into the game', async () => {
    const game = await createGame(server, { players: 3 });
    const host = await connect(server.url);
    await joinState(host, { gameId: game.id, token: game.hostToken });
    const flaky = io(`${server.url}/games`, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 600,
      randomizationFactor: 0,
    });
    try {
      const removedPlayer = game.players[0]!.playerId;
      const room = { gameId: game.id, token: game.players[0]!.token };
      const acks: { ok: boolean; error?: { code: string } }[] = [];
      flaky.on('connect', () => flaky.emit('room', room, (ack: (typeof acks)[number]) => acks.push(ack)));
      await expect.poll(() => acks.length).toBe(1);
      expect(acks[0]).toMatchObject({ ok: true });
      const dropped = new Promise((resolve) => flaky.once('disconnect', resolve));
      flaky.io.engine.close(); // the network goes away; the client reconnects by itself
      await dropped;
      await sleep(150); // the server notices the drop before the host removes the player
      expect(await emit(host, 'command', { type: 'lobby.remove', playerId: removedPlayer })).toMatchObject({
        ok: true,
      });
      const states = record(flaky, 'state');
      await expect.poll(() => acks.length, { timeout: 5000 }).toBe(2);
      expect(acks[1]).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // It hears nothing more of the game.
      const order = game.players.slice(1).map((p) => p.playerId);
      expect(await emit(host, 'command', { type: 'lobby.seats', order })).toMatchObject({ ok: true });
      await sleep(150);
      expect(states).toHaveLength(0);
    } finally {
      flaky.disconnect();
      host.disconnect();
    }
  });
});

describe('a game without end (MAX_GAME_COMMANDS)', () => {
  let small: RunningServer;
  beforeAll(async () => {
    small = await startServer({ env: { MAX_GAME_COMMANDS: '12' } });
  });
  afterAll(async () => {
    await small?.stop();
    if (small) removeDir(small.dataDir);
  });

  it('refuses commands past the cap with game_too_long; the game stays as it was, other games play on', async () => {
    const testSet = await importTestSet(small);
    const game = await createGame(small, { set: testSet, players: 2 });
    const other = await createGame(small, { set: testSet, players: 2 });
    const host = await connect(small.url);
    const otherHost = await connect(small.url);
    try {
      await join(host, { gameId: game.id, token: game.hostToken });
      await join(otherHost, { gameId: other.id, token: other.hostToken });
      let last = (await emit(host, 'command', { type: 'game.start' })).version;
      const playerId = game.players[0]!.playerId;
      for (;;) {
        const ack = await emit(host, 'command', { type: 'seconds.adjust', playerId, delta: 1 });
        if (!ack.ok) {
          expect(ack.error.code).toBe('game_too_long');
          expect(ack.error.message).toMatch(/limit of 12 actions/);
          break;
        }
        last = ack.version;
      }
      expect(last).toBe(12);
      // Undo is a command too: refused the same way; the stored game is unchanged.
      expect((await emit(host, 'command', { type: 'undo' })).error.code).toBe('game_too_long');
      expect((await small.request(`/api/games/${game.id}`)).body.version).toBe(12);
      // Another game is not affected.
      expect(await emit(otherHost, 'command', { type: 'game.start' })).toMatchObject({ ok: true });
    } finally {
      closeAll([host, otherHost]);
    }
  });
});

describe('sockets per address (MAX_SOCKETS_PER_ADDRESS, SOCKET_RATE_PER_ADDRESS_*)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      env: {
        MAX_SOCKETS_PER_ADDRESS: '5',
        SOCKET_RATE_PER_ADDRESS_PER_SECOND: '0.01',
        SOCKET_RATE_PER_ADDRESS_BURST: '12',
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  /** A socket from `address` (as the proxy on this machine says: X-Forwarded-For). */
  const from = (address: string) =>
    new Promise<{ socket: Client | null; error: { message: string; data?: { code: string } } | null }>((resolve) => {
      const socket = io(`${server.url}/games`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { 'x-forwarded-for': address },
      });
      socket.once('connect', () => resolve({ socket, error: null }));
      socket.once('connect_error', (error) => {
        socket.close();
        resolve({ socket: null, error: error as never });
      });
    });

  it('refuses a socket beyond the cap from one address (an IPv6 /64) with a clear error, not others', async () => {
    const open: Client[] = [];
    try {
      for (let i = 0; i < 5; i++) open.push((await from(`2001:db8:5:5::${i + 1}`)).socket!);
      const sixth = await from('2001:db8:5:5::99');
      expect(sixth.socket).toBeNull();
      expect(sixth.error?.data?.code).toBe('too_many_connections');
      expect(sixth.error?.message).toMatch(/at most 5/);
      const elsewhere = await from('203.0.113.50');
      expect(elsewhere.socket?.connected).toBe(true);
      open.push(elsewhere.socket!);
      // One closes: a place is free again.
      open.shift()!.disconnect();
      await sleep(200);
      const again = await from('2001:db8:5:5::100');
      expect(again.socket?.connected).toBe(true);
      open.push(again.socket!);
    } finally {
      closeAll(open);
    }
  });

  it('shares one message budget among the sockets of an address; another address goes on', async () => {
    const sockets = await Promise.all([1, 2, 3].map(async () => (await from('198.51.100.60')).socket!));
    const bystander = (await from('198.51.100.61')).socket!;
    try {
      let ok = 0;
      let limited = 0;
      for (let i = 0; i < 20; i++) {
        const ack = await emit<number | { ok: false; error: { code: string } }>(sockets[i % 3]!, 'time');
        if (typeof ack === 'number') ok++;
        else if (ack.error.code === 'rate_limited') limited++;
      }
      // Each socket alone is far under its own rate; together they use up the address's 12.
      expect(ok).toBe(12);
      expect(limited).toBe(8);
      expect(typeof (await emit(bystander, 'time'))).toBe('number');
    } finally {
      closeAll([...sockets, bystander]);
    }
  });
});
