/**
 * Issue 11, play from home: the game as its own call. The server relays WebRTC signalling inside a
 * game only, between its host, players and screens; spectators, other games and removed players
 * neither send nor receive. Real server, real socket.io clients.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, connect, emit, join, next, record, sleep, type TestAck } from './support/clients.js';
import { playToEnd } from './support/driver.js';
import { bearer, type CreatedGame, closeAll, createGame, importTestSet, seat, type Table } from './support/games.js';
import { type RunningServer, removeDir, startServer } from './support/server.js';

const TURN_SECRET = 'test-turn-secret-0123456789';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    env: {
      ICE_SERVERS: JSON.stringify([{ urls: 'stun:stun.example.org:3478' }]),
      TURN_URLS: 'turn:127.0.0.1:3478?transport=udp,turn:127.0.0.1:3478?transport=tcp',
      TURN_SECRET,
      TURN_TTL_SECONDS: '600',
    },
  });
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

interface JoinReply extends TestAck {
  self: string;
  peers: { id: string; role: string }[];
}
const OFFER = (session = 's1') => ({ session, sdp: 'v=0\r\na=sendrecv\r\n' });

async function screenToken(game: CreatedGame): Promise<string> {
  const res = await server.request(`/api/games/${game.id}/screen`, { method: 'POST', headers: bearer(game.hostToken) });
  expect(res.status).toBe(201);
  return res.body.token as string;
}

/** A table in the call: host and players `rtc.join`ed, plus a screen (with its token) and a bare spectator. */
async function inCall(game: CreatedGame): Promise<Table & { screen: Client; screenId: string; ids: string[] }> {
  const t = await seat(server, game);
  const screen = await connect(server.url);
  const { ack } = await join(screen, { gameId: game.id, token: await screenToken(game) });
  expect(ack).toMatchObject({ ok: true, role: 'screen' });
  const ids: string[] = [];
  for (const socket of [t.host, ...t.players])
    ids.push((await emit<JoinReply>(socket, 'rtc.join', { gameId: game.id })).self);
  const screenJoin = await emit<JoinReply>(screen, 'rtc.join', { gameId: game.id });
  expect(screenJoin.ok).toBe(true);
  expect(screenJoin.self).toMatch(/^screen:/);
  expect(screenJoin.peers.map((p) => p.id).sort()).toEqual([...ids].sort());
  return { ...t, all: [...t.all, screen], screen, screenId: screenJoin.self, ids };
}

describe("the game's call", () => {
  it('relays an offer to the target peer only, with the sender as `from`; peers hear who joins', async () => {
    const game = await createGame(server, { players: 3 });
    const t = await seat(server, game);
    try {
      const hostJoin = await emit<JoinReply>(t.host, 'rtc.join', { gameId: game.id });
      expect(hostJoin).toMatchObject({ ok: true, self: 'host', peers: [] });
      const heard = next(t.host, 'rtc.peer' as never, () => true) as Promise<unknown>;
      const p1 = game.players[0]!.playerId;
      const p1Join = await emit<JoinReply>(t.players[0]!, 'rtc.join', { gameId: game.id });
      expect(p1Join).toMatchObject({ ok: true, self: p1, peers: [{ id: 'host', role: 'host' }] });
      expect(await heard).toEqual({ gameId: game.id, peer: { id: p1, role: 'player' }, present: true });
      await emit(t.players[1]!, 'rtc.join', { gameId: game.id });

      const atHost = record(t.host, 'rtc' as never);
      const atP2 = record(t.players[1]!, 'rtc' as never);
      const atSpectator = record(t.spectator, 'rtc' as never);
      const got = next(t.host, 'rtc' as never) as Promise<unknown>;
      expect((await emit(t.players[0]!, 'rtc', { gameId: game.id, to: 'host', kind: 'offer', data: OFFER() })).ok).toBe(
        true,
      );
      expect(await got).toEqual({ gameId: game.id, from: p1, kind: 'offer', data: OFFER() });
      await sleep(150);
      expect(atHost).toHaveLength(1);
      expect(atP2).toHaveLength(0);
      expect(atSpectator).toHaveLength(0);

      // A peer that leaves (its last socket) is gone for the others.
      const gone = next(t.host, 'rtc.peer' as never, (m: { present: boolean }) => !m.present) as Promise<unknown>;
      t.players[1]!.disconnect();
      expect(await gone).toMatchObject({ peer: { id: game.players[1]!.playerId }, present: false });
    } finally {
      closeAll(t.all);
    }
  });

  it('spectators, other games and unjoined sockets can neither send nor receive; the screen never offers', async () => {
    const game = await createGame(server, { players: 2 });
    const other = await createGame(server, { players: 2 });
    const t = await inCall(game);
    const o = await seat(server, other);
    try {
      await emit(o.host, 'rtc.join', { gameId: other.id });
      const received = [t.host, ...t.players, t.screen, t.spectator, o.host, ...o.players].map((s) =>
        record(s, 'rtc' as never),
      );
      const offerTo = (to: string) => ({ gameId: game.id, to, kind: 'offer', data: OFFER() });

      // A spectator (the bare game id) may not join the call nor send in it.
      expect((await emit(t.spectator, 'rtc.join', { gameId: game.id })).error.code).toBe('forbidden');
      expect((await emit(t.spectator, 'rtc', offerTo('host'))).error.code).toBe('forbidden');
      // Another game's host cannot reach into this game (it is not in it), nor with this game's peer ids.
      expect((await emit(o.host, 'rtc', offerTo('host'))).error.code).toBe('not_in_game');
      expect((await emit(o.host, 'rtc.join', { gameId: game.id })).error.code).toBe('not_in_game');
      // Its own game's id with this game's peer ids reaches nobody here.
      expect((await emit(o.host, 'rtc', { ...offerTo(t.ids[1]!), gameId: other.id })).ok).toBe(true);
      // A member who did not join the call cannot send in it.
      const loner = await connect(server.url);
      await join(loner, { gameId: game.id, token: game.hostToken });
      expect((await emit(loner, 'rtc', offerTo(t.ids[1]!))).error.code).toBe('not_in_call');
      loner.disconnect();
      // The screen only receives: no offer, no answer that sends media.
      expect((await emit(t.screen, 'rtc', offerTo('host'))).error).toMatchObject({ code: 'forbidden' });
      const sendingAnswer = { gameId: game.id, to: 'host', kind: 'answer', data: OFFER() };
      expect((await emit(t.screen, 'rtc', sendingAnswer)).error.code).toBe('forbidden');
      // A section without a direction sends (sendrecv is SDP's default): refused too.
      const silent = {
        ...sendingAnswer,
        data: { session: 's1', sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n' },
      };
      expect((await emit(t.screen, 'rtc', silent)).error.code).toBe('forbidden');
      const recvSdp =
        'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=recvonly\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=recvonly\r\n';
      const recvAnswer = { ...sendingAnswer, data: { session: 's1', sdp: recvSdp } };
      const atHost = next(t.host, 'rtc' as never) as Promise<{ from: string; kind: string }>;
      expect((await emit(t.screen, 'rtc', recvAnswer)).ok).toBe(true);
      expect(await atHost).toMatchObject({ from: t.screenId, kind: 'answer' });
      // The screen cannot command either.
      expect((await emit(t.screen, 'command', { type: 'game.start' })).error.code).toBe('forbidden');

      await sleep(150);
      expect(received.map((r) => r.length)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    } finally {
      closeAll([...t.all, ...o.all]);
    }
  });

  it('refuses a bad payload with a clear error and relays nothing', async () => {
    const game = await createGame(server, { players: 2 });
    const t = await inCall(game);
    try {
      const atPlayer = record(t.players[0]!, 'rtc' as never);
      const to = t.ids[1]!;
      const bad: [unknown, RegExp][] = [
        [
          { gameId: game.id, to, kind: 'offer', data: { session: 's', sdp: 'x'.repeat(16_385) } },
          /data\.sdp: an SDP of at most 16384/,
        ],
        [
          { gameId: game.id, to, kind: 'candidate', data: { session: 's', candidate: 'c'.repeat(1025) } },
          /data\.candidate: a candidate of at most 1024/,
        ],
        [{ gameId: game.id, to, kind: 'shout', data: {} }, /kind/],
        [{ gameId: game.id, to: 'a b', kind: 'bye', data: {} }, /^to: /],
        [{ gameId: game.id, to, kind: 'offer', data: { sdp: 'v=0' } }, /data\.session/],
        [{ gameId: game.id, to, kind: 'offer' }, /data/],
        ['just a string', /.+/],
        [{ gameId: game.id, to: 'host', kind: 'bye', data: {} }, /cannot signal itself/],
      ];
      for (const [payload, message] of bad) {
        const ack = await emit(t.host, 'rtc', payload);
        expect(ack.ok, JSON.stringify(payload).slice(0, 80)).toBe(false);
        expect(ack.error.code).toBe('invalid_payload');
        expect(ack.error.message).toMatch(message);
      }
      expect((await emit(t.host, 'rtc.join', { nope: 1 })).error.code).toBe('invalid_payload');
      expect((await emit(t.players[0]!, 'rtc.mute', { gameId: game.id, playerId: to, muted: true })).error.code).toBe(
        'forbidden',
      );
      await sleep(150);
      expect(atPlayer).toHaveLength(0);
    } finally {
      closeAll(t.all);
    }
  });

  it('the host mutes a player on the screen', async () => {
    const game = await createGame(server, { players: 2 });
    const t = await inCall(game);
    try {
      const heard = next(t.screen, 'rtc.mute' as never) as Promise<unknown>;
      const playerId = t.ids[1]!;
      expect((await emit(t.host, 'rtc.mute', { gameId: game.id, playerId, muted: true })).ok).toBe(true);
      expect(await heard).toEqual({ gameId: game.id, playerId, muted: true });
    } finally {
      closeAll(t.all);
    }
  });

  it('a removed player: `bye` to everyone at once, and they can no longer receive an offer', async () => {
    const game = await createGame(server, { players: 3 });
    const t = await inCall(game);
    try {
      const removedId = t.ids[3]!;
      const byes = [t.host, t.players[0]!, t.screen].map(
        (s) =>
          next(
            s,
            'rtc' as never,
            (m: { kind: string; from: string }) => m.kind === 'bye' && m.from === removedId,
          ) as Promise<unknown>,
      );
      const removedSocket = t.players[2]!;
      const offers = record(removedSocket, 'rtc' as never);
      expect((await emit(t.host, 'command', { type: 'lobby.remove', playerId: removedId })).ok).toBe(true);
      for (const bye of byes) expect(await bye).toEqual({ gameId: game.id, from: removedId, kind: 'bye', data: {} });
      await sleep(100);
      await emit(t.host, 'rtc', { gameId: game.id, to: removedId, kind: 'offer', data: OFFER() });
      // Its token no longer opens the game, so it cannot come back into the call either.
      const back = await connect(server.url);
      expect((await join(back, { gameId: game.id, token: game.players[2]!.token })).ack.error.code).toBe('forbidden');
      expect((await emit(back, 'rtc.join', { gameId: game.id })).error.code).toBe('not_in_game');
      back.disconnect();
      await sleep(100);
      expect(offers).toHaveLength(0);
    } finally {
      closeAll(t.all);
    }
  });
});

describe('the screen token and the ICE servers', () => {
  it('only the host gets the screen token, the same each time; it joins as `screen` and sees the spectator view', async () => {
    const game = await createGame(server, { players: 2 });
    const path = `/api/games/${game.id}/screen`;
    expect((await server.request(path, { method: 'POST' })).status).toBe(401);
    expect((await server.request(path, { method: 'POST', headers: bearer(game.players[0]!.token) })).status).toBe(403);
    expect(
      (await server.request(`/api/games/nope/screen`, { method: 'POST', headers: bearer(game.hostToken) })).status,
    ).toBe(404);
    const token = await screenToken(game);
    expect(await screenToken(game)).toBe(token);
    expect(token).toMatch(/^[\w-]{40,}$/);
    // The screen token opens nothing a host may do.
    expect((await server.request(`/api/games/${game.id}/log`, { headers: bearer(token) })).status).toBe(403);
    expect((await server.request(path, { method: 'POST', headers: bearer(token) })).status).toBe(403);
    // Nor another game.
    const other = await createGame(server, { players: 2 });
    const socket = await connect(server.url);
    try {
      expect((await join(socket, { gameId: other.id, token })).ack.error.code).toBe('forbidden');
      const screen = await join(socket, { gameId: game.id, token });
      const spectator = await connect(server.url);
      const bare = await join(spectator, game.id);
      spectator.disconnect();
      expect(screen.ack).toMatchObject({ ok: true, role: 'screen' });
      const { serverTime: _a, ...seen } = screen.state!;
      const { serverTime: _b, ...spectatorSeen } = bare.state!;
      expect(seen).toEqual(spectatorSeen);
    } finally {
      socket.disconnect();
    }
  });

  it('gives ICE servers with TURN credentials for this game to members only; the credential is the HMAC', async () => {
    const game = await createGame(server, { players: 2 });
    const other = await createGame(server, { players: 2 });
    const path = `/api/games/${game.id}/ice`;
    expect((await server.request(path)).status).toBe(401);
    expect((await server.request(path, { headers: bearer(other.hostToken) })).status).toBe(403);
    expect((await server.request(`/api/games/nope/ice`, { headers: bearer(game.hostToken) })).status).toBe(404);
    const before = Math.floor(Date.now() / 1000);
    const members: [string, string][] = [
      ['host', game.hostToken],
      [game.players[0]!.playerId, game.players[0]!.token],
      ['screen', await screenToken(game)],
    ];
    for (const [peer, token] of members) {
      const res = await server.request(path, { headers: bearer(token) });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { iceServers, iceTransportPolicy } = res.body;
      expect(iceTransportPolicy).toBe('all');
      expect(iceServers[0]).toEqual({ urls: 'stun:stun.example.org:3478' });
      const turn = iceServers[1];
      expect(turn.urls).toEqual(['turn:127.0.0.1:3478?transport=udp', 'turn:127.0.0.1:3478?transport=tcp']);
      const [expiry, gameId, who] = turn.username.split(':');
      expect(gameId).toBe(game.id);
      expect(who).toBe(peer);
      expect(Number(expiry)).toBeGreaterThanOrEqual(before + 600);
      expect(Number(expiry)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 600);
      expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username).digest('base64'));
    }
    // A removed player's token no longer gets credentials.
    const host = await connect(server.url);
    await join(host, { gameId: game.id, token: game.hostToken });
    await emit(host, 'command', { type: 'lobby.remove', playerId: game.players[1]!.playerId });
    host.disconnect();
    expect((await server.request(path, { headers: bearer(game.players[1]!.token) })).status).toBe(403);
  });
});

describe("the screen's rematch", () => {
  it("the TV that had the faces gets the new game's screen token; a bare spectator does not", async () => {
    const set = await importTestSet(server);
    const game = await createGame(server, {
      set,
      config: { rounds: ['threeSixNine', 'finale'], threeSixNine: { questions: 3 } },
    });
    const t = await seat(server, game);
    const screen = await connect(server.url);
    await join(screen, { gameId: game.id, token: await screenToken(game) });
    try {
      await playToEnd(t, game, set.document);
      const toScreen = next(screen, 'rematch');
      const toSpectator = next(t.spectator, 'rematch');
      const made = await server.request(`/api/games/${game.id}/rematch`, {
        method: 'POST',
        headers: bearer(game.hostToken),
        json: { questionSetToken: set.editToken },
      });
      expect(made.status).toBe(201);
      const heard = await toScreen;
      expect(heard).toMatchObject({ from: game.id, gameId: made.body.gameId, screenToken: expect.any(String) });
      expect(await toSpectator).toEqual({ from: game.id, gameId: made.body.gameId, code: made.body.code });
      // It opens the new game as `screen`, the same token the new host gets.
      const again = await connect(server.url);
      expect((await join(again, { gameId: made.body.gameId, token: heard.screenToken })).ack).toMatchObject({
        role: 'screen',
      });
      again.disconnect();
      const asked = await server.request(`/api/games/${made.body.gameId}/screen`, {
        method: 'POST',
        headers: bearer(made.body.hostToken),
      });
      expect(asked.body.token).toBe(heard.screenToken);
      // A screen that was away asks with its old token.
      const later = await server.request(`/api/games/${game.id}/rematch`, { headers: bearer(await screenToken(game)) });
      expect(later.body).toMatchObject({ gameId: made.body.gameId, screenToken: heard.screenToken });
      expect(later.body.hostToken).toBeUndefined();
    } finally {
      closeAll([...t.all, screen]);
    }
  });
});
