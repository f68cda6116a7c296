/**
 * Property tests: random command sequences from every role, with time moving on, against games of
 * random shape. Each accepted command is checked for the invariants of RULES.md and the engine's
 * contract; at the end every game is played out to its finale, which must have exactly one winner.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  apply,
  type Command,
  clockMs,
  type FinaleRule,
  type GameState,
  type HistoryEntry,
  historyChange,
  historyEntries,
  type Role,
  type RoundKind,
  replay,
  snapshotOf,
  view,
} from '../src/index.js';
import { asPlayer, HOST, lobbyGame, makeSet, SYSTEM, secretTexts } from './fixtures.js';

const SET = makeSet({ threeSixNine: 4, finale: 3 });
/** Scales the number of runs: `PROPERTY_RUNS=20 npx vitest run test/properties.spec.ts` for a long hunt. */
const SCALE = Number(process.env.PROPERTY_RUNS ?? 1);

// ---------------------------------------------------------------------------------------------
// What the generated games look like

interface Shape {
  players: number;
  rule: FinaleRule;
  rounds: RoundKind[];
  startSeconds: number;
  seed: number;
}

interface Step {
  /** Which kind of command (weighted, see MENU). */
  choice: number;
  /** Who sends it: mostly the one who should, sometimes someone who should not. */
  actor: number;
  /** Which answer, item, player or delta. */
  arg: number;
  /** Milliseconds since the previous command. */
  dt: number;
}

type Finisher = 'stop' | 'expire' | 'correct';

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  players: fc.integer({ min: 2, max: 4 }),
  rule: fc.constantFrom<FinaleRule>('leaderWins', 'topTwo'),
  rounds: fc.subarray<RoundKind>(['threeSixNine', 'openDoor', 'puzzle', 'gallery', 'collectiveMemory']),
  startSeconds: fc.constantFrom(5, 20, 60),
  seed: fc.nat(),
});

const stepArb: fc.Arbitrary<Step> = fc.record({
  choice: fc.nat(),
  actor: fc.nat(),
  arg: fc.nat(),
  dt: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: 3_000, max: 40_000 })),
});

const MENU: Command['type'][] = [
  'clock.start',
  'clock.start',
  'clock.start',
  'clock.stop',
  'clock.stop',
  'answer.correct',
  'answer.correct',
  'answer.correct',
  'answer.correct',
  'answer.wrong',
  'answer.wrong',
  'item.pick',
  'item.pick',
  'game.next',
  'game.next',
  'game.next',
  'clock.expire',
  'clock.expire',
  'answers.reveal',
  'question.skip',
  'game.pause',
  'game.resume',
  'seconds.adjust',
  'undo',
  'undo',
];

function startGame(shape: Shape): GameState {
  const h = lobbyGame({
    players: shape.players,
    rounds: shape.rounds,
    seed: shape.seed,
    set: SET,
    config: {
      startSeconds: shape.startSeconds,
      threeSixNine: { questions: 4 },
      finale: { rule: shape.rule },
    },
  });
  h.run({ type: 'game.start' });
  return h.state;
}

// ---------------------------------------------------------------------------------------------
// Reading the state (only its public shape)

/** Ids the host could mark correct now: the current question's answers (found or not) and a wrong one. */
function answerIds(s: GameState): string[] {
  const r = s.round;
  if (!r) return [];
  switch (r.kind) {
    case 'threeSixNine':
      return [`tsn${r.index + 1}`, `tsn${r.index + 2}`];
    case 'finale':
      return (s.set.rounds.finale[r.index]?.answers ?? []).map((a) => a.id);
    default: {
      const turn = r.turn;
      if (!turn?.itemId) return ['od1-a1'];
      const current = turn.sequence[turn.position];
      return [...(current ? [current] : []), ...itemAnswerIds(s, r.kind, turn.itemId)];
    }
  }
}

function itemAnswerIds(s: GameState, kind: RoundKind, itemId: string): string[] {
  const r = s.set.rounds;
  switch (kind) {
    case 'openDoor':
      return r.openDoor.find((q) => q.id === itemId)?.answers.map((a) => a.id) ?? [];
    case 'puzzle':
      return r.puzzle.find((p) => p.id === itemId)?.links.map((l) => l.id) ?? [];
    case 'gallery':
      return r.gallery.find((g) => g.id === itemId)?.photos.map((p) => p.id) ?? [];
    case 'collectiveMemory':
      return r.collectiveMemory.find((c) => c.id === itemId)?.keywords.map((k) => k.id) ?? [];
    default:
      return [];
  }
}

function itemIds(s: GameState): string[] {
  const kind = s.round?.kind;
  if (kind === 'openDoor') return s.set.rounds.openDoor.map((q) => q.id);
  if (kind === 'collectiveMemory') return s.set.rounds.collectiveMemory.map((c) => c.id);
  return ['od1', 'cm1'];
}

/** The player whose go it is (who may press stop, or pick), if any. */
function answererOf(s: GameState): string | null {
  const r = s.round;
  if (!r) return null;
  if (r.kind === 'threeSixNine' || r.kind === 'finale') return r.answererId || null;
  return r.turn?.answererId ?? null;
}

/** Ids of answers shown to everyone in this state (found, or revealed with their question). */
function shownNow(s: GameState): string[] {
  const r = s.round;
  if (!r) return [];
  switch (r.kind) {
    case 'threeSixNine':
      return r.stage === 'done' ? [`tsn${r.index + 1}`] : [];
    case 'finale': {
      const all = (s.set.rounds.finale[r.index]?.answers ?? []).map((a) => a.id);
      return r.revealed || r.stage === 'done' ? all : r.found.map((f) => f.answerId);
    }
    default: {
      const t = r.turn;
      if (!t?.itemId) return [];
      // A turn done with answers missing shows them only when it says so (a skipped turn does not).
      return t.revealed ? itemAnswerIds(s, r.kind, t.itemId) : t.found.map((f) => f.answerId);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Turning a random step into a command

function commandFor(s: GameState, step: Step, now: number): { command: Command; actor: Actor; now: number } {
  const type = MENU[step.choice % MENU.length] as Command['type'];
  const ids = s.players.map((p) => p.id);
  const pick = <T>(list: T[]): T => list[step.arg % list.length] as T;
  const natural = (): Actor => {
    if (type === 'clock.expire') return SYSTEM;
    if (type === 'clock.stop' || type === 'item.pick') {
      const own = answererOf(s);
      return own && step.arg % 2 === 0 ? asPlayer(own) : HOST;
    }
    return HOST;
  };
  // 1 in 8: someone else sends it (a player, the server, a spectator, a stranger).
  const others: Actor[] = [
    ...ids.map(asPlayer),
    SYSTEM,
    { role: 'spectator' } as unknown as Actor,
    asPlayer('stranger'),
  ];
  const actor = step.actor % 8 === 0 ? (others[step.actor % others.length] as Actor) : natural();
  let at = now + step.dt;
  // A time-out is reported when the clock reaches 0 (or a little later); sometimes too early.
  if (type === 'clock.expire' && s.clock && step.arg % 4 !== 0)
    at = Math.max(at, s.clock.startedAt + s.clock.msAtStart);
  let command: Command;
  switch (type) {
    case 'answer.correct':
      command = { type, answerId: pick(answerIds(s).concat('nope')) };
      break;
    case 'item.pick':
      command = { type, itemId: pick(itemIds(s)) };
      break;
    case 'seconds.adjust':
      command = { type, playerId: pick(ids), delta: (step.arg % 61) - 30 || 1, reason: 'jury' };
      break;
    default:
      command = { type } as Command;
  }
  return { command, actor, now: at };
}

// ---------------------------------------------------------------------------------------------
// The invariants

const SPECTATOR: Role = { role: 'spectator' };

/** The state without the log: what the game is, as players and the screen know it. */
const core = (s: GameState) => ({
  phase: s.phase,
  players: s.players,
  clock: s.clock,
  paused: s.paused,
  roundIndex: s.roundIndex,
  round: s.round,
  result: s.result,
});

/** Everything but the (shared, never changed) question set, to check that apply mutates nothing. */
const fingerprint = (s: GameState) => JSON.stringify({ ...snapshotOf(s), log: historyEntries(s) });

/** The state right after `game.start`: the undo log's root keeps it. */
function originOf(s: GameState): GameState | null {
  let node = s.history;
  while (node?.prev) node = node.prev;
  return node?.checkpoint ?? null;
}

function checkSeconds(s: GameState, now: number) {
  for (const p of s.players) {
    expect(p.ms).toBeGreaterThanOrEqual(0);
    // Also read long after: a clock nobody stopped stays at 0.
    for (const at of [now, now + 1_000, now + 3_600_000]) expect(clockMs(s, p.id, at)).toBeGreaterThanOrEqual(0);
  }
  if (s.clock) expect(s.clock.msAtStart).toBeGreaterThanOrEqual(0);
  for (const p of view(s, SPECTATOR, now).players) expect(p.seconds).toBeGreaterThanOrEqual(0);
}

/** No view but the host's holds a secret text (all of them are «id»-marked) not shown so far. */
function checkViews(s: GameState, now: number, shown: ReadonlySet<string>) {
  const roles: Role[] = [SPECTATOR, ...s.players.map((p): Role => ({ role: 'player', playerId: p.id }))];
  const screen = JSON.stringify(view(s, SPECTATOR, now));
  for (const role of roles) {
    const json = JSON.stringify(view(s, role, now));
    // A player sees exactly what the screen sees: the server builds one view for both.
    expect(json).toBe(screen);
    for (const match of json.matchAll(/«([^»]+)»/g)) {
      if (!shown.has(match[1] as string))
        throw new Error(`${JSON.stringify(role)} sees the unrevealed answer «${match[1]}»`);
    }
    // Nor the ids the set gives its answers (an author may write the answer into an id).
    for (const id of setAnswerIds(s)) {
      if (json.includes(`"${id}"`)) throw new Error(`${JSON.stringify(role)} sees the answer id "${id}"`);
    }
  }
}

const answerIdsMemo = new WeakMap<GameState['set'], string[]>();
/** Every id the set gives an answer, link, photo, keyword or 3-6-9 question. */
function setAnswerIds(s: GameState): string[] {
  let ids = answerIdsMemo.get(s.set);
  if (!ids) {
    ids = [...secretTexts(s.set).keys()];
    answerIdsMemo.set(s.set, ids);
  }
  return ids;
}

function checkReplay(s: GameState) {
  const origin = originOf(s);
  if (!origin) return;
  const replayed = replay(origin, historyEntries(s));
  expect(snapshotOf(replayed)).toEqual(snapshotOf(s));
  expect(historyEntries(replayed)).toEqual(historyEntries(s));
}

/**
 * Undo right after `entry` (accepted on `before`) gives back `before`; when a clock was running
 * in `before`, frozen (paused) at its value at the undone command's moment, or run out by then.
 * Undoing the time-out itself pauses the go 1 ms before 0, so the jury can still act.
 */
function checkUndo(before: GameState, after: GameState, entry: HistoryEntry) {
  const undone = apply(after, { type: 'undo' }, { actor: HOST, now: entry.ctx.now + 1_000 });
  if (!undone.ok) throw new Error(`undo after ${entry.command.type} refused: ${undone.error.code}`);
  let expected = before;
  const running = before.clock && before.phase === 'playing' && !before.paused;
  if (running && before.clock) {
    const expiry = before.clock.startedAt + before.clock.msAtStart;
    const timeOutUndone = entry.command.type === 'clock.expire' && expiry - 1 >= before.clock.startedAt;
    const ranOut = !timeOutUndone && expiry <= entry.ctx.now;
    const freeze: Command = ranOut ? { type: 'clock.expire' } : { type: 'game.pause' };
    const at = timeOutUndone ? Math.min(entry.ctx.now, expiry - 1) : entry.ctx.now;
    const frozen = apply(before, freeze, { actor: ranOut ? SYSTEM : HOST, now: at });
    if (!frozen.ok) throw new Error(`could not freeze the clock: ${frozen.error.code}`);
    expected = frozen.state;
  }
  expect(core(undone.state)).toEqual(core(expected));
  const kept = historyEntries(before);
  expect(historyEntries(undone.state).slice(0, kept.length)).toEqual(kept);
  const extra = historyEntries(undone.state).slice(kept.length);
  expect(extra.length).toBe(running ? 1 : 0);
  for (const e of extra) expect(e.auto).toBe(true);
}

function checkFinished(s: GameState, shape: Shape) {
  expect(s.phase).toBe('finished');
  const result = s.result;
  if (!result) throw new Error('finished without a result');
  const { winnerId, finalists, eliminatedIds, slimsteVanDeDagId } = result;
  expect(finalists).toHaveLength(2);
  expect(new Set(finalists).size).toBe(2);
  expect(finalists).toContain(winnerId);
  const loser = finalists.find((id) => id !== winnerId) as string;
  expect(eliminatedIds).toContain(loser);
  expect(eliminatedIds).not.toContain(winnerId);
  if (shape.rule === 'leaderWins' && shape.players >= 3) {
    expect(slimsteVanDeDagId).not.toBeNull();
    expect(finalists).not.toContain(slimsteVanDeDagId);
    expect(eliminatedIds).not.toContain(slimsteVanDeDagId);
  } else {
    expect(slimsteVanDeDagId).toBeNull();
  }
  // Everyone sees the same single winner.
  expect(view(s, SPECTATOR).result?.winnerId).toBe(winnerId);
}

// ---------------------------------------------------------------------------------------------
// Playing a game: random steps, then a deterministic finish, checking every accepted command

class Play {
  now: number;
  accepted = 0;
  /** The undo log as storage rebuilds it from each command's `historyChange`. */
  private log: HistoryEntry[];
  /** Answers shown along the way to the current state, by the length of the log at that point. */
  private lineage: { length: number; shown: Set<string> }[];

  constructor(
    public state: GameState,
    private readonly fullChecks: boolean,
  ) {
    this.now = state.history?.entry?.ctx.now ?? 1_700_000_000_000;
    this.lineage = [{ length: 0, shown: new Set(shownNow(state)) }];
    this.log = historyEntries(state);
  }

  /** Applies a command and runs every check. Returns whether it was accepted. */
  send(command: Command, actor: Actor, now: number): boolean {
    const before = this.state;
    const print = fingerprint(before);
    const result = apply(before, command, { actor, now });
    expect(fingerprint(before)).toBe(print); // apply never changes what it is given
    if (!result.ok) {
      expect(typeof result.error.code).toBe('string');
      return false;
    }
    const s = result.state;
    this.state = s;
    this.now = Math.max(this.now, now);
    this.accepted++;
    this.track(command, s);
    checkSeconds(s, now);
    checkViews(s, now, this.shown);
    // What storage keeps per command rebuilds the log.
    const change = historyChange(before, s);
    this.log = [...this.log.slice(0, change.keep), ...(change.pushed ? [change.pushed] : [])];
    if (this.fullChecks) {
      expect(this.log).toEqual(historyEntries(s));
      checkReplay(s);
      const entry = s.history?.entry;
      if (command.type !== 'undo' && entry && s.history?.depth === (before.history?.depth ?? 0) + 1)
        checkUndo(before, s, entry);
    }
    return true;
  }

  get shown(): Set<string> {
    return (this.lineage.at(-1) as { shown: Set<string> }).shown;
  }

  private track(command: Command, s: GameState) {
    const length = s.history?.depth ?? 0;
    if (command.type === 'undo') {
      // Back to an earlier point of this game: what was shown after it no longer counts.
      const kept = s.history?.entry?.auto ? length - 1 : length;
      while (this.lineage.length > 1 && (this.lineage.at(-1) as { length: number }).length > kept) this.lineage.pop();
    }
    this.lineage.push({ length, shown: new Set([...this.shown, ...shownNow(s)]) });
  }

  /** Plays the game out: sensible host moves until the game is over. */
  finish(style: Finisher) {
    for (let i = 0; i < 2_000 && this.state.phase !== 'finished'; i++) {
      if (!this.moveOn(style, 0))
        throw new Error(`stuck: no host move is accepted in ${JSON.stringify(core(this.state))}`);
    }
  }

  /** Sends the first accepted of a list of sensible host moves, in a given style, `dt` ms on. */
  moveOn(style: Finisher, dt: number): boolean {
    const s = this.state;
    if (s.phase === 'finished') return false;
    const at = this.now + dt;
    const expiry = Math.max(at, s.clock ? s.clock.startedAt + s.clock.msAtStart : 0);
    const unused = itemIds(s).find((id) => {
      const r = s.round;
      return r && 'usedItemIds' in r && !r.usedItemIds.includes(id);
    });
    const correct: Command[] = answerIds(s).map((answerId) => ({ type: 'answer.correct', answerId }));
    const tries: [Command, Actor, number][] = [
      [{ type: 'game.resume' }, HOST, at + 100],
      [{ type: 'game.next' }, HOST, at + 100],
      ...(unused ? [[{ type: 'item.pick', itemId: unused }, HOST, at + 100] as [Command, Actor, number]] : []),
      [{ type: 'clock.start' }, HOST, at + 100],
      ...(style === 'correct' ? correct.map((c): [Command, Actor, number] => [c, HOST, at + 500]) : []),
      ...(style === 'expire' ? [[{ type: 'clock.expire' }, SYSTEM, expiry] as [Command, Actor, number]] : []),
      [{ type: 'clock.stop' }, HOST, at + 700],
      [{ type: 'answer.wrong' }, HOST, at + 100],
      [{ type: 'clock.expire' }, SYSTEM, expiry],
    ];
    return tries.some(([command, actor, now]) => this.send(command, actor, now));
  }
}

/** 6 steps in 10 move the game on as a host would (in a random style); the others are random commands. */
function randomSteps(play: Play, steps: Step[]) {
  const styles: Finisher[] = ['stop', 'expire', 'correct', 'correct'];
  for (const step of steps) {
    if (step.choice % 10 < 6) {
      play.moveOn(styles[step.arg % styles.length] as Finisher, step.dt);
    } else {
      const { command, actor, now } = commandFor(play.state, step, play.now);
      play.send(command, actor, now);
    }
  }
}

function playOut(shape: Shape, steps: Step[], style: Finisher, fullChecks: boolean): Play {
  const play = new Play(startGame(shape), fullChecks);
  randomSteps(play, steps);
  play.finish(style);
  checkFinished(play.state, shape);
  if (!fullChecks) checkReplay(play.state);
  return play;
}

// ---------------------------------------------------------------------------------------------

describe('properties', () => {
  it(
    'random games: seconds never negative, no secret leaks, replay and undo exact, one winner',
    () => {
      fc.assert(
        fc.property(
          shapeArb,
          fc.array(stepArb, { maxLength: 60, size: 'max' }),
          fc.constantFrom<Finisher>('stop', 'expire', 'correct'),
          (shape, steps, style) => {
            playOut(shape, steps, style, true);
          },
        ),
        { numRuns: 150 * SCALE },
      );
    },
    120_000 * SCALE,
  );

  it(
    'long random games (cheaper checks per command, full replay at the end)',
    () => {
      fc.assert(
        fc.property(
          shapeArb,
          fc.array(stepArb, { minLength: 100, maxLength: 400 }),
          fc.constantFrom<Finisher>('stop', 'expire', 'correct'),
          (shape, steps, style) => {
            playOut(shape, steps, style, false);
          },
        ),
        { numRuns: 60 * SCALE },
      );
    },
    120_000 * SCALE,
  );

  it(
    'undo, repeated, always gets back to the state right after the start',
    () => {
      fc.assert(
        fc.property(shapeArb, fc.array(stepArb, { maxLength: 80, size: 'max' }), (shape, steps) => {
          const start = startGame(shape);
          const play = new Play(start, false);
          randomSteps(play, steps);
          for (let i = 0; i < 1_000; i++) {
            if (!play.send({ type: 'undo' }, HOST, play.now + 10)) break;
          }
          const last = apply(play.state, { type: 'undo' }, { actor: HOST, now: play.now + 10 });
          expect(last.ok ? 'accepted' : last.error.code).toBe('nothing_to_undo');
          expect(core(play.state)).toEqual(core(start));
        }),
        { numRuns: 100 * SCALE },
      );
    },
    120_000 * SCALE,
  );
});
