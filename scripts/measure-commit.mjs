#!/usr/bin/env node
// What one command's row costs SQLite, by how many rows share a commit, with the server's table
// (primary key game + version, a foreign key to games) and without the key's index (an append-only
// table). 1,000 games take turns, as under the load tool. Figures in docs/PERFORMANCE.md.
//
//   node scripts/measure-commit.mjs [--commands 20000]
//
// WAL, synchronous=NORMAL, automatic checkpoints off, as the server runs it (its checkpointer
// thread is not started here: the WAL is checkpointed before each measurement).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const Database = createRequire(join(ROOT, 'apps', 'server', 'package.json'))('better-sqlite3');
const { values: args } = parseArgs({ options: { commands: { type: 'string', default: '20000' } } });
const GAMES = 1000;
const COMMANDS = Number(args.commands);

const TABLES = {
  'the server (key index)': `create table game_events (game_id varchar(64) not null references games(id) on delete cascade,
    version integer not null, command text not null, actor text not null, events text not null, at varchar(40) not null,
    history_keep integer, history_push text, primary key (game_id, version))`,
  'append-only (no index)': `create table game_events (seq integer primary key, game_id varchar(64) not null,
    version integer not null, command text not null, actor text not null, events text not null, at varchar(40) not null,
    history_keep integer, history_push text)`,
};

function measure(table, batch) {
  const dir = mkdtempSync(join(tmpdir(), 'slimste-commit-'));
  const db = new Database(join(dir, 'bench.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table games (id varchar(64) primary key, phase text)');
    db.exec(table);
    const ids = Array.from({ length: GAMES }, () => crypto.randomUUID());
    const addGame = db.prepare('insert into games values (?, ?)');
    db.transaction(() => {
      for (const id of ids) addGame.run(id, 'playing');
    })();
    const insert =
      db.prepare(`insert into game_events (game_id, version, command, actor, events, at, history_keep, history_push)
      values (?, ?, ?, ?, ?, ?, ?, ?)`);
    const commit = db.transaction((rows) => {
      for (const r of rows) insert.run(...r);
    });
    const versions = new Map(ids.map((id) => [id, 0]));
    const command = JSON.stringify({ type: 'seconds.adjust', playerId: 'p1234567', delta: 1 });
    const events = JSON.stringify([{ type: 'seconds.adjusted', playerId: 'p1234567', delta: 1, seconds: 61 }]);
    let next = 0;
    const play = (n) => {
      for (let i = 0; i < n; i += batch) {
        const rows = [];
        for (let j = 0; j < batch; j++) {
          const id = ids[next++ % GAMES];
          const v = versions.get(id) + 1;
          versions.set(id, v);
          rows.push([id, v, command, '{"role":"host"}', events, new Date().toISOString(), v - 1, '[]']);
        }
        commit(rows);
      }
    };
    play(5000); // every game a few versions in, its index pages made
    db.pragma('wal_checkpoint(TRUNCATE)');
    const cpu = process.cpuUsage();
    play(COMMANDS);
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / COMMANDS;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const batches = [1, 3, 6, 12];
console.log(`CPU per command (µs), ${COMMANDS} commands over ${GAMES} games, by commands per commit`);
console.log(`${'table'.padEnd(26)}${batches.map((b) => String(b).padStart(8)).join('')}`);
for (const [name, table] of Object.entries(TABLES)) {
  console.log(`${name.padEnd(26)}${batches.map((b) => measure(table, b).toFixed(1).padStart(8)).join('')}`);
}
