import { type GameConfig, type RoundKind, validateConfig } from './config.js';
import type { Media, QuestionSet } from './questions.js';
import { finale } from './rounds/finale.js';
import type { RoundRules } from './rounds/round-rules.js';
import { threeSixNine } from './rounds/three-six-nine.js';
import { turnRound } from './rounds/turn-round.js';
import type { GameEvent, GameState } from './types.js';

const RULES: Record<RoundKind, RoundRules> = {
  threeSixNine,
  openDoor: turnRound('openDoor'),
  puzzle: turnRound('puzzle'),
  gallery: turnRound('gallery'),
  collectiveMemory: turnRound('collectiveMemory'),
  finale,
};

export function rulesFor(kind: RoundKind): RoundRules {
  return RULES[kind];
}

/** The rules of the round in play (throws outside play: callers check the phase first). */
export function currentRules(s: GameState): RoundRules {
  if (!s.round) throw new Error('no round in play');
  return RULES[s.round.kind];
}

/**
 * Each puzzle's grid order, drawn with `randomInt(n)` (an integer in [0, n)): pass a
 * cryptographic one (node's `crypto.randomInt`), so no grid can be predicted from another.
 */
export function drawGridOrders(set: QuestionSet, randomInt: (n: number) => number): Record<string, number[]> {
  const orders: Record<string, number[]> = {};
  for (const puzzle of set.rounds.puzzle) {
    const order = Array.from({ length: puzzle.links.reduce((n, l) => n + l.clues.length, 0) }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    orders[puzzle.id] = order;
  }
  return orders;
}

/**
 * A new game in its lobby. `gridOrders` (from `drawGridOrders`) decides the puzzle grids; without
 * it `seed` does, as in games made before (the engine has no randomness of its own). Throws when
 * the config does not fit the set: validate with `validateConfig` first to show the problems to a
 * person.
 */
export function createGame(
  set: QuestionSet,
  config: GameConfig,
  seed: number,
  gridOrders?: Record<string, number[]>,
): GameState {
  const problems = validateConfig(config, set);
  if (problems.length) throw new Error(`invalid game config: ${problems.join('; ')}`);
  return lobbyState(set, config, seed, gridOrders);
}

/** A lobby with nobody in it yet: all a game holds at version 0 (see `createGame`, `createdState`). */
export function lobbyState(
  set: QuestionSet,
  config: GameConfig,
  seed: number,
  gridOrders?: Record<string, number[]>,
): GameState {
  return {
    config,
    set,
    seed: seed >>> 0,
    ...(gridOrders ? { gridOrders } : {}),
    phase: 'lobby',
    players: [],
    clock: null,
    mediaCue: 0,
    paused: null,
    roundIndex: -1,
    round: null,
    result: null,
    history: null,
  };
}

export function startRound(s: GameState, index: number, now: number, events: GameEvent[]): void {
  const kind = s.config.rounds[index] as RoundKind;
  s.roundIndex = index;
  events.push({ type: 'round.started', kind });
  RULES[kind].start(s, now, events);
}

/** The picture, sound or film of the question or clip in play, if it has one (the host plays it on the screen). */
export function currentMedia(s: GameState): Media | null {
  const r = s.round;
  const sets = s.set.rounds;
  if (!r) return null;
  if (r.kind === 'threeSixNine') return sets.threeSixNine[r.index]?.media ?? null;
  if (r.kind === 'finale') return sets.finale[r.index]?.media ?? null;
  const itemId = r.turn?.itemId;
  if (!itemId) return null;
  if (r.kind === 'openDoor') return sets.openDoor.find((q) => q.id === itemId)?.media ?? null;
  if (r.kind === 'collectiveMemory') return sets.collectiveMemory.find((c) => c.id === itemId)?.media ?? null;
  return null;
}
