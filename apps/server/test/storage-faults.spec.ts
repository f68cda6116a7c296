import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Client, connect, emit, join, next, playerOf, sleep } from './support/clients.js';
import { type CreatedGame, closeAll, createGame } from './support/games.js';
import { freePort, type RunningServer, removeDir, startServer } from './support/server.js';

// Faults (issue 9): the database refuses writes, PostgreSQL goes away, Redis goes away. Each time
// commands are refused with `storage_unavailable` (or keep working on their own node), nothing
// acked is lost, and play resumes by itself.

const isRoot = process.getuid?.() === 0;
const PG_BIN = '/usr/lib/postgresql/15/bin';
const hasPostgres = existsSync(`${PG_BIN}/initdb`) && isRoot;
const redisUrl = process.env.TEST_REDIS_URL;
const databaseUrl = process.env.TEST_DATABASE_URL;

const ROUNDS = { rounds: ['openDoor', 'finale'] };

/** A started two-player game with its host socket joined. */
async function startedGame(server: RunningServer): Promise<{ game: CreatedGame; host: Client; version: number }> {
  const game = await createGame(server, { players: 2, config: ROUNDS });
  const host = await connect(server.url);
  await join(host, { gameId: game.id, token: game.hostToken });
  const started = await emit(host, 'command', { type: 'game.start' });
  expect(started.ok).toBe(true);
  return { game, host, version: started.version };
}

const adjust = (host: Client, playerId: string, delta: number) =>
  emit(host, 'command', { type: 'seconds.adjust', playerId, delta });

/** Sends `seconds.adjust` until one is refused; returns the acked deltas and the refusal. */
async function adjustUntilRefused(host: Client, playerId: string, limit: number) {
  let acked = 0;
  let lastVersion = 0;
  for (let i = 0; i < limit; i++) {
    const ack = await adjust(host, playerId, 1);
    if (!ack.ok) return { acked, lastVersion, refusal: ack };
    acked++;
    lastVersion = ack.version;
  }
  throw new Error(`no command was refused in ${limit}`);
}

/** Retries `attempt` every 200 ms until it returns a value, for at most `ms`. */
async function eventually<T>(attempt: () => Promise<T | null>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await attempt().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(200);
  }
}

describe.runIf(isRoot)('a full disk (SQLite on a 16 MB tmpfs)', () => {
  const dir = mkdtempSync(joinPath(tmpdir(), 'slimste-full-'));
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses commands with storage_unavailable, says 503, resumes by itself and loses nothing acked', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir]);
    server = await startServer({ dataDir: dir });
    const { game, host, version: startedAt } = await startedGame(server);
    const playerId = game.players[0]!.playerId;
    const before = playerOf(await hostState(host, game), playerId).seconds;

    // Fill the disk to the last byte.
    const filler = joinPath(dir, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }

    // SQLite may still reuse pages of its WAL for a while; then every command is refused.
    const { acked, refusal } = await adjustUntilRefused(host, playerId, 5000);
    expect(refusal.error.code).toBe('storage_unavailable');
    console.log(`full disk: ${acked} more commands were stored before the first refusal`);
    const again = await adjust(host, playerId, 1);
    expect(again.error.code).toBe('storage_unavailable');
    expect((await server.request('/api/health')).status).toBe(503);
    const created = await server.request('/api/games', { method: 'POST', json: { config: { players: 2 } } });
    expect(created.status).toBe(503);
    expect(created.body.error.code).toBe('storage_unavailable');
    // Reads still work: a spectator joins and sees the last stored version.
    const screen = await connect(server.url);
    const seen = await join(screen, game.id);
    expect(seen.state?.version).toBe(startedAt + acked);

    // Room again: the next command is stored at the next version, without a restart.
    rmSync(filler);
    const resumed = await eventually(
      async () => {
        const ack = await adjust(host, playerId, 1);
        return ack.ok ? ack : null;
      },
      10_000,
      'a command after the disk had room again',
    );
    expect(resumed.version).toBe(startedAt + acked + 1);
    expect((await server.request('/api/health')).status).toBe(200);
    closeAll([host, screen]);
    // One line when storage went, one when it came back (not one per refused command); the log
    // is written asynchronously, so it may trail the acks.
    const log = server;
    await eventually(async () => (log.output().includes('storage available again') ? true : null), 5000, 'the log');
    expect(server.output().match(/storage unavailable: commands are refused/g)).toHaveLength(1);

    // kill -9 and start again: every acked command is there.
    await server.kill();
    server = await startServer({ dataDir: dir });
    const reopened = await connect(server.url);
    const state = (await join(reopened, { gameId: game.id, token: game.hostToken })).state!;
    expect(state.version).toBe(resumed.version);
    expect(playerOf(state, playerId).seconds).toBe(before + acked + 1);
    reopened.disconnect();
  }, 120_000);
});

/** The host's current state, by joining again. */
async function hostState(host: Client, game: CreatedGame) {
  return (await join(host, { gameId: game.id, token: game.hostToken })).state!;
}

/** A PostgreSQL cluster of this test's own (so stopping it disturbs no other test). */
class OwnPostgres {
  readonly dir = mkdtempSync(joinPath(tmpdir(), 'slimste-pg-'));
  port = 0;
  private asPostgres(args: string[]) {
    return execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' }).toString();
  }
  async init() {
    this.port = await freePort();
    execFileSync('chown', ['postgres', this.dir]);
    this.asPostgres([`${PG_BIN}/initdb`, '-D', `${this.dir}/data`, '-A', 'trust', '-U', 'postgres']);
    this.start();
  }
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  start() {
    this.asPostgres([
      `${PG_BIN}/pg_ctl`,
      '-D',
      `${this.dir}/data`,
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      '-l',
      `${this.dir}/log`,
      '-w',
      'start',
    ]);
  }
  stop() {
    this.asPostgres([`${PG_BIN}/pg_ctl`, '-D', `${this.dir}/data`, '-m', 'fast', '-w', 'stop']);
  }
  remove() {
    try {
      this.stop();
    } catch {}
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe.runIf(hasPostgres)('PostgreSQL stopped and started again', () => {
  const pg = new OwnPostgres();
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
    pg.remove();
  });

  it('refuses commands with storage_unavailable while it is down and resumes by itself', async () => {
    await pg.init();
    server = await startServer({ env: { DATABASE_URL: pg.url } });
    const { game, host, version: startedAt } = await startedGame(server);
    const playerId = game.players[0]!.playerId;
    expect((await adjust(host, playerId, 1)).version).toBe(startedAt + 1);

    pg.stop();
    const refused = await adjust(host, playerId, 1);
    expect(refused.error.code).toBe('storage_unavailable');
    expect((await server.request('/api/health')).status).toBe(503);
    const created = await server.request('/api/games', { method: 'POST', json: { config: { players: 2 } } });
    expect(created.status).toBe(503);

    pg.start();
    const resumed = await eventually(
      async () => {
        const ack = await adjust(host, playerId, 1);
        return ack.ok ? ack : null;
      },
      15_000,
      'a command after PostgreSQL came back',
    );
    expect(resumed.version).toBe(startedAt + 2);
    expect((await server.request('/api/health')).status).toBe(200);
    host.disconnect();
    // The process lived through it (an idle connection closed by the server must not end it).
    expect(server.output()).not.toContain('Unhandled');
  }, 120_000);
});

/** A Redis of this test's own, on a port of its own. */
async function ownRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await eventually(
    async () =>
      execFileSync('redis-cli', ['-p', String(port), 'ping'])
        .toString()
        .includes('PONG')
        ? true
        : null,
    5000,
    'redis to start',
  );
  return child;
}

describe.runIf(databaseUrl && redisUrl)('Redis stopped and started again (two nodes)', () => {
  let redis: ChildProcess | undefined;
  const nodes: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    for (const n of nodes) removeDir(n.dataDir);
    redis?.kill('SIGKILL');
  });

  it('each node serves its own sockets meanwhile; broadcasts between them resume', async () => {
    const port = await freePort();
    redis = await ownRedis(port);
    const env = { DATABASE_URL: databaseUrl!, REDIS_URL: `redis://127.0.0.1:${port}` };
    const a = await startServer({ env });
    const b = await startServer({ env });
    nodes.push(a, b);
    const { game, host, version: startedAt } = await startedGame(a);
    const playerId = game.players[0]!.playerId;
    const screenOnB = await connect(b.url);
    const screenOnA = await connect(a.url);
    await join(screenOnB, game.id);
    await join(screenOnA, game.id);
    const crossed = next(screenOnB, 'state', (s) => s.version === startedAt + 1);
    await adjust(host, playerId, 1);
    await crossed;

    redis.kill('SIGTERM');
    await new Promise((r) => redis!.once('exit', r));
    // Node A goes on for its own sockets: the command is stored and its screen sees it.
    const localSeen = next(screenOnA, 'state', (s) => s.version === startedAt + 2);
    expect((await adjust(host, playerId, 1)).version).toBe(startedAt + 2);
    await localSeen;

    // Redis back: node B's screen catches up (its node sends its sockets the state again), and
    // changes cross between the nodes again.
    const caughtUp = next(screenOnB, 'state', (s) => s.version >= startedAt + 2, 15_000);
    redis = await ownRedis(port);
    const started = Date.now();
    await caughtUp;
    console.log(`redis back: node B's screen caught up in ${Date.now() - started} ms`);
    await eventually(async () => (a.output().includes('redis is back') ? true : null), 10_000, 'node A reconnected');
    await sleep(1000);
    for (let i = 3; i <= 7; i++) {
      const seen = next(screenOnB, 'state', (s) => s.version === startedAt + i, 3000);
      expect((await adjust(host, playerId, 1)).version).toBe(startedAt + i);
      await seen;
    }
    closeAll([host, screenOnA, screenOnB]);
  }, 120_000);
});
