#!/usr/bin/env node
// The load tool: plays N games over the real protocol and prints latency (host's send -> each
// socket's `state`), throughput, deliveries missed, errors and, when it can see the server
// process, its CPU per command and memory per socket. See docs/PERFORMANCE.md.
//
//   npm run loadtest -- --games 1000 --interval 1000 --duration 10        (starts a server itself)
//   npm run loadtest -- --url http://host:3000 --pid 1234 --games 200     (a server you started)
//   npm run loadtest -- --bare --games 1000                               (side by side with bare Socket.IO)
//   npm run loadtest -- --ramp --interval 5000                            (games until p99 passes 100 ms)
//   npm run loadtest -- --games 1 --spectators 5000                       (fan-out)
//   npm run loadtest -- --nodes 2 --games 500       (two nodes behind nginx vs one; PostgreSQL + Redis)
//
// A server you start yourself needs its per-address limits lifted (all load comes from one
// address): HTTP_RATE_BURST=1000000000 HTTP_RATE_PER_MINUTE=1000000000. The tool starts the
// BUILT server (`npm run build` first) with those when no --url is given; DATABASE_URL in the
// environment makes it use PostgreSQL.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLongGame } from './loadtest/long-game.mjs';
import { connectProfiler } from './loadtest/profiler.mjs';
import { runLoad } from './loadtest/run-load.mjs';
import { LOAD_TEST_ENV, startBare, startCluster, startSlimste } from './loadtest/servers.mjs';
import { fmt, median, percentile } from './loadtest/stats.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    pid: { type: 'string' },
    'admin-token': { type: 'string' },
    games: { type: 'string', default: '100' },
    interval: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    spectators: { type: 'string', default: '0' },
    bare: { type: 'boolean', default: false },
    'bare-only': { type: 'boolean', default: false },
    'bare-broadcast': { type: 'boolean', default: false },
    runs: { type: 'string', default: '2' },
    nodes: { type: 'string' },
    ramp: { type: 'boolean', default: false },
    long: { type: 'string' },
    stretch: { type: 'string', default: '300' },
    undos: { type: 'string', default: '100' },
    'ramp-limit': { type: 'string', default: '100' },
    json: { type: 'boolean', default: false },
    profile: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run loadtest -- [--url URL --pid PID [--admin-token T]] [--games N] [--interval MS] [--duration S]
  [--warmup S] [--spectators K] [--bare [--runs R]] [--bare-only] [--ramp [--ramp-limit MS]]
  [--long N] [--profile DIR] [--nodes N [--runs R]] [--json]
--bare runs the bare Socket.IO yardstick too (one state per audience, as Slimste sends them); with
  --bare-broadcast it sends one state to the whole game instead (a floor no real server can reach).
--long N [--stretch 300] [--undos 100] [--runs R]: one game, N commands in a row, the first and
  the last stretch (and runs of undo early and late) compared.
--nodes N: N nodes sharing DATABASE_URL (PostgreSQL) and REDIS_URL behind nginx
  (deploy/nginx/slimste.conf), side by side with one node on the same database (no Redis, no
  nginx), A B A B; CPU is the nodes' together, nginx's apart.
--admin-token T: a server at --url's ADMIN_TOKEN, to print its storage counters (commands per
  commit, the commits' time per command: GET /api/stats); the servers the tool starts have one.
--profile DIR writes a CPU profile and an allocation profile of each server the tool starts, of the
  measured window only (open them in Chrome DevTools), and prints its memory after a full GC.`);
  process.exit(0);
}

const num = (name) => {
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number: ${args[name]}`);
  return n;
};
const base = {
  games: num('games'),
  interval: num('interval'),
  duration: num('duration'),
  warmup: num('warmup'),
  spectators: num('spectators'),
};
const log = args.quiet || args.json ? () => {} : (line) => console.error(`  ${line}`);

let profiles = 0;
/** With --profile: profiles `server` while the load is measured, into DIR/<target>-<n>.cpuprofile. */
function profiling(server, target) {
  if (!args.profile || !server.inspector) return undefined;
  let profiler = null;
  return async (edge) => {
    if (edge === 'start') {
      profiler = await connectProfiler(server.inspector);
      await profiler.start();
      return;
    }
    const { profile, allocations } = await profiler.stop();
    mkdirSync(args.profile, { recursive: true });
    const file = join(args.profile, `${target}-${++profiles}`);
    writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(`${file}.heapprofile`, JSON.stringify(allocations));
    log(`profiles of the measured window: ${file}.cpuprofile (CPU), ${file}.heapprofile (allocations)`);
    const memory = await profiler.memoryAfterGc();
    profiler.close();
    const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    log(
      `memory after a full GC: rss ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)}, external ${mb(memory.external)}`,
    );
  };
}

/** One run against Slimste: at --url (CPU/memory only with --pid), or a fresh server of its own. */
async function slimsteRun(options) {
  if (args.url) {
    return runLoad({
      ...options,
      url: args.url,
      bare: false,
      pid: args.pid ? Number(args.pid) : null,
      adminToken: args['admin-token'],
      log,
    });
  }
  const server = await startSlimste({ inspect: Boolean(args.profile) });
  try {
    const onWindow = profiling(server, 'slimste');
    return await runLoad({
      ...options,
      url: server.url,
      bare: false,
      pid: server.pid,
      adminToken: LOAD_TEST_ENV.ADMIN_TOKEN,
      log,
      onWindow,
    });
  } finally {
    await server.stop();
  }
}

/** One run against the bare yardstick, sending the `state` Slimste sent (same size). */
async function bareRun(options, sample) {
  const file = join(tmpdir(), `slimste-bare-sample-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(sample ?? {}));
  const server = await startBare(file, { inspect: Boolean(args.profile), broadcast: args['bare-broadcast'] });
  try {
    const onWindow = profiling(server, 'bare');
    return await runLoad({ ...options, url: server.url, bare: true, pid: server.pid, log, onWindow });
  } finally {
    await server.stop();
    rmSync(file, { force: true });
  }
}

/** One run against one node on the database in the environment, without Redis: the yardstick for --nodes. */
async function oneNodeRun(options) {
  const server = await startSlimste({ env: { REDIS_URL: '' } });
  try {
    return await runLoad({ ...options, url: server.url, bare: false, pid: server.pid, target: '1 node', log });
  } finally {
    await server.stop();
  }
}

/** One run through nginx against `nodes` nodes sharing the database and Redis. */
async function clusterRun(options, nodes) {
  const cluster = await startCluster(nodes, { inspect: Boolean(args.profile) });
  try {
    return await runLoad({
      onWindow: profiling(cluster.first, 'node-1'),
      ...options,
      url: cluster.url,
      bare: false,
      pid: cluster.pids,
      proxyPid: cluster.proxyPids,
      target: `${nodes} nodes`,
      log,
    });
  } finally {
    await cluster.stop();
  }
}

function summary(r) {
  const kib = (b) => (b === null ? '-' : `${fmt(b / 1024, 1)} KiB`);
  return [
    `${r.target.padEnd(8)} ${r.games} games, ${r.sockets} sockets, a command per game every ${r.interval} ms, ${fmt(r.seconds, 1)} s`,
    `  commands: ${r.commandsAcked} acked of ${r.commandsSent} sent (${fmt(r.commandsPerSecond, 0)}/s), ${r.unacked} unacked, errors ${r.errors}${r.errorCodes.length ? ` (${r.errorCodes.join(', ')})` : ''}`,
    `  send -> state, ms: p50 ${fmt(percentile(r.latencies, 0.5))}  p95 ${fmt(percentile(r.latencies, 0.95))}  p99 ${fmt(percentile(r.latencies, 0.99))}  max ${fmt(percentile(r.latencies, 1))}   (${r.deliveries} deliveries, ${r.missed} missed)`,
    `  state frames: host ${r.frameBytes.host} B, spectator ${r.frameBytes.screen} B; load tool: ${fmt(r.toolCpuShare * 100, 0)}% of a core${r.toolCpuShare > 0.85 ? ' (saturated: its latencies include its own queueing)' : ''}`,
    ...(r.storage
      ? [
          `  storage: ${fmt(r.storage.commandsPerCommit)} commands per commit${r.storage.commitUsPerCommand === null ? '' : `, the commits ${fmt(r.storage.commitUsPerCommand)} µs of the event loop per command`} (GET /api/stats)`,
        ]
      : []),
    `  server: CPU ${r.cpuMsPerCommand === null ? '-' : `${fmt(r.cpuMsPerCommand, 3)} ms/command`} (${r.cpuShare === null ? '-' : `${fmt(r.cpuShare * 100, 0)}% of a core`}), memory ${kib(r.bytesPerSocket)}/socket (${kib(r.bytesPerSocketAfterLoad)} after the load)${r.bytesPerGame !== null ? `, ${kib(r.bytesPerGame)}/game` : ''}${r.proxyCpuMsPerCommand != null ? `; nginx: CPU ${fmt(r.proxyCpuMsPerCommand, 3)} ms/command` : ''}`,
  ].join('\n');
}

const metrics = [
  ['CPU per command (ms)', (r) => r.cpuMsPerCommand, 3],
  ['p50 send -> state (ms)', (r) => percentile(r.latencies, 0.5), 1],
  ['p99 send -> state (ms)', (r) => percentile(r.latencies, 0.99), 1],
  ['commands acked', (r) => r.commandsAcked, 0],
  ['deliveries missed', (r) => r.missed, 0],
  ['memory per socket (KiB)', (r) => (r.bytesPerSocket === null ? null : r.bytesPerSocket / 1024), 1],
  ['  after the load (KiB)', (r) => (r.bytesPerSocketAfterLoad === null ? null : r.bytesPerSocketAfterLoad / 1024), 1],
];

function compare(a, b, labels = ['slimste', 'bare']) {
  const lines = [
    `${'median of runs'.padEnd(26)} ${labels[0].padStart(10)} ${labels[1].padStart(10)} ${'ratio'.padStart(8)}`,
  ];
  for (const [label, pick, digits] of metrics) {
    const x = median(a.map(pick).filter((v) => v !== null));
    const y = median(b.map(pick).filter((v) => v !== null));
    const ratio = y ? x / y : Number.NaN;
    lines.push(
      `${label.padEnd(26)} ${fmt(x, digits).padStart(10)} ${fmt(y, digits).padStart(10)} ${fmt(ratio, 2).padStart(7)}x`,
    );
  }
  return lines.join('\n');
}

const strip = (r) => ({
  ...r,
  latencies: undefined,
  sample: undefined,
  p50: percentile(r.latencies, 0.5),
  p95: percentile(r.latencies, 0.95),
  p99: percentile(r.latencies, 0.99),
  max: percentile(r.latencies, 1),
});

/** --long N: one game, N commands one after the other; the first and last stretch compared. */
async function longRun() {
  const options = { commands: num('long'), stretch: num('stretch'), undos: num('undos') };
  if (args.url) return runLongGame({ ...options, url: args.url, pid: args.pid ? Number(args.pid) : null });
  const server = await startSlimste();
  try {
    return await runLongGame({ ...options, url: server.url, pid: server.pid });
  } finally {
    await server.stop();
  }
}

if (args.long) {
  const runs = [];
  for (let i = 0; i < Math.max(1, num('runs')); i++) {
    const r = await longRun();
    runs.push(r);
    if (!args.json)
      console.log(
        `run ${i + 1}: first ${fmt(r.first.cpuMsPerCommand, 3)} ms CPU, ack p50 ${fmt(r.first.ackP50, 2)} ms; ` +
          `after ${r.commands}: ${fmt(r.last.cpuMsPerCommand, 3)} ms, ${fmt(r.last.ackP50, 2)} ms; ` +
          `undo early ${fmt(r.undoEarly.cpuMsPerCommand, 3)} ms, ${fmt(r.undoEarly.ackP50, 2)} ms; ` +
          `late ${fmt(r.undoLate.cpuMsPerCommand, 3)} ms, ${fmt(r.undoLate.ackP50, 2)} ms`,
      );
  }
  const m = (pick) => median(runs.map(pick).filter((v) => v !== null));
  const rows = [
    ['CPU per command (ms)', (r) => r.first.cpuMsPerCommand, (r) => r.last.cpuMsPerCommand, 3],
    ['ack p50 (ms)', (r) => r.first.ackP50, (r) => r.last.ackP50, 2],
    ['undo: CPU per undo (ms)', (r) => r.undoEarly.cpuMsPerCommand, (r) => r.undoLate.cpuMsPerCommand, 3],
    ['undo: ack p50 (ms)', (r) => r.undoEarly.ackP50, (r) => r.undoLate.ackP50, 2],
  ];
  if (args.json) console.log(JSON.stringify(runs));
  else {
    console.log(
      `\n${'median of runs'.padEnd(26)} ${'early'.padStart(10)} ${`after ${runs[0].commands}`.padStart(12)} ${'ratio'.padStart(8)}`,
    );
    for (const [label, early, late, digits] of rows) {
      const x = m(early);
      const y = m(late);
      console.log(
        `${label.padEnd(26)} ${fmt(x, digits).padStart(10)} ${fmt(y, digits).padStart(12)} ${fmt(y / x, 2).padStart(7)}x`,
      );
    }
  }
} else if (args.ramp) {
  const limit = num('ramp-limit');
  const steps = [250, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000];
  const results = [];
  for (const games of steps) {
    const r = await slimsteRun({ ...base, games });
    results.push(r);
    if (!args.json) console.log(summary(r));
    if (percentile(r.latencies, 0.99) > limit || r.missed > 0) {
      if (!args.json) console.log(`\np99 passed ${limit} ms (or states went missing) at ${games} games.`);
      break;
    }
  }
  if (args.json) console.log(JSON.stringify(results.map(strip)));
} else if (args.nodes) {
  const nodes = num('nodes');
  if (nodes < 2) throw new Error('--nodes: 2 or more');
  const runs = Math.max(1, num('runs'));
  const many = [];
  const one = [];
  for (let i = 0; i < runs; i++) {
    const rm = await clusterRun(base, nodes);
    many.push(rm);
    if (!args.json) console.log(summary(rm));
    const r1 = await oneNodeRun(base);
    one.push(r1);
    if (!args.json) console.log(summary(r1));
  }
  if (args.json) console.log(JSON.stringify({ cluster: many.map(strip), one: one.map(strip) }));
  else console.log(`\n${compare(many, one, [`${nodes} nodes`, '1 node'])}`);
} else if (args['bare-only']) {
  const r = await bareRun(base, null);
  if (args.json) console.log(JSON.stringify(strip(r)));
  else console.log(summary(r));
} else if (args.bare) {
  const runs = Math.max(1, num('runs'));
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    // A B A B: the machine's noise falls on both alike.
    const ra = await slimsteRun(base);
    a.push(ra);
    if (!args.json) console.log(summary(ra));
    const rb = await bareRun(base, ra.sample);
    b.push(rb);
    if (!args.json) console.log(summary(rb));
  }
  if (args.json) console.log(JSON.stringify({ slimste: a.map(strip), bare: b.map(strip) }));
  else console.log(`\n${compare(a, b)}`);
} else {
  const r = await slimsteRun(base);
  if (args.json) console.log(JSON.stringify(strip(r)));
  else console.log(summary(r));
}
process.exit(0);
