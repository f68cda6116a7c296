/**
 * What the server's own code spends on one command, without sockets or SQL: the engine's apply,
 * the event row's text (repositories/event-row-text.ts) and every audience's JSON
 * (services/state-messages.ts) with its frame's UTF-8 bytes, each beside the plain way
 * (toISOString and JSON.stringify of every part; each role's whole message serialized as it is,
 * an en dash in the title and all), in one run. GAMES games of the demo set
 * take turns, as on a busy server, so their states are not all in the CPU's caches.
 * Run: `npm run bench:hot-path -w apps/server` (GAMES=500 COMMANDS=40000 to change). Prints figures only.
 */
import {
  type Actor,
  apply,
  type Command,
  createGame,
  type GameState,
  historyChange,
  resolveConfig,
} from '@slimste/engine';
import { demoSets } from '@slimste/protocol';
import { isoTime, pushedEntryJson } from '../src/repositories/event-row-text.js';
import { audienceJson, stateMessage } from '../src/services/state-messages.js';

const GAMES = Number(process.env.GAMES ?? 500);
const COMMANDS = Number(process.env.COMMANDS ?? 40_000);
const HOST: Actor = { role: 'host' };
const SCREEN = { role: 'spectator' } as const;

function started(seed: number): GameState {
  let state = createGame(demoSets[0]!, resolveConfig({ players: 3 }), seed);
  const now = 1_764_000_000_000;
  for (const p of ['p1', 'p2', 'p3']) {
    const r = apply(
      state,
      { type: 'lobby.join', playerId: `${p}-${seed}`, name: `Speler ${p}` },
      { actor: { role: 'system' }, now },
    );
    if (!r.ok) throw new Error(r.error.message);
    state = r.state;
  }
  const r = apply(state, { type: 'game.start' }, { actor: HOST, now });
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

type Step = (state: GameState, next: GameState, command: Command, events: unknown[], now: number) => number;

const rowNow: Step = (state, next, command, events, now) => {
  const at = isoTime(now);
  const commandJson = JSON.stringify(command);
  const actorJson = JSON.stringify(HOST);
  const { pushed } = historyChange(state, next);
  const push = pushed ? pushedEntryJson(pushed, command, commandJson, HOST, actorJson, now) : '[]';
  return at.length + commandJson.length + JSON.stringify(events).length + push.length;
};
const rowPlain: Step = (state, next, command, events, now) => {
  const { pushed } = historyChange(state, next);
  const push = pushed ? JSON.stringify([pushed]) : '[]';
  return (
    new Date(now).toISOString().length +
    JSON.stringify(command).length +
    JSON.stringify(HOST).length +
    JSON.stringify(events).length +
    push.length
  );
};
/** Each audience's frame as Socket.IO makes it once per room emit: its text as UTF-8 bytes. */
const frameBytes = (texts: string[]) =>
  texts.reduce((n, text) => n + Buffer.from(`42/games,["state",${text}]`).length, 0);
const jsonNow: Step = (_state, next, _command, events, now) => {
  const json = audienceJson('g-bench', 7, next, events as never, now);
  return frameBytes([json.host, ...json.players.values(), json.spectators]);
};
const jsonPlain: Step = (_state, next, _command, events, now) => {
  // Each role's message serialized whole: the host's and the screen's; each player's is the
  // screen's with who they are (as audienceJson did before the fixed fields were cached).
  const host = JSON.stringify(stateMessage('g-bench', 7, next, HOST, events as never, now));
  const open = JSON.stringify(stateMessage('g-bench', 7, next, SCREEN, events as never, now)).slice(0, -1);
  const players = next.players.map((p) => `${open},"role":"player","playerId":${JSON.stringify(p.id)}}`);
  return frameBytes([host, ...players, `${open},"role":"spectator","playerId":null}`]);
};

/** µs a command for each step, the steps taking turns on the same commands. */
function measure(steps: Record<string, Step>): Record<string, number> {
  const games = Array.from({ length: GAMES }, (_, i) => started(i + 1));
  const spent: Record<string, bigint> = { apply: 0n };
  for (const name of Object.keys(steps)) spent[name] = 0n;
  let now = 1_764_000_100_000;
  let sink = 0;
  for (let i = 0; i < COMMANDS * 2; i++) {
    const g = i % GAMES;
    const state = games[g]!;
    now += 1;
    const command: Command = { type: 'seconds.adjust', playerId: state.players[i % 3]!.id, delta: i % 2 ? 1 : -1 };
    const t0 = process.hrtime.bigint();
    const r = apply(state, command, { actor: HOST, now });
    const t1 = process.hrtime.bigint();
    if (!r.ok) throw new Error(r.error.message);
    const measured = i >= COMMANDS; // the first half warms up
    if (measured) spent.apply = (spent.apply as bigint) + (t1 - t0);
    // The steps take turns going first, so that neither always finds the state warm in the caches.
    const order = i % 2 ? Object.entries(steps) : Object.entries(steps).reverse();
    for (const [name, step] of order) {
      const s = process.hrtime.bigint();
      sink += step(state, r.state, command, r.events, now);
      if (measured) spent[name] = (spent[name] as bigint) + (process.hrtime.bigint() - s);
    }
    games[g] = r.state;
  }
  if (sink === 0) throw new Error('nothing was made');
  return Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, Number(v) / COMMANDS / 1000]));
}

const figures = measure({
  'event row': rowNow,
  'event row, plain': rowPlain,
  frames: jsonNow,
  'frames, plain': jsonPlain,
});
console.log(`${GAMES} games taking turns, ${COMMANDS} seconds.adjust measured after as many to warm up`);
for (const [name, us] of Object.entries(figures))
  console.log(`${name.padEnd(18)} ${us.toFixed(2).padStart(7)} µs a command`);
