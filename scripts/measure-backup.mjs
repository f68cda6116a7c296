#!/usr/bin/env node
// How long `npm run backup` takes, and how big the file is, while a server is under load; then how
// long `npm run restore` of that file takes. Figures in docs/DEPLOY.md ("Backup and restore").
//
//   node scripts/measure-backup.mjs --games 200 --interval 1000 --duration 60 --backups 3 [--media-mb 100]
//
// Starts the BUILT server (`npm run build` first) on a fresh DATA_DIR, plays --games games with
// the load tool (a command per game every --interval ms, 3 players and a screen each), takes
// --backups backups spread over the run, stops the server and restores the last backup into a
// fresh DATA_DIR. Prints each backup's time and size, the database and WAL sizes, the load tool's
// latency summary, and the restore time. With --postgres postgres://user:pw@host/db (a role that
// may create databases) it does the same on PostgreSQL, in two databases of its own, dropped after.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.mjs';
import { LOAD_TEST_ENV } from './loadtest/servers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'apps', 'server', 'dist', 'main.js');
const CLI = join(ROOT, 'apps', 'server', 'dist', 'backup', 'cli.js');
const { values: args } = parseArgs({
  options: {
    games: { type: 'string', default: '200' },
    interval: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '60' },
    backups: { type: 'string', default: '3' },
    'media-mb': { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
    postgres: { type: 'string' },
  },
});
if (!existsSync(SERVER) || !existsSync(CLI)) {
  console.error('apps/server/dist is missing: run `npm run build` first');
  process.exit(1);
}

const root = mkdtempSync(join(tmpdir(), 'slimste-measure-backup-'));
const source = join(root, 'source');
const target = join(root, 'target');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const sizeOf = (path) => (existsSync(path) ? statSync(path).size : 0);

function run(program, programArgs, env = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [program, ...programArgs], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      out += c;
    });
    child.on('close', (code) => resolve({ code, out, ms: performance.now() - started, child }));
  });
}

// PostgreSQL: a database for the server and one to restore into, created here and dropped at the end.
const pgNames = args.postgres ? ['src', 'dst'].map((n) => `slimste_measure_${process.pid}_${n}`) : [];
const pgUrl = (name) => {
  const u = new URL(args.postgres);
  u.pathname = `/${name}`;
  return u.toString();
};
async function pgAdmin(sql, url = args.postgres) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
for (const name of pgNames) await pgAdmin(`create database ${name}`);
const sourceDb = pgNames[0] ? pgUrl(pgNames[0]) : '';
const targetDb = pgNames[1] ? pgUrl(pgNames[1]) : '';
const dbSize = async () =>
  sourceDb
    ? Number((await pgAdmin('select pg_database_size(current_database()) as n', sourceDb))[0].n)
    : sizeOf(join(source, 'slimste.sqlite'));

const port = await freePort();
const server = spawn(process.execPath, ['--max-semi-space-size=32', SERVER], {
  env: { ...process.env, ...LOAD_TEST_ENV, PORT: String(port), DATA_DIR: source, DATABASE_URL: sourceDb },
  stdio: 'ignore',
});
const url = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (
    await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  if (i > 300) throw new Error('the server did not start');
  await new Promise((r) => setTimeout(r, 100));
}

// --media-mb: uploads of 5 MB each (random bytes behind a PNG header: as incompressible as real
// pictures, sound and film), before the load starts.
const mediaBytes = Math.round(Number(args['media-mb']) * 1024 * 1024);
for (let done = 0; done < mediaBytes; done += 5 * 1024 * 1024) {
  const bytes = randomBytes(Math.min(5 * 1024 * 1024, mediaBytes - done));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'media.png');
  const res = await fetch(`${url}/api/media`, { method: 'POST', body: form });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
}

const db = join(source, 'slimste.sqlite');
let walPeak = 0;
const sampler = setInterval(() => {
  walPeak = Math.max(walPeak, sizeOf(`${db}-wal`));
}, 250);

const duration = Number(args.duration);
const load = run(join(ROOT, 'scripts', 'loadtest.mjs'), [
  '--url',
  url,
  '--pid',
  String(server.pid),
  '--games',
  args.games,
  '--interval',
  args.interval,
  '--duration',
  args.duration,
  '--warmup',
  '3',
]);

// Wait until the games are playing (commands arriving), then spread the backups over the run.
const loadStarted = performance.now();
let lastSize = await dbSize();
for (;;) {
  await new Promise((r) => setTimeout(r, 500));
  const now = sizeOf(`${db}-wal`) + (await dbSize());
  if (now > lastSize + 200_000) break;
  lastSize = now;
}
const setupMs = performance.now() - loadStarted;
const backups = [];
const count = Number(args.backups);
for (let i = 0; i < count; i++) {
  await new Promise((r) => setTimeout(r, ((duration + 3) * 1000) / (count + 1)));
  const file = join(root, `backup-${i + 1}.tar.gz`);
  const dbBytes = await dbSize();
  const walBytes = sizeOf(`${db}-wal`);
  const r = await run(CLI, ['backup', file], { DATA_DIR: source, DATABASE_URL: sourceDb });
  if (r.code !== 0) throw new Error(`backup failed:\n${r.out}`);
  backups.push({ file, ms: r.ms, bytes: sizeOf(file), dbBytes, walBytes, out: r.out.trim() });
}
const loadResult = await load;
clearInterval(sampler);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

// With --backups 0 the run is the yardstick: the same load without a backup.
const last = backups.at(-1);
const restore = last ? await run(CLI, ['restore', last.file], { DATA_DIR: target, DATABASE_URL: targetDb }) : null;
for (const name of pgNames) await pgAdmin(`drop database if exists ${name} with (force)`);
if (restore && restore.code !== 0) throw new Error(`restore failed:\n${restore.out}`);

console.log(
  `${args.games} games, a command per game every ${args.interval} ms, ${args.duration} s` +
    `, ${args['media-mb']} MB of media (setup ${(setupMs / 1000).toFixed(1)} s)`,
);
for (const [i, b] of backups.entries()) {
  console.log(
    `backup ${i + 1}: ${(b.ms / 1000).toFixed(2)} s wall (node start-up included), file ${mb(b.bytes)}; ` +
      (sourceDb
        ? `database ${mb(b.dbBytes)} (pg_database_size) at the start`
        : `database ${mb(b.dbBytes)} + WAL ${mb(b.walBytes)} at the start`),
  );
  console.log(`  ${b.out.split('\n').join('\n  ')}`);
}
if (!sourceDb) console.log(`WAL peak during the run: ${mb(walPeak)}`);
if (restore) {
  console.log(`restore of backup ${backups.length}: ${(restore.ms / 1000).toFixed(2)} s wall`);
  console.log(`  ${restore.out.trim().split('\n').join('\n  ')}`);
}
console.log('load tool (the window includes the backups):');
console.log(`  ${loadResult.out.trim().split('\n').slice(-12).join('\n  ')}`);
if (args.keep) console.log(`kept: ${root}`);
else rmSync(root, { recursive: true, force: true });
