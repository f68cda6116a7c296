#!/usr/bin/env node
// How big SQLite's WAL file gets under writes that never pause, with the server's own storage
// (checkpointer thread, automatic checkpoints off), with and without `journal_size_limit`.
// Figures in docs/server.md (Storage, "WAL size"). After `npm run build`:
//
//   node scripts/measure-wal.mjs [--seconds 30]
//
// It writes far faster than a server does (a transaction of 40 rows of 400 bytes every
// millisecond), then pauses 2.5 s so the checkpoint catches up, then writes once more: the write
// that starts the WAL over, which is when SQLite cuts it back to the limit.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { createStorage } = await import(join(ROOT, 'apps', 'server', 'dist', 'database', 'database.js'));
const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '30' } } });
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function run(limit) {
  const dir = mkdtempSync(join(tmpdir(), 'slimste-wal-'));
  const storage = createStorage({ dataDir: dir, databaseUrl: null });
  const file = storage.driver.file;
  if (limit !== null) file.pragma(`journal_size_limit = ${limit}`);
  file.exec('create table t (id integer primary key, game text, body text)');
  const insert = file.prepare('insert into t (game, body) values (?, ?)');
  const write = file.transaction((n) => {
    for (let i = 0; i < n; i++) insert.run(`g${i % 200}`, 'x'.repeat(400));
  });
  const wal = join(dir, 'slimste.sqlite-wal');
  const size = () => (existsSync(wal) ? statSync(wal).size : 0);
  let peak = 0;
  const started = Date.now();
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      write(40);
      peak = Math.max(peak, size());
      if (Date.now() - started > Number(args.seconds) * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  await new Promise((r) => setTimeout(r, 2500));
  write(1);
  const after = size();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  return { peak, after };
}

// The checkpointer's thread does not keep the process alive (it is unref'd): this does, until the end.
const alive = setInterval(() => {}, 1000);
const withLimit = await run(null);
const without = await run(-1);
clearInterval(alive);
console.log(
  `journal_size_limit as the server sets it: WAL peak ${mb(withLimit.peak)}, after a pause and one write ${mb(withLimit.after)}`,
);
console.log(
  `no limit (-1):                          WAL peak ${mb(without.peak)}, after a pause and one write ${mb(without.after)}`,
);
