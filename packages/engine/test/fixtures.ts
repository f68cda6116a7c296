/**
 * Shared test fixtures: a generated question set whose ids and texts are predictable, and a small
 * harness that plays commands against the engine with an explicit, advancing `now`.
 *
 * Every secret text (answer, link, photo answer, keyword) is wrapped in «guillemets» around its id,
 * e.g. `Antwoord «od1-a1»`, so no secret is a substring of another text, of an id, or of a question.
 */
import {
  type Actor,
  type ApplyResult,
  apply,
  type Command,
  clockMs,
  createGame,
  type GameConfigInput,
  type GameEvent,
  type GameState,
  type GameView,
  type QuestionSet,
  type Role,
  type RoundKind,
  resolveConfig,
  view,
} from '../src/index.js';

export const HOST: Actor = { role: 'host' };
export const SYSTEM: Actor = { role: 'system' };
export const asPlayer = (playerId: string): Actor => ({ role: 'player', playerId });

/** The moment every harness game starts at (any fixed number works: the engine has no clock of its own). */
export const T0 = 1_700_000_000_000;

export interface SetSize {
  threeSixNine?: number;
  openDoor?: number;
  puzzle?: number;
  gallery?: number;
  collectiveMemory?: number;
  finale?: number;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const secret = (word: string, id: string) => `${word} «${id}»`;

/**
 * A question set with predictable ids:
 * - 3-6-9: `tsn1`..`tsn15`, answer `Antwoord «tsn1»`;
 * - Open Deur: questioners `od1`..`od4`, answers `od1-a1`..`od1-a4`;
 * - Puzzel: `p1`..`p4`, links `p1-l1`..`p1-l3`, clues `p1-l1-c1`..;
 * - Galerij: `g1`..`g4`, photos `g1-p1`..`g1-p10`;
 * - Collectief Geheugen: clips `cm1`..`cm4`, keywords `cm1-k1`..`cm1-k5`;
 * - Finale: `f1`..`f6`, answers `f1-a1`..`f1-a5`.
 */
export function makeSet(size: SetSize = {}): QuestionSet {
  return {
    id: 'test-set',
    title: 'Testset',
    language: 'nl',
    rounds: {
      threeSixNine: range(size.threeSixNine ?? 15).map((n) => ({
        id: `tsn${n}`,
        question: `Vraag nummer ${n} van drie-zes-negen?`,
        answer: secret('Antwoord', `tsn${n}`),
      })),
      openDoor: range(size.openDoor ?? 4).map((q) => ({
        id: `od${q}`,
        questioner: `Vraagsteller ${q}`,
        question: `Open deur vraag ${q}?`,
        answers: range(4).map((a) => ({ id: `od${q}-a${a}`, text: secret('Antwoord', `od${q}-a${a}`) })),
      })),
      puzzle: range(size.puzzle ?? 4).map((p) => ({
        id: `p${p}`,
        links: range(3).map((l) => ({
          id: `p${p}-l${l}`,
          answer: secret('Verband', `p${p}-l${l}`),
          clues: range(4).map((c) => `Hint p${p}-l${l}-c${c}`),
        })),
      })),
      gallery: range(size.gallery ?? 4).map((g) => ({
        id: `g${g}`,
        title: `Galerij ${g}`,
        photos: range(10).map((p) => ({
          id: `g${g}-p${p}`,
          image: `/media/g${g}-p${p}.svg`,
          answer: secret('Foto', `g${g}-p${p}`),
        })),
      })),
      collectiveMemory: range(size.collectiveMemory ?? 4).map((c) => ({
        id: `cm${c}`,
        title: `Clip ${c}`,
        summary: `Samenvatting van clip ${c}`,
        keywords: range(5).map((k) => ({ id: `cm${c}-k${k}`, text: secret('Trefwoord', `cm${c}-k${k}`) })),
      })),
      finale: range(size.finale ?? 6).map((f) => ({
        id: `f${f}`,
        question: `Finalevraag ${f}?`,
        answers: range(5).map((a) => ({ id: `f${f}-a${a}`, text: secret('Finale', `f${f}-a${a}`) })),
      })),
    },
  };
}

/** Every secret text in a set by the id the host marks it with (3-6-9 question, answer, link, photo, keyword). */
export function secretTexts(set: QuestionSet): Map<string, string> {
  const texts = new Map<string, string>();
  const r = set.rounds;
  for (const q of r.threeSixNine) texts.set(q.id, q.answer);
  for (const q of r.openDoor) for (const a of q.answers) texts.set(a.id, a.text);
  for (const p of r.puzzle) for (const l of p.links) texts.set(l.id, l.answer);
  for (const g of r.gallery) for (const p of g.photos) texts.set(p.id, p.answer);
  for (const c of r.collectiveMemory) for (const k of c.keywords) texts.set(k.id, k.text);
  for (const f of r.finale) for (const a of f.answers) texts.set(a.id, a.text);
  return texts;
}

export class EngineRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * A game plus the time. `run` applies a command or throws with the engine's error; `attempt`
 * returns the raw result and, when the command is refused, checks that nothing changed.
 */
export class Harness {
  now = T0;
  lastEvents: GameEvent[] = [];

  constructor(public state: GameState) {}

  /** Moves the time on by `ms`. */
  tick(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Moves the time to exactly `ms` after `since`. */
  at(since: number, ms: number): this {
    this.now = since + ms;
    return this;
  }

  run(command: Command, actor: Actor = HOST): GameState {
    const result = apply(this.state, command, { actor, now: this.now });
    if (!result.ok) throw new EngineRefused(result.error.code, `${command.type}: ${result.error.message}`);
    this.state = result.state;
    this.lastEvents = result.events;
    return this.state;
  }

  attempt(command: Command, actor: Actor = HOST): ApplyResult {
    const before = structuredClone(this.state);
    const result = apply(this.state, command, { actor, now: this.now });
    if (result.ok) {
      this.state = result.state;
      this.lastEvents = result.events;
    } else if (JSON.stringify(before) !== JSON.stringify(this.state)) {
      throw new Error(`a refused ${command.type} changed the state it was given`);
    }
    return result;
  }

  /** The error code of a command that must be refused (throws when it is accepted). */
  refused(command: Command, actor: Actor = HOST): string {
    const result = this.attempt(command, actor);
    if (result.ok) throw new Error(`${command.type} by ${JSON.stringify(actor)} was accepted`);
    return result.error.code;
  }

  /** A player's milliseconds now (the running clock's value if it is theirs). */
  ms(playerId: string): number {
    return clockMs(this.state, playerId, this.now);
  }

  /** Every player's milliseconds now, by id. */
  allMs(): Record<string, number> {
    return Object.fromEntries(this.state.players.map((p) => [p.id, this.ms(p.id)]));
  }

  view(role: Role): GameView {
    return view(this.state, role, this.now);
  }

  get round() {
    const r = this.state.round;
    if (!r) throw new Error('no round in play');
    return r;
  }

  get kind(): RoundKind {
    return this.round.kind;
  }

  /** The turn in play (turn rounds only). */
  get turn() {
    const r = this.round;
    if (!('turn' in r) || !r.turn) throw new Error(`no turn in play (round ${r.kind})`);
    return r.turn;
  }
}

export interface StartOptions {
  players?: number;
  /** The rounds to play (the finale is added when missing). */
  rounds?: RoundKind[];
  config?: GameConfigInput;
  set?: QuestionSet;
  seed?: number;
  /**
   * Whole seconds per player (p1, p2, ...) at the start of the first chosen round. They are set
   * through the public API: a one-question 3-6-9 prelude in which the host adjusts the seconds.
   */
  seconds?: number[];
}

/** Players `p1`..`pN` (names `Speler 1`..), seated 1..N by joining order. */
export const playerIds = (n: number) => range(n).map((i) => `p${i}`);

/** A game with its players joined, still in the lobby. */
export function lobbyGame(options: StartOptions = {}): Harness {
  const n = options.players ?? 3;
  let rounds: RoundKind[] = options.rounds ?? ['threeSixNine', 'openDoor', 'puzzle', 'gallery', 'collectiveMemory'];
  if (rounds[rounds.length - 1] !== 'finale') rounds = [...rounds, 'finale'];
  const config = resolveConfig({ ...options.config, players: options.config?.players ?? n, rounds });
  const h = new Harness(createGame(options.set ?? makeSet(), config, options.seed ?? 42));
  for (const id of playerIds(n)) h.run({ type: 'lobby.join', playerId: id, name: `Speler ${id.slice(1)}` }, SYSTEM);
  return h;
}

/**
 * A started game, positioned at the start of its first chosen round. With `seconds`, a 3-6-9
 * prelude of one question (worth nothing) is played first: seat 1 answers it, the host adjusts
 * everyone's seconds, and `game.next` opens the chosen first round with those seconds.
 */
export function startedGame(options: StartOptions = {}): Harness {
  if (!options.seconds) {
    const h = lobbyGame(options);
    h.run({ type: 'game.start' });
    return h;
  }
  const rounds = options.rounds ?? ['openDoor'];
  if (rounds[0] === 'threeSixNine') throw new Error('seconds: the prelude is a 3-6-9 round of its own');
  const h = lobbyGame({
    ...options,
    rounds: ['threeSixNine', ...rounds],
    config: { ...options.config, threeSixNine: { questions: 1, bonusEvery: 3, bonusSeconds: 10 } },
  });
  h.run({ type: 'game.start' });
  h.run({ type: 'answer.correct', answerId: 'tsn1' });
  const start = h.state.config.startSeconds;
  options.seconds.forEach((seconds, i) => {
    if (seconds !== start) h.run({ type: 'seconds.adjust', playerId: `p${i + 1}`, delta: seconds - start });
  });
  h.run({ type: 'game.next' });
  return h;
}

/** The seconds people see for a number of ms (rounded up), for readable expectations. */
export const wholeSeconds = (ms: number) => Math.ceil(ms / 1000);
