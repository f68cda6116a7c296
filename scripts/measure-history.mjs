// How long a game's history takes to serve: a game of N commands (default 2000) is played over a
// host socket against the BUILT server (free port, temporary DATA_DIR), then, timed from this
// client: the last replay page cold (nothing cached: it replays the whole game from version 0), the
// same page again, the first page, every state in pages of 200, the log download and the results
// CSV. Usage (after `npm run build`):
//   node scripts/measure-history.mjs [commands]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { freePort } from './free-port.mjs';

const COMMANDS = Number(process.argv[2] ?? 2000);
const root = join(import.meta.dirname, '..');
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'slimste-history-'));
const child = spawn(process.execPath, ['--max-semi-space-size=32', 'apps/server/dist/main.js'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SOCKET_RATE_PER_SECOND: '100000',
    SOCKET_RATE_BURST: '100000',
    SOCKET_RATE_PER_ADDRESS_PER_SECOND: '1000000',
    SOCKET_RATE_PER_ADDRESS_BURST: '1000000',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (i > 200) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const post = (path, body) =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const game = await (await post('/api/games', { config: { players: 3 } })).json();
  const players = [];
  for (const name of ['Ann', 'Bert', 'Cas'])
    players.push(await (await post(`/api/games/${game.code}/players`, { name })).json());

  // The game: the start, then corrections, pauses and resumes (an evening's worth many times over).
  const socket = io(`${url}/games`, { transports: ['websocket'], forceNew: true });
  await new Promise((r) => socket.once('connect', r));
  await socket.emitWithAck('room', { gameId: game.id, token: game.hostToken });
  const send = async (command) => {
    const ack = await socket.emitWithAck('command', command);
    if (!ack.ok) throw new Error(`${command.type}: ${ack.error.code}`);
    return ack.version;
  };
  let version = await send({ type: 'game.start' });
  let paused = false;
  for (let i = 0; version < COMMANDS; i++) {
    if (i % 3 === 2) {
      version = await send({ type: paused ? 'game.resume' : 'game.pause' });
      paused = !paused;
    } else {
      const playerId = players[i % 3].playerId;
      version = await send({ type: 'seconds.adjust', playerId, delta: (i % 7) - 3 || 1, reason: `jury ${i}` });
    }
  }
  socket.close();

  const auth = { headers: { authorization: `Bearer ${game.hostToken}` } };
  const timed = async (label, path) => {
    const started = performance.now();
    const res = await fetch(url + path, auth);
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return { label, ms, bytes: body.byteLength, body };
  };
  const page = (from) => `/api/games/${game.id}/replay?from=${from}&count=200`;
  const lastFrom = Math.max(0, version - 199);
  const rows = [];
  // Nothing cached yet: the last page replays the whole game from version 0.
  rows.push(await timed(`replay, last page (${lastFrom}-${version}), cold`, page(lastFrom)));
  rows.push(await timed('replay, the same page again', page(lastFrom)));
  rows.push(await timed('replay, first page (0-199), first time', page(0)));
  rows.push(await timed('replay, the same page again', page(0)));
  const allStarted = performance.now();
  let states = 0;
  let bytes = 0;
  for (let from = 0; from <= version; from += 200) {
    const r = await timed('', page(from));
    states += JSON.parse(Buffer.from(r.body).toString('utf8')).states.length;
    bytes += r.bytes;
  }
  rows.push({ label: `replay, all ${states} states in pages of 200`, ms: performance.now() - allStarted, bytes });
  rows.push(await timed('log download (JSON)', `/api/games/${game.id}/log`));
  rows.push(await timed('results.csv', `/api/games/${game.id}/results.csv`));
  console.log(`A game of ${version} commands (${new Date().toISOString().slice(0, 10)}, node ${process.version}):`);
  console.log('| Request | Time | Size |');
  console.log('| --- | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.label} | ${r.ms.toFixed(0)} ms | ${(r.bytes / 1024).toFixed(0)} KB |`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
