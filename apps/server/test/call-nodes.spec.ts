/**
 * The game's call across two nodes (issue 11): one Redis (started here), one storage (a shared
 * SQLite folder: enough for joins and tokens), a host on one node and the players on the other. The
 * relay goes by rooms, so the peer list, the offers and a removed player's `bye` cross the nodes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, emit, join, next, record, sleep } from './support/clients.js';
import { closeAll, createGame } from './support/games.js';
import { freePort, type RunningServer, removeDir, startServer, tempDataDir } from './support/server.js';

const haveRedis = existsSync('/usr/bin/redis-server');

describe.runIf(haveRedis)("the game's call across two nodes", () => {
  let redis: ChildProcess;
  let a: RunningServer;
  let b: RunningServer;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await sleep(300);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
    a = await startServer({ dataDir, env });
    b = await startServer({ dataDir, env });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    redis?.kill('SIGTERM');
    removeDir(dataDir);
  });

  it('peers, offers and bye cross the nodes', async () => {
    const game = await createGame(a, { players: 2 });
    const host = await connect(a.url);
    await join(host, { gameId: game.id, token: game.hostToken });
    expect((await emit(host, 'rtc.join', { gameId: game.id })).ok).toBe(true);
    const [p1, p2] = game.players;
    const players = [];
    for (const p of [p1!, p2!]) {
      const socket = await connect(b.url);
      expect((await join(socket, { gameId: game.id, token: p.token })).ack.ok).toBe(true);
      players.push(socket);
    }
    const arrived = next(host, 'rtc.peer' as never) as Promise<{ peer: { id: string } }>;
    const first = await emit<{ ok: boolean; peers: { id: string }[] }>(players[0]!, 'rtc.join', { gameId: game.id });
    expect(first.peers).toEqual([{ id: 'host', role: 'host' }]);
    expect((await arrived).peer.id).toBe(p1!.playerId);
    await emit(players[1]!, 'rtc.join', { gameId: game.id });
    try {
      const offer = next(players[0]!, 'rtc' as never) as Promise<unknown>;
      const atOther = record(players[1]!, 'rtc' as never);
      const data = { session: 's', sdp: 'v=0\r\n' };
      expect((await emit(host, 'rtc', { gameId: game.id, to: p1!.playerId, kind: 'offer', data })).ok).toBe(true);
      expect(await offer).toEqual({ gameId: game.id, from: 'host', kind: 'offer', data });
      const answer = next(host, 'rtc' as never) as Promise<unknown>;
      await emit(players[0]!, 'rtc', { gameId: game.id, to: 'host', kind: 'answer', data });
      expect(await answer).toMatchObject({ from: p1!.playerId, kind: 'answer' });
      await sleep(200);
      expect(atOther).toHaveLength(0);

      // Removed on node A: the player on node B hears the bye.
      const bye = next(players[0]!, 'rtc' as never, (m: { kind: string }) => m.kind === 'bye') as Promise<unknown>;
      expect((await emit(host, 'command', { type: 'lobby.remove', playerId: p2!.playerId })).ok).toBe(true);
      expect(await bye).toEqual({ gameId: game.id, from: p2!.playerId, kind: 'bye', data: {} });
    } finally {
      closeAll([host, ...players]);
    }
  });
});
