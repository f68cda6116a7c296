/**
 * What one command costs the server: `apply` plus the views it then sends (the host, three players
 * and the screen), on a mid-game state (Puzzel, a clock running, ~100 commands of history).
 * Run: `npm run bench -w packages/engine`. Prints figures only.
 */
import { type Actor, apply, CHECKPOINT_EVERY, type Command, type GameState, type Role, view } from '../src/index.js';
import { asPlayer, HOST, startedGame } from '../test/fixtures.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const WARMUP = 5_000;

/** A 3-player game played through 3-6-9 and Open Deur into the first Puzzel turn, its clock running. */
function midGame(): GameState {
  const h = startedGame({ rounds: ['threeSixNine', 'openDoor', 'puzzle', 'gallery', 'collectiveMemory'] });
  // 3-6-9: on each question the answerer is wrong once (twice on every third), the next one right.
  for (let q = 1; q <= 15; q++) {
    h.tick(8_000).run({ type: 'answer.wrong' });
    if (q % 3 === 0) h.tick(8_000).run({ type: 'answer.wrong' });
    h.tick(4_000).run({ type: 'answer.correct', answerId: `tsn${q}` });
    h.tick(2_000).run({ type: 'game.next' });
  }
  // Open Deur: three turns; the owner finds two answers and stops, completers find one each.
  for (let turn = 0; turn < 3; turn++) {
    const r = h.state.round;
    if (r?.kind !== 'openDoor' || !r.turn) throw new Error('expected an Open Deur turn');
    const item = r.itemIds.find((id) => !r.usedItemIds.includes(id)) as string;
    h.tick(3_000).run({ type: 'item.pick', itemId: item }, asPlayer(r.turn.ownerId));
    h.tick(10_000).run({ type: 'clock.start' });
    h.tick(3_000).run({ type: 'game.pause' });
    h.tick(9_000).run({ type: 'game.resume' });
    h.tick(3_000).run({ type: 'answer.correct', answerId: `${item}-a1` });
    h.tick(3_000).run({ type: 'answer.correct', answerId: `${item}-a2` });
    h.tick(2_000).run({ type: 'clock.stop' });
    for (const a of ['a3', 'a4']) {
      h.tick(2_000).run({ type: 'clock.start' });
      h.tick(2_000).run({ type: 'answer.correct', answerId: `${item}-${a}` });
      if (h.state.clock) h.tick(1_000).run({ type: 'clock.stop' });
    }
    h.tick(5_000).run({ type: 'game.next' });
  }
  for (const id of ['p1', 'p2', 'p3'])
    h.tick(1_000).run({ type: 'seconds.adjust', playerId: id, delta: 5, reason: 'jury' });
  h.tick(5_000).run({ type: 'clock.start' });
  h.tick(4_000).run({ type: 'answer.correct', answerId: 'p1-l2' });
  h.tick(2_000);
  return h.state;
}

const base = midGame();
const now = (base.clock?.startedAt ?? 0) + 6_000;
const answerer = base.clock?.playerId ?? 'p1';
const turnCommands: [Command, Actor][] = [
  [{ type: 'answer.correct', answerId: 'p1-l1' }, HOST],
  [{ type: 'answer.correct', answerId: 'p1-l3' }, HOST],
  [{ type: 'clock.stop' }, asPlayer(answerer)],
  [{ type: 'seconds.adjust', playerId: 'p3', delta: -2, reason: 'jury' }, HOST],
  [{ type: 'game.pause' }, HOST],
  [{ type: 'answer.wrong' }, HOST],
];
const roles: Role[] = [
  { role: 'host' },
  ...base.players.map((p): Role => ({ role: 'player', playerId: p.id })),
  { role: 'spectator' },
];

let sink = 0;
type Views = 'none' | 'all' | 'shared';
const hostAndScreen: Role[] = [{ role: 'host' }, { role: 'spectator' }];

function once(i: number, views: Views): void {
  const [command, actor] = turnCommands[i % turnCommands.length] as [Command, Actor];
  const result = apply(base, command, { actor, now: now + (i % 1000) });
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.message}`);
  sink += result.events.length;
  if (views === 'none') return;
  for (const role of views === 'all' ? roles : hostAndScreen) sink += view(result.state, role, now).players.length;
}

function measure(views: Views): number {
  for (let i = 0; i < WARMUP; i++) once(i, views);
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) once(i, views);
  return Number(process.hrtime.bigint() - start) / 1e3 / ITERATIONS;
}

const all = measure('all');
const shared = measure('shared');
const applyOnly = measure('none');
const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
// Whether a player's view is the screen's (then a server can build one audience view per action).
const screen = JSON.stringify(view(base, { role: 'spectator' }, now));
const playersSeeScreen = base.players.every(
  (p) => JSON.stringify(view(base, { role: 'player', playerId: p.id }, now)) === screen,
);

/** Undo on a state `extra` corrections past the mid-game state: what undo costs early and late in an evening. */
function undoCost(extra: number): number {
  let s = base;
  for (let i = 0; i < extra; i++) {
    const r = apply(s, { type: 'seconds.adjust', playerId: 'p2', delta: 1 }, { actor: HOST, now: now + i });
    if (!r.ok) throw new Error('adjust refused');
    s = r.state;
  }
  // The jury undoing a run of actions, one after the other: each lands at another distance from a checkpoint.
  const runs = 100;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) {
    let t = s;
    for (let k = 0; k < CHECKPOINT_EVERY; k++) {
      const r = apply(t, { type: 'undo' }, { actor: HOST, now: now + extra + k });
      if (!r.ok) throw new Error('undo refused');
      t = r.state;
    }
    sink += t.players.length;
  }
  return Number(process.hrtime.bigint() - start) / 1e3 / runs / CHECKPOINT_EVERY;
}
undoCost(50); // warm-up
const undoEarly = undoCost(10);
const undoLate = undoCost(2_000);

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const line = (label: string, us: number) =>
  console.log(`${label.padEnd(44)} ${fmt(us, 2).padStart(6)} µs/command  ${fmt(1e6 / us, 0).padStart(8)} commands/s`);
console.log(
  `engine bench: ${ITERATIONS} commands on a mid-game state (${base.history?.depth ?? 0} commands of history)`,
);
line('apply + 5 views (host, 3 players, screen)', all);
line('apply + 2 views (host, one audience view)', shared);
line('apply alone', applyOnly);
line(`undo (32 in a row) from ${(base.history?.depth ?? 0) + 10} actions in`, undoEarly);
line(`undo (32 in a row) from ${(base.history?.depth ?? 0) + 2_000} actions in`, undoLate);
console.log(`players' views equal the screen's: ${playersSeeScreen ? 'yes' : 'no'}`);
console.log(`heap used: ${fmt(heapMb)} MB (checksum ${sink})`);
