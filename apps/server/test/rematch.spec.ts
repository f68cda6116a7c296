import type { RematchMessage } from '@slimste/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, emit, join, next } from './support/clients.js';
import { playToEnd } from './support/driver.js';
import { bearer, closeAll, createGame, importTestSet, seat } from './support/games.js';
import { type RunningServer, removeDir, startServer } from './support/server.js';

/** Play again: only the host makes it, each player gets their own new seat, the screen follows. */
describe('rematch', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  const rematch = (gameId: string, headers: Record<string, string> = {}, json: unknown = {}) =>
    server.request(`/api/games/${encodeURIComponent(gameId)}/rematch`, { method: 'POST', headers, json });

  it('is the host’s alone, once the game is over; players and the screen follow privately', async () => {
    const set = await importTestSet(server);
    const game = await createGame(server, {
      set,
      config: { rounds: ['threeSixNine', 'finale'], threeSixNine: { questions: 3 } },
    });
    const other = await createGame(server, { players: 2 });
    const table = await seat(server, game);
    try {
      // Not before the end.
      expect(await rematch(game.id, bearer(game.hostToken))).toMatchObject({
        status: 409,
        body: { error: { code: 'not_finished' } },
      });
      await playToEnd(table, game, set.document);

      // Nobody but this game's host.
      expect(await rematch(game.id)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
      expect(await rematch(game.id, bearer(game.players[0]!.token))).toMatchObject({
        status: 403,
        body: { error: { code: 'forbidden' } },
      });
      expect(await rematch(game.id, bearer(other.hostToken))).toMatchObject({ status: 403 });
      expect(await rematch(game.id, bearer('not-a-token'))).toMatchObject({ status: 403 });
      expect(await rematch('no-such-game', bearer(game.hostToken))).toMatchObject({ status: 404 });
      expect(await rematch(game.id, bearer(game.hostToken), { questionSetToken: 5 })).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_body' } },
      });
      // The set is private: its edit token comes along, as for creating a game with it.
      expect(await rematch(game.id, bearer(game.hostToken))).toMatchObject({
        status: 401,
        body: { error: { code: 'question_set_private' } },
      });
      expect(await rematch(game.id, bearer(game.hostToken), { questionSetToken: game.hostToken })).toMatchObject({
        status: 403,
        body: { error: { code: 'question_set_forbidden' } },
      });
      // No rematch yet: nothing (204), not an error a browser would log.
      expect(await server.request(`/api/games/${game.id}/rematch`)).toMatchObject({ status: 204, body: null });
      expect(await server.request('/api/games/no-such-game/rematch')).toMatchObject({ status: 404 });

      const heard = table.all.map((socket) => next(socket, 'rematch'));
      const made = await rematch(game.id, bearer(game.hostToken), { questionSetToken: set.editToken });
      expect(made.status).toBe(201);
      const created = made.body as RematchMessage;
      expect(created).toMatchObject({ from: game.id, gameId: expect.any(String), code: expect.any(String) });
      expect(created.hostToken).toEqual(expect.any(String));
      expect(created.gameId).not.toBe(game.id);

      const [toHost, ...rest] = await Promise.all(heard);
      const toSpectator = rest.pop()!;
      const toPlayers = rest;
      expect(toHost).toEqual(created);
      // The screen learns the new game, nothing that opens a seat.
      expect(toSpectator).toEqual({ from: game.id, gameId: created.gameId, code: created.code });
      // Each player hears their own seat only: new ids and tokens, one each.
      const tokens = new Set<string>();
      for (const [i, message] of toPlayers.entries()) {
        expect(Object.keys(message).sort()).toEqual(['code', 'from', 'gameId', 'playerId', 'token']);
        expect(message).toMatchObject({ from: game.id, gameId: created.gameId, code: created.code });
        expect(message.token).not.toBe(game.players[i]!.token);
        tokens.add(message.token!);
        // The new token opens the new game as that same player (same name, same seat).
        const socket = await connect(server.url);
        try {
          const { ack, state } = await join(socket, { gameId: created.gameId, token: message.token });
          expect(ack).toMatchObject({ ok: true, role: 'player', playerId: message.playerId });
          expect(state?.players.find((p) => p.id === message.playerId)).toMatchObject({
            name: game.players[i]!.name,
            seat: i + 1,
          });
          // ...and not the old one.
          expect(await emit(socket, 'room', { gameId: created.gameId, token: game.players[i]!.token })).toMatchObject({
            ok: false,
            error: { code: 'forbidden' },
          });
        } finally {
          socket.disconnect();
        }
      }
      expect(tokens.size).toBe(3);

      // The new game waits in its lobby with the same settings; the new host token opens it.
      const summary = await server.request(`/api/games/${created.gameId}`);
      expect(summary.body).toMatchObject({ phase: 'lobby', maxPlayers: 3, code: created.code });
      expect(summary.body.players.map((p: { name: string }) => p.name)).toEqual(['Player 1', 'Player 2', 'Player 3']);
      const newHost = await connect(server.url);
      try {
        const { ack, state } = await join(newHost, { gameId: created.gameId, token: created.hostToken });
        expect(ack).toMatchObject({ ok: true, role: 'host' });
        expect(state?.rounds).toEqual(['threeSixNine', 'finale']);
      } finally {
        newHost.disconnect();
      }

      // Asked later (a phone that was away): everyone gets the game, each caller only their own seat.
      const asPlayer = await server.request(`/api/games/${game.id}/rematch`, {
        headers: bearer(game.players[1]!.token),
      });
      expect(asPlayer).toMatchObject({ status: 200, body: toPlayers[1] });
      expect((await server.request(`/api/games/${game.id}/rematch`)).body).toEqual(toSpectator);
      expect((await server.request(`/api/games/${game.id}/rematch`, { headers: bearer(game.hostToken) })).body).toEqual(
        created,
      );
      expect(
        await server.request(`/api/games/${game.id}/rematch`, { headers: bearer(other.players[0]!.token) }),
      ).toMatchObject({ status: 403 });

      // Asking again makes no second game.
      expect((await rematch(game.id, bearer(game.hostToken))).body).toEqual(created);
    } finally {
      closeAll(table.all);
    }
  });

  it('makes one game when the host clicks twice at once (a demo set needs no set token)', async () => {
    const game = await createGame(server, {
      set: 'demo-en',
      players: 2,
      config: { rounds: ['threeSixNine', 'finale'], threeSixNine: { questions: 3 } },
    });
    const set = (await server.request('/api/question-sets/demo-en')).body.document;
    const table = await seat(server, game);
    try {
      await playToEnd(table, game, set);
      const [a, b] = await Promise.all([
        rematch(game.id, bearer(game.hostToken)),
        rematch(game.id, bearer(game.hostToken)),
      ]);
      expect(a.status).toBe(201);
      expect(b.body).toEqual(a.body);
      const summary = await server.request(`/api/games/${a.body.gameId}`);
      expect(summary.body).toMatchObject({ phase: 'lobby', language: 'en', maxPlayers: 2 });
    } finally {
      closeAll(table.all);
    }
  });
});
