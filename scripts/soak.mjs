#!/usr/bin/env node
// A soak run: games are created, played to the end and left, in a loop, for --minutes; then the
// server should hold what it held at the start. It prints the server's memory (after a full
// garbage collection), sockets, rooms, cached games, armed clock timers and Node's active
// resources before and after, and exits 1 when something was left behind.
//
//   npm run soak -- --minutes 5 [--parallel 8] [--url http://host:3000 --admin-token T --inspector ws://…]
//
// Without --url it starts the built server (apps/server/dist) on SQLite in a fresh data folder.
import { parseArgs } from 'node:util';
import { connect, post } from './loadtest/client.mjs';
import { connectProfiler } from './loadtest/profiler.mjs';
import { startSlimste } from './loadtest/servers.mjs';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    parallel: { type: 'string', default: '8' },
    url: { type: 'string' },
    'admin-token': { type: 'string' },
    inspector: { type: 'string' },
  },
});
const minutes = Number(args.minutes);
const parallel = Number(args.parallel);
if (!(minutes > 0 && minutes <= 24 * 60) || !(parallel >= 1 && parallel <= 200)) {
  console.error('--minutes: more than 0, at most 1440; --parallel: 1 to 200');
  process.exit(2);
}

const ADMIN_TOKEN = args['admin-token'] ?? `soak-${Math.random().toString(36).slice(2)}-0123456789`;
const PLAYERS = 2;
const CONFIG = { players: PLAYERS, rounds: ['openDoor', 'finale'] };

/**
 * The next command from the host's view (Open Deur and the finale): pick, start the clock, one
 * answer right, stop; in the finale two answers a go. `by` is 'host' or the player who sends it.
 */
function nextStep(state, goLog) {
  if (state.phase === 'lobby') return { by: 'host', command: { type: 'game.start' } };
  if (state.phase === 'finished') return null;
  if (state.paused) return { by: 'host', command: { type: 'game.resume' } };
  const r = state.round;
  if (r.kind === 'finale') {
    if (r.stage === 'ready') return { by: 'host', command: { type: 'clock.start' } };
    if (r.stage === 'done') return { by: 'host', command: { type: 'game.next' } };
    const key = `finale:${r.number}:${r.answererId}`;
    const found = goLog.get(key) ?? 0;
    const open = r.answers.find((a) => !a.found);
    if (found < 2 && open) {
      goLog.set(key, found + 1);
      return { by: 'host', command: { type: 'answer.correct', answerId: open.id } };
    }
    return { by: r.answererId, command: { type: 'clock.stop' } };
  }
  const t = r.turn;
  if (!t || t.stage === 'done') return { by: 'host', command: { type: 'game.next' } };
  if (t.stage === 'pick') {
    const free = r.questioners.find((q) => !q.used);
    return { by: t.ownerId, command: { type: 'item.pick', itemId: free.id } };
  }
  if (t.stage === 'ready') return { by: 'host', command: { type: 'clock.start' } };
  const key = `${state.roundIndex}:${t.ownerId}:${t.answererId}:${t.passed.length}`;
  const actions = goLog.get(key) ?? 0;
  goLog.set(key, actions + 1);
  const open = t.answers.find((a) => !a.found);
  if (actions === 0 && open) return { by: 'host', command: { type: 'answer.correct', answerId: open.id } };
  return { by: t.answererId, command: { type: 'clock.stop' } };
}

/** One game from creation to its end, with a host, the players and a screen; returns its commands. */
async function playOneGame(url) {
  const game = await post(`${url}/api/games`, { config: CONFIG });
  const players = [];
  for (let p = 0; p < PLAYERS; p++)
    players.push(await post(`${url}/api/games/${game.code}/players`, { name: `Speler ${p + 1}` }));
  const sockets = [];
  try {
    let hostState = null;
    const join = async (room, onState) => {
      const socket = await connect(url);
      sockets.push(socket);
      if (onState) socket.on('state', onState);
      const ack = await socket.timeout(10_000).emitWithAck('room', room);
      if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
      return socket;
    };
    const host = await join({ gameId: game.id, token: game.hostToken }, (s) => {
      if (!hostState || s.version > hostState.version) hostState = s;
    });
    const bySeat = new Map();
    for (const p of players) bySeat.set(p.playerId, await join({ gameId: game.id, token: p.token }));
    await join(game.id);
    const goLog = new Map();
    let commands = 0;
    // Waits for the host's state of at least `version` (it follows the ack).
    const stateAt = async (version) => {
      for (let i = 0; i < 500 && (!hostState || hostState.version < version); i++) {
        await new Promise((r) => setTimeout(r, 2));
      }
      return hostState;
    };
    let state = await stateAt(0);
    for (let step = nextStep(state, goLog); step; step = nextStep(state, goLog)) {
      const socket = step.by === 'host' ? host : bySeat.get(step.by);
      const ack = await socket.timeout(10_000).emitWithAck('command', step.command);
      if (!ack.ok) throw new Error(`${step.command.type} refused: ${JSON.stringify(ack.error)}`);
      commands++;
      state = await stateAt(ack.version);
      if (commands > 2000) throw new Error('the game did not end in 2000 commands');
    }
    return commands;
  } finally {
    for (const s of sockets) s.disconnect();
  }
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function main() {
  const server = args.url ? null : await startSlimste({ env: { ADMIN_TOKEN }, inspect: true });
  const url = args.url ?? server.url;
  const inspectorUrl = args.inspector ?? server?.inspector ?? null;
  const profiler = inspectorUrl ? await connectProfiler(inspectorUrl) : null;
  if (!profiler) console.log('(no --inspector: memory is read without a full garbage collection first)');
  const stats = async () => {
    if (profiler) await profiler.memoryAfterGc();
    const res = await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (!res.ok) throw new Error(`/api/stats: HTTP ${res.status} (is --admin-token the server's ADMIN_TOKEN?)`);
    return res.json();
  };
  try {
    // A few games first, so what start-up and the first calls allocate once is not counted.
    await Promise.all(Array.from({ length: parallel }, () => playOneGame(url)));
    await new Promise((r) => setTimeout(r, 1000));
    const before = await stats();
    const started = Date.now();
    const until = started + minutes * 60_000;
    let games = 0;
    let commands = 0;
    let failures = 0;
    let lastReport = started;
    const worker = async () => {
      while (Date.now() < until) {
        try {
          const played = await playOneGame(url);
          commands += played;
          games++;
        } catch (err) {
          failures++;
          if (failures <= 5) console.error(`a game failed: ${err.message}`);
        }
        if (Date.now() - lastReport > 30_000) {
          lastReport = Date.now();
          const s = await stats();
          const elapsed = ((Date.now() - started) / 60_000).toFixed(1);
          console.log(
            `${elapsed} min: ${games} games, ${commands} commands, heap ${mb(s.memory.heapUsed)}, rss ${mb(s.memory.rss)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    // Sockets close asynchronously on the server: give them a moment.
    await new Promise((r) => setTimeout(r, 2000));
    const after = await stats();
    const seconds = (Date.now() - started) / 1000;

    const rows = [
      ['heap used (after GC)', mb(before.memory.heapUsed), mb(after.memory.heapUsed)],
      ['rss', mb(before.memory.rss), mb(after.memory.rss)],
      ['sockets', before.sockets, after.sockets],
      ['rooms', before.rooms, after.rooms],
      ['cached games', before.cachedGames, after.cachedGames],
      ['armed clock timers', before.clockTimers, after.clockTimers],
      ...[...new Set([...Object.keys(before.resources), ...Object.keys(after.resources)])].map((kind) => [
        `active ${kind}`,
        before.resources[kind] ?? 0,
        after.resources[kind] ?? 0,
      ]),
    ];
    console.log(
      `\nsoak: ${games} games (${commands} commands, ${(commands / seconds).toFixed(0)}/s) in ${seconds.toFixed(0)} s, ${parallel} at a time, ${failures} failed\n`,
    );
    console.log(`| ${'what the server holds'.padEnd(24)} | ${'before'.padStart(10)} | ${'after'.padStart(10)} |`);
    console.log(`| ${'-'.repeat(24)} | ${'-'.repeat(10)} | ${'-'.repeat(10)} |`);
    for (const [what, a, b] of rows)
      console.log(`| ${what.padEnd(24)} | ${String(a).padStart(10)} | ${String(b).padStart(10)} |`);

    const problems = [];
    if (failures) problems.push(`${failures} games failed`);
    for (const key of ['sockets', 'cachedGames', 'clockTimers']) {
      if (after[key] > before[key]) problems.push(`${key}: ${before[key]} -> ${after[key]}`);
    }
    if (after.rooms > before.rooms) problems.push(`rooms: ${before.rooms} -> ${after.rooms}`);
    const timersBefore = before.resources.Timeout ?? 0;
    const timersAfter = after.resources.Timeout ?? 0;
    if (timersAfter > timersBefore + 2) problems.push(`timers: ${timersBefore} -> ${timersAfter}`);
    // Memory: back within 25 % (and 16 MB) of where it started.
    const grown = after.memory.heapUsed - before.memory.heapUsed;
    if (profiler && grown > Math.max(16 * 2 ** 20, before.memory.heapUsed * 0.25)) {
      problems.push(`heap grew by ${mb(grown)}`);
    }
    console.log(problems.length ? `\nLEFT BEHIND: ${problems.join('; ')}` : '\nnothing left behind');
    process.exitCode = problems.length ? 1 : 0;
  } finally {
    profiler?.close();
    await server?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
