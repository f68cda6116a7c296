import type { QuestionSet } from './questions.js';

export const ROUND_KINDS = ['threeSixNine', 'openDoor', 'puzzle', 'gallery', 'collectiveMemory', 'finale'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export type FinaleRule = 'leaderWins' | 'topTwo';

/** Everything a quizmaster may change when creating a game. Defaults are the TV rules. */
export interface GameConfig {
  /** Seats in the game: 2 to 4. */
  players: number;
  startSeconds: number;
  /** Rounds in play order; the finale is always present and always last. */
  rounds: RoundKind[];
  threeSixNine: { questions: number; bonusEvery: number; bonusSeconds: number };
  /** `questioners`: how many questioners are on offer (at least one per player). */
  openDoor: { questioners: number; secondsPerAnswer: number };
  puzzle: { secondsPerLink: number };
  gallery: { secondsPerPhoto: number };
  /** The k-th keyword found in a clip earns k × `secondsStep`. */
  collectiveMemory: { clips: number; secondsStep: number };
  finale: { rule: FinaleRule; secondsPerAnswer: number };
}

export type GameConfigInput = Partial<
  Omit<GameConfig, 'threeSixNine' | 'openDoor' | 'puzzle' | 'gallery' | 'collectiveMemory' | 'finale'>
> & {
  threeSixNine?: Partial<GameConfig['threeSixNine']>;
  openDoor?: Partial<GameConfig['openDoor']>;
  puzzle?: Partial<GameConfig['puzzle']>;
  gallery?: Partial<GameConfig['gallery']>;
  collectiveMemory?: Partial<GameConfig['collectiveMemory']>;
  finale?: Partial<GameConfig['finale']>;
};

export const DEFAULT_CONFIG: GameConfig = {
  players: 3,
  startSeconds: 60,
  rounds: [...ROUND_KINDS],
  threeSixNine: { questions: 15, bonusEvery: 3, bonusSeconds: 10 },
  openDoor: { questioners: 4, secondsPerAnswer: 20 },
  puzzle: { secondsPerLink: 30 },
  gallery: { secondsPerPhoto: 15 },
  collectiveMemory: { clips: 4, secondsStep: 10 },
  finale: { rule: 'leaderWins', secondsPerAnswer: 20 },
};

/** Fills in the defaults. Validation (ranges, enough questions) is done by `validateConfig`. */
export function resolveConfig(input: GameConfigInput = {}): GameConfig {
  const d = DEFAULT_CONFIG;
  return {
    players: input.players ?? d.players,
    startSeconds: input.startSeconds ?? d.startSeconds,
    rounds: input.rounds ? [...input.rounds] : [...d.rounds],
    threeSixNine: { ...d.threeSixNine, ...input.threeSixNine },
    openDoor: { ...d.openDoor, ...input.openDoor },
    puzzle: { ...d.puzzle, ...input.puzzle },
    gallery: { ...d.gallery, ...input.gallery },
    collectiveMemory: { ...d.collectiveMemory, ...input.collectiveMemory },
    finale: { ...d.finale, ...input.finale },
  };
}

/**
 * One reason a config cannot be played with a set, as data, so that a client can word it in its own
 * language: `code` names the rule, `field` the config field concerned (if one), `params` the numbers.
 *
 * | code                  | params                           | meaning                                      |
 * | --------------------- | -------------------------------- | -------------------------------------------- |
 * | `out_of_range`        | `min`, `max`                     | `field` must be a whole number min..max      |
 * | `at_least_per_player` | `players`                        | `field` needs at least one per player        |
 * | `round_twice`         |                                  | a round appears more than once               |
 * | `unknown_round`       |                                  | `rounds` names a round that does not exist   |
 * | `finale_not_last`     |                                  | the finale is missing or not the last round  |
 * | `unknown_finale_rule` |                                  | `finale.rule` is neither leaderWins nor topTwo |
 * | `too_few`             | `round`, `has`, `needs`, `unit`  | the set has too few items for that round     |
 *
 * `round` is a round kind (`threeSixNine`...), `unit` what is counted (`questions`, `questioners`,
 * `puzzles`, `galleries`, `clips`).
 */
export interface ConfigProblem {
  code:
    | 'out_of_range'
    | 'at_least_per_player'
    | 'round_twice'
    | 'unknown_round'
    | 'finale_not_last'
    | 'unknown_finale_rule'
    | 'too_few';
  field?: string;
  params: Record<string, string | number>;
}

/** Every problem with a config against a question set, as data (empty: fine). */
export function configProblems(config: GameConfig, set: QuestionSet): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  const range = (field: string, n: number, min: number, max: number) => {
    if (!whole(n, min, max)) problems.push({ code: 'out_of_range', field, params: { min, max } });
  };
  const perPlayer = (field: string, n: number) => {
    if (!whole(n, config.players, 20))
      problems.push({ code: 'at_least_per_player', field, params: { players: config.players } });
  };
  const enough = (round: RoundKind, unit: string, has: number, needs: number) => {
    if (has < needs) problems.push({ code: 'too_few', field: round, params: { round, has, needs, unit } });
  };
  range('players', config.players, 2, 4);
  range('startSeconds', config.startSeconds, 1, 3600);
  const rounds = config.rounds;
  if (new Set(rounds).size !== rounds.length) problems.push({ code: 'round_twice', field: 'rounds', params: {} });
  if (rounds.some((r) => !ROUND_KINDS.includes(r)))
    problems.push({ code: 'unknown_round', field: 'rounds', params: {} });
  if (rounds[rounds.length - 1] !== 'finale') problems.push({ code: 'finale_not_last', field: 'rounds', params: {} });
  const r = set.rounds;
  const has = (kind: RoundKind) => rounds.includes(kind);
  if (has('threeSixNine')) {
    const c = config.threeSixNine;
    range('threeSixNine.questions', c.questions, 1, 100);
    range('threeSixNine.bonusEvery', c.bonusEvery, 1, 100);
    range('threeSixNine.bonusSeconds', c.bonusSeconds, 0, 600);
    enough('threeSixNine', 'questions', r.threeSixNine.length, c.questions);
  }
  if (has('openDoor')) {
    const c = config.openDoor;
    perPlayer('openDoor.questioners', c.questioners);
    range('openDoor.secondsPerAnswer', c.secondsPerAnswer, 0, 600);
    enough('openDoor', 'questioners', r.openDoor.length, c.questioners);
  }
  if (has('puzzle')) {
    range('puzzle.secondsPerLink', config.puzzle.secondsPerLink, 0, 600);
    enough('puzzle', 'puzzles', r.puzzle.length, config.players);
  }
  if (has('gallery')) {
    range('gallery.secondsPerPhoto', config.gallery.secondsPerPhoto, 0, 600);
    enough('gallery', 'galleries', r.gallery.length, config.players);
  }
  if (has('collectiveMemory')) {
    const c = config.collectiveMemory;
    perPlayer('collectiveMemory.clips', c.clips);
    range('collectiveMemory.secondsStep', c.secondsStep, 0, 600);
    enough('collectiveMemory', 'clips', r.collectiveMemory.length, c.clips);
  }
  if (!['leaderWins', 'topTwo'].includes(config.finale.rule))
    problems.push({ code: 'unknown_finale_rule', field: 'finale.rule', params: {} });
  range('finale.secondsPerAnswer', config.finale.secondsPerAnswer, 0, 600);
  enough('finale', 'questions', r.finale.length, 1);
  return problems;
}

/** The rounds as people know them (the English edition's names), for the sentences below. */
const ROUND_NAMES: Record<RoundKind, string> = {
  threeSixNine: '3-6-9',
  openDoor: 'Open Door',
  puzzle: 'Puzzle',
  gallery: 'Gallery',
  collectiveMemory: 'Collective Memory',
  finale: 'Final',
};
const SINGULAR: Record<string, string> = {
  questions: 'question',
  questioners: 'questioner',
  puzzles: 'puzzle',
  galleries: 'gallery',
  clips: 'clip',
};
const count = (n: number, unit: string) => `${n} ${n === 1 ? (SINGULAR[unit] ?? unit) : unit}`;

/** One problem as an English sentence: `3-6-9: the set has 1 question, the game needs 15`. */
export function describeConfigProblem(problem: ConfigProblem): string {
  const p = problem.params;
  const field = problem.field ?? '';
  switch (problem.code) {
    case 'out_of_range':
      return `${field}: must be ${p.min} to ${p.max}`;
    case 'at_least_per_player':
      return `${field}: at least one per player`;
    case 'round_twice':
      return 'rounds: a round may appear only once';
    case 'unknown_round':
      return 'rounds: unknown round';
    case 'finale_not_last':
      return 'rounds: the finale must be the last round';
    case 'unknown_finale_rule':
      return 'finale.rule: leaderWins or topTwo';
    case 'too_few': {
      const round = ROUND_NAMES[p.round as RoundKind] ?? String(p.round);
      const has = Number(p.has);
      const needs = Number(p.needs);
      if (has === 0 && needs === 1) return `${round}: the set has no ${p.unit}, the game needs at least 1`;
      const what = p.round === 'puzzle' || p.round === 'gallery' ? `one per player (${needs})` : `${needs}`;
      return `${round}: the set has ${count(has, String(p.unit))}, the game needs ${what}`;
    }
  }
}

/** Problems with a config against a question set, as readable English sentences (empty: fine). */
export function validateConfig(config: GameConfig, set: QuestionSet): string[] {
  return configProblems(config, set).map(describeConfigProblem);
}
