import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, emit, join, sleep } from './support/clients.js';
import { createGame } from './support/games.js';
import { ADMIN_TOKEN, type RunningServer, removeDir, startServer } from './support/server.js';

// GET /api/stats: what this process holds (npm run soak reads it before and after).
describe('GET /api/stats', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  const stats = (token = ADMIN_TOKEN) =>
    server.request('/api/stats', { headers: { authorization: `Bearer ${token}` } });

  it('is for the operator only', async () => {
    expect((await server.request('/api/stats')).status).toBe(401);
    const wrong = await stats('not-the-admin-token-000');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
  });

  it('counts sockets, rooms and cached games, and none are left once the sockets go', async () => {
    const game = await createGame(server, { players: 2, config: { rounds: ['openDoor', 'finale'] } });
    const host = await connect(server.url);
    const screen = await connect(server.url);
    await join(host, { gameId: game.id, token: game.hostToken });
    await join(screen, game.id);
    const during = (await stats()).body;
    expect(during.sockets).toBe(2);
    // Each socket's own room, the game's, the host's and the spectators'.
    expect(during.rooms).toBe(5);
    expect(during.cachedGames).toBeGreaterThanOrEqual(1);
    expect(during.cachedBytes).toBeGreaterThan(0);
    expect(during.clockTimers).toBe(0);
    expect(during.memory.heapUsed).toBeGreaterThan(0);
    expect(during.resources.TCPSocketWrap).toBeGreaterThanOrEqual(2);
    host.disconnect();
    screen.disconnect();
    for (let i = 0; i < 50 && (await stats()).body.sockets > 0; i++) await sleep(50);
    const after = (await stats()).body;
    expect(after.sockets).toBe(0);
    expect(after.rooms).toBe(0);
  });

  // How commits are grouped: repositories/game-event-writer.spec.ts.
  const storage = async () => (await stats()).body.storage;

  it('counts the commands stored and the commits that stored them', async () => {
    const games = await Promise.all([1, 2, 3].map(() => createGame(server, { players: 2 })));
    const hosts = await Promise.all(games.map(() => connect(server.url)));
    await Promise.all(hosts.map((host, i) => join(host, { gameId: games[i]!.id, token: games[i]!.hostToken })));
    for (const host of hosts) expect((await emit(host, 'command', { type: 'game.start' })).ok).toBe(true);
    const before = await storage();
    // One command per game, sent at once (the commands of one game run one after the other).
    const acks = await Promise.all(
      hosts.map((host, i) =>
        emit(host, 'command', { type: 'seconds.adjust', playerId: games[i]!.players[0]!.playerId, delta: 5 }),
      ),
    );
    const after = await storage();
    for (const host of hosts) host.disconnect();
    expect(acks.every((ack) => ack.ok)).toBe(true);
    expect(after.commands - before.commands).toBe(3);
    expect(after.commits - before.commits).toBeGreaterThanOrEqual(1);
    expect(after.commits - before.commits).toBeLessThanOrEqual(3);
    expect(after.commitMs).toBeGreaterThan(0);
  });
});
