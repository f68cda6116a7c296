import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, connect, emit, joinState, playerOf, type State, sleep } from './support/clients.js';
import { bearer, closeAll, createGame, type ImportedSet, importTestSet } from './support/games.js';
import { type RunningServer, removeDir, startServer, tempDataDir } from './support/server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = join(ROOT, 'apps', 'server', 'dist', 'backup', 'cli.js');
const WRAPPER = join(ROOT, 'scripts', 'backup-restore.mjs');
const TURN_ROUNDS = { rounds: ['openDoor', 'finale'] };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the backup tool (the built CLI, or the root script `npm run backup` runs) as its own process. */
function runTool(args: string[], env: Record<string, string>, via: 'cli' | 'npm-script' = 'cli'): Promise<Run> {
  const program = via === 'cli' ? CLI : WRAPPER;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [program, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A PNG header followed by random bytes: accepted as an image, and unlike any other file. */
function pngBytes(size: number): Buffer {
  const bytes = randomBytes(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

async function upload(server: RunningServer, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'picture.png');
  const res = await server.request('/api/media', { method: 'POST', body: form });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.url;
}

/** A state without what differs from one message to the next at the same version. */
function comparable(state: State) {
  const { serverTime: _t, events: _e, ...rest } = state as State & { events?: unknown };
  return rest;
}

interface Played {
  game: Awaited<ReturnType<typeof createGame>>;
  host: Client;
  /** Every state the host heard, by version. */
  states: Map<number, State>;
  acked: number;
  /** The last version acked before the backup started, and by the time it had finished. */
  ackedBefore: number;
  ackedAfter: number;
}

interface Source {
  set: ImportedSet;
  games: Played[];
  media: { url: string; bytes: Buffer }[];
  backup: Run;
}

/**
 * Plays `count` games on `server`, every host correcting seconds as fast as acks come back, and
 * takes a backup to `file` in the middle of it; the commands keep coming until after the backup.
 */
async function playAndBackUp(server: RunningServer, file: string, toolEnv: Record<string, string>, count = 6) {
  const set = await importTestSet(server);
  const media = [pngBytes(200_000), pngBytes(3_000)];
  const uploaded = await Promise.all(media.map(async (bytes) => ({ url: await upload(server, bytes), bytes })));
  const games: Played[] = [];
  for (let i = 0; i < count; i++) {
    const game = await createGame(server, { set, players: 2, config: TURN_ROUNDS });
    const host = await connect(server.url);
    const states = new Map<number, State>();
    host.on('state', (s: State) => states.set(s.version, s));
    const start = await joinState(host, { gameId: game.id, token: game.hostToken });
    states.set(start.version, start);
    const started = await emit(host, 'command', { type: 'game.start' });
    expect(started.ok).toBe(true);
    games.push({ game, host, states, acked: started.version, ackedBefore: 0, ackedAfter: 0 });
  }
  let stop = false;
  const streams = games.map(async (g) => {
    const playerId = g.game.players[0]!.playerId;
    for (let n = 0; !stop; n++) {
      const ack = await emit(g.host, 'command', { type: 'seconds.adjust', playerId, delta: (n % 5) - 2 });
      expect(ack.ok).toBe(true);
      g.acked = ack.version;
    }
  });
  const base = games.map((g) => g.acked);
  await expect.poll(() => Math.min(...games.map((g, i) => g.acked - base[i]!)), { timeout: 20_000 }).toBeGreaterThan(5);
  for (const g of games) g.ackedBefore = g.acked;
  const backup = await runTool(['backup', file], toolEnv, 'npm-script');
  for (const g of games) g.ackedAfter = g.acked;
  await sleep(300);
  stop = true;
  await Promise.all(streams);
  // The commands did keep arriving while the backup ran.
  expect(games.reduce((sum, g) => sum + g.ackedAfter - g.ackedBefore, 0)).toBeGreaterThan(0);
  return { set, games, media: uploaded, backup } satisfies Source;
}

/** Every game of `source` is back on `server` as it was at one version during the backup. */
async function expectRestored(server: RunningServer, source: Source): Promise<void> {
  const host = await connect(server.url);
  try {
    for (const g of source.games) {
      const state = await joinState(host, { gameId: g.game.id, token: g.game.hostToken });
      // The backup is one moment while it ran: at least what was acked before it began, at most what
      // was acked when it ended (and the one command then in flight, stored but not yet acked).
      expect(state.version).toBeGreaterThanOrEqual(g.ackedBefore);
      expect(state.version).toBeLessThanOrEqual(g.ackedAfter + 1);
      const then = g.states.get(state.version);
      expect(then, `the host heard version ${state.version}`).toBeDefined();
      expect(comparable(state)).toEqual(comparable(then!));
      // And the game plays on from there.
      const playerId = g.game.players[0]!.playerId;
      const ack = await emit(host, 'command', { type: 'seconds.adjust', playerId, delta: 1, gameId: g.game.id });
      expect(ack).toEqual({ ok: true, version: state.version + 1 });
      const after = await joinState(host, { gameId: g.game.id, token: g.game.hostToken });
      expect(playerOf(after, playerId).seconds).toBe(playerOf(state, playerId).seconds + 1);
    }
  } finally {
    host.disconnect();
  }
  for (const m of source.media) {
    const res = await fetch(server.url + m.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(m.bytes)).toBe(true);
  }
  const set = await server.request(`/api/question-sets/${source.set.id}`, { headers: bearer(source.set.editToken) });
  expect(set.status).toBe(200);
  expect(set.body.document).toEqual(source.set.document);
}

/** Names and contents of a folder, to show a refused restore changed nothing. */
function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = join(rel, e.name);
      if (e.isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path)).toString('base64');
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

function gamesIn(file: string): number {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from games').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Rewrites a backup: `change` edits the extracted folder, then it is packed again as it is. */
async function repack(file: string, out: string, change: (dir: string) => void): Promise<void> {
  const dir = tempDataDir();
  try {
    await tar.x({ file, cwd: dir });
    change(dir);
    const entries = Object.keys(snapshotDir(dir)).sort((a, b) => (a === 'manifest.json' ? -1 : a.localeCompare(b)));
    await tar.c({ file: out, cwd: dir, gzip: true }, entries);
  } finally {
    removeDir(dir);
  }
}

describe('backup and restore (SQLite)', () => {
  const work = tempDataDir();
  const file = join(work, 'slimste-backup.tar.gz');
  const sourceDir = tempDataDir();
  const targetDir = tempDataDir();
  let source: Source;

  afterAll(() => {
    for (const dir of [work, sourceDir, targetDir]) removeDir(dir);
  });

  it('round trip: a backup taken while commands keep arriving restores every game, set and media file', async () => {
    const server = await startServer({ dataDir: sourceDir });
    try {
      source = await playAndBackUp(server, file, { DATA_DIR: sourceDir });
    } finally {
      closeAll(source?.games.map((g) => g.host) ?? []);
      await server.stop();
    }
    expect(source.backup.code, source.backup.stderr).toBe(0);
    expect(source.backup.stdout).toMatch(/Backed up to .*slimste-backup\.tar\.gz \(.+\) in \d+\.\d s/);
    expect(source.backup.stdout).toContain('SQLite, 6 games');
    expect(source.backup.stdout).toMatch(/media: +2 files, 198\.2 KB/);
    // Only the finished file: no partial file, no staging folder left behind.
    expect(readdirSync(work)).toEqual(['slimste-backup.tar.gz']);
    expect(statSync(file).mode & 0o777).toBe(0o600); // every set's answers, every token's hash
    expect(readdirSync(sourceDir).filter((n) => n.startsWith('.'))).toEqual([]);

    const restore = await runTool(['restore', file], { DATA_DIR: targetDir });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('SQLite, 6 games');
    expect(restore.stdout).toMatch(/media: +2 files/);
    expect(readdirSync(targetDir).sort()).toEqual(['media', 'slimste.sqlite']);

    const restored = await startServer({ dataDir: targetDir });
    try {
      await expectRestored(restored, source);
    } finally {
      await restored.stop();
    }
  });

  it('refuses a foreign, truncated, damaged or tampered file, and changes nothing', async () => {
    const before = snapshotDir(targetDir);
    const whole = readFileSync(file);
    const flipped = Buffer.from(whole);
    flipped[Math.floor(whole.length / 2)]! ^= 0xff;
    const cases: { name: string; make: (path: string) => Promise<void> | void; message: RegExp }[] = [
      { name: 'random bytes', make: (p) => writeFileSync(p, randomBytes(5000)), message: /not a Slimste backup/ },
      { name: 'truncated', make: (p) => writeFileSync(p, whole.subarray(0, whole.length >> 1)), message: /corrupt/ },
      { name: 'a flipped byte', make: (p) => writeFileSync(p, flipped), message: /corrupt/ },
      {
        name: 'a media file changed',
        make: (p) =>
          repack(file, p, (dir) => {
            const media = join(dir, 'media', readdirSync(join(dir, 'media'))[0]!);
            const bytes = readFileSync(media);
            bytes[bytes.length - 1]! ^= 1;
            writeFileSync(media, bytes);
          }),
        message: /corrupt: media\/.+ does not match its checksum/,
      },
      {
        name: 'a file not in the manifest',
        make: (p) => repack(file, p, (dir) => writeFileSync(join(dir, 'media', 'extra.png'), pngBytes(10))),
        message: /corrupt: media\/extra\.png is not in its manifest/,
      },
      {
        name: 'no manifest',
        make: (p) => repack(file, p, (dir) => removeDir(join(dir, 'manifest.json'))),
        message: /not a Slimste backup: it has no manifest\.json/,
      },
      {
        name: 'a path outside the layout',
        make: (p) =>
          repack(file, p, (dir) => {
            mkdirSync(join(dir, 'etc'));
            writeFileSync(join(dir, 'etc', 'passwd'), 'x');
          }),
        message: /not a Slimste backup: it holds etc\/passwd/,
      },
      {
        name: 'another manifest',
        make: (p) => repack(file, p, (dir) => writeFileSync(join(dir, 'manifest.json'), '{"format":"other"}')),
        message: /not a Slimste backup/,
      },
    ];
    for (const c of cases) {
      const bad = join(work, 'bad.tar.gz');
      await c.make(bad);
      const run = await runTool(['restore', bad, '--force'], { DATA_DIR: targetDir });
      expect(run.code, c.name).toBe(1);
      expect(run.stderr, c.name).toMatch(/^restore failed: /);
      expect(run.stderr, c.name).toMatch(c.message);
      expect(run.stderr, c.name).not.toMatch(/\n\s+at /); // a message, not a stack
      expect(snapshotDir(targetDir), c.name).toEqual(before);
    }
    const missing = await runTool(['restore', join(work, 'nothing.tar.gz')], { DATA_DIR: targetDir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nothing\.tar\.gz does not exist/);
  });

  it('refuses to restore under a running server, even with --force', async () => {
    const server = await startServer({ dataDir: targetDir });
    try {
      const run = await runTool(['restore', file, '--force'], { DATA_DIR: targetDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/a server \(or another program\) is using .*slimste\.sqlite: stop it first/);
      expect(readdirSync(targetDir).filter((n) => n.includes('before-restore'))).toEqual([]);
      const game = source.games[0]!.game;
      expect((await server.request(`/api/games/${game.id}`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('over data already there: refused without --force; with it, the old files are kept aside', async () => {
    // The target now holds the restored games plus the one command each played after the restore.
    const before = snapshotDir(targetDir);
    const refused = await runTool(['restore', file], { DATA_DIR: targetDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /there is data here already: a database \(6 games\) .* and 2 media files\. Add --force/,
    );
    expect(snapshotDir(targetDir)).toEqual(before);

    const forced = await runTool(['restore', file, '--force'], { DATA_DIR: targetDir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/kept aside: .*slimste\.sqlite\.before-restore-/);
    const names = readdirSync(targetDir);
    const oldDb = names.find((n) => n.startsWith('slimste.sqlite.before-restore-'));
    const oldMedia = names.find((n) => n.startsWith('media.before-restore-'));
    expect(oldDb).toBeDefined();
    expect(oldMedia).toBeDefined();
    expect(gamesIn(join(targetDir, oldDb!))).toBe(6);
    expect(readdirSync(join(targetDir, oldMedia!))).toHaveLength(2);

    // The restored data is the backup's again: each game at its backed-up version, not one later.
    const server = await startServer({ dataDir: targetDir });
    const host = await connect(server.url);
    try {
      for (const g of source.games) {
        const state = await joinState(host, { gameId: g.game.id, token: g.game.hostToken });
        expect(state.version).toBeLessThanOrEqual(g.ackedAfter + 1);
        expect(comparable(state)).toEqual(comparable(g.states.get(state.version)!));
      }
    } finally {
      host.disconnect();
      await server.stop();
    }
  });

  it('says how to use it, and what is wrong with a command line', async () => {
    const none = await runTool([], {}, 'npm-script');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/say what to do: backup or restore[\s\S]*npm run backup -- FILE/);
    // `npm run backup` before `npm run build`: the root script says to build first.
    const unbuilt = join(work, 'checkout');
    mkdirSync(join(unbuilt, 'scripts'), { recursive: true });
    copyFileSync(WRAPPER, join(unbuilt, 'scripts', 'backup-restore.mjs'));
    const notBuilt = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [join(unbuilt, 'scripts', 'backup-restore.mjs'), 'backup', 'x.tar.gz']);
      let stderr = '';
      child.stderr.on('data', (c) => {
        stderr += c;
      });
      child.on('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    expect(notBuilt.code).toBe(1);
    expect(notBuilt.stderr).toMatch(/The backup tool is not built \(.*cli\.js is missing\): run `npm run build` first/);
    const noFile = await runTool(['backup'], {});
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/backup: name the backup file/);
    const badFolder = await runTool(['backup', join(work, 'no-such-folder', 'x.tar.gz')], { DATA_DIR: targetDir });
    expect(badFolder.code).toBe(1);
    expect(badFolder.stderr).toMatch(/the folder .*no-such-folder does not exist/);
    const noDb = await runTool(['backup', join(work, 'x.tar.gz')], { DATA_DIR: join(work, 'empty') });
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toMatch(/there is no database at .*slimste\.sqlite: check DATA_DIR/);
  });
});

const PG = process.env.TEST_DATABASE_URL;

describe.skipIf(!PG)('backup and restore (PostgreSQL)', () => {
  const suffix = randomBytes(4).toString('hex');
  const names = { source: `slimste_backup_${suffix}_src`, target: `slimste_backup_${suffix}_dst` };
  const urlOf = (db: string) => {
    if (!PG) return ''; // the describe's body runs even when it is skipped
    const url = new URL(PG);
    url.pathname = `/${db}`;
    return url.toString();
  };
  const work = tempDataDir();
  const file = join(work, 'pg-backup.tar.gz');
  const sourceDir = tempDataDir();
  const targetDir = tempDataDir();
  const sourceEnv = { DATABASE_URL: urlOf(names.source) };
  const targetEnv = { DATABASE_URL: urlOf(names.target) };
  let source: Source;

  async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin(async (c) => {
      for (const db of Object.values(names)) await c.query(`create database ${db}`);
    });
  });
  afterAll(async () => {
    await admin(async (c) => {
      for (const db of Object.values(names)) await c.query(`drop database if exists ${db} with (force)`);
    });
    for (const dir of [work, sourceDir, targetDir]) removeDir(dir);
  });

  it('round trip with pg_dump and pg_restore while commands keep arriving', async () => {
    const server = await startServer({ dataDir: sourceDir, env: sourceEnv });
    try {
      source = await playAndBackUp(server, file, { DATA_DIR: sourceDir, ...sourceEnv });
    } finally {
      closeAll(source?.games.map((g) => g.host) ?? []);
      await server.stop();
    }
    expect(source.backup.code, source.backup.stderr).toBe(0);
    expect(source.backup.stdout).toContain('PostgreSQL, 6 games');
    const restore = await runTool(['restore', file], { DATA_DIR: targetDir, ...targetEnv });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('PostgreSQL, 6 games');

    const restored = await startServer({ dataDir: targetDir, env: targetEnv });
    try {
      await expectRestored(restored, source);
    } finally {
      await restored.stop();
    }
  });

  it('refuses an SQLite backup, a database with servers connected, and data already there without --force', async () => {
    const sqliteBackup = join(work, 'sqlite.tar.gz');
    const sqliteDir = tempDataDir();
    const small = await startServer({ dataDir: sqliteDir });
    await small.stop();
    expect((await runTool(['backup', sqliteBackup], { DATA_DIR: sqliteDir })).code).toBe(0);
    removeDir(sqliteDir);
    const wrongKind = await runTool(['restore', sqliteBackup, '--force'], { DATA_DIR: targetDir, ...targetEnv });
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toMatch(/holds a SQLite database, but this configuration uses PostgreSQL/);

    const server = await startServer({ dataDir: targetDir, env: targetEnv });
    try {
      const busy = await runTool(['restore', file, '--force'], { DATA_DIR: targetDir, ...targetEnv });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/other session\(s\) are connected .* stop every server first/);
    } finally {
      await server.stop();
    }

    const refused = await runTool(['restore', file], { DATA_DIR: targetDir, ...targetEnv });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/there is data here already: a database \(6 games\)/);

    const forced = await runTool(['restore', file, '--force'], { DATA_DIR: targetDir, ...targetEnv });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/kept aside: .*postgres\.before-restore-.*\.dump/);
    const restored = await startServer({ dataDir: targetDir, env: targetEnv });
    const host = await connect(restored.url);
    try {
      for (const g of source.games) {
        const state = await joinState(host, { gameId: g.game.id, token: g.game.hostToken });
        expect(comparable(state)).toEqual(comparable(g.states.get(state.version)!));
      }
    } finally {
      host.disconnect();
      await restored.stop();
    }
  });
});
