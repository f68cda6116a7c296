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

/** Problems with a config against a question set, as readable sentences (empty: fine). */
export function validateConfig(config: GameConfig, set: QuestionSet): string[] {
  const problems: string[] = [];
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!whole(config.players, 2, 4)) problems.push('players: must be 2 to 4');
  if (!whole(config.startSeconds, 1, 3600)) problems.push('startSeconds: must be 1 to 3600');
  const rounds = config.rounds;
  if (new Set(rounds).size !== rounds.length) problems.push('rounds: a round may appear only once');
  if (rounds.some((r) => !ROUND_KINDS.includes(r))) problems.push('rounds: unknown round');
  if (rounds[rounds.length - 1] !== 'finale') problems.push('rounds: the finale must be the last round');
  const r = set.rounds;
  const has = (kind: RoundKind) => rounds.includes(kind);
  if (has('threeSixNine')) {
    const c = config.threeSixNine;
    if (!whole(c.questions, 1, 100)) problems.push('threeSixNine.questions: must be 1 to 100');
    if (!whole(c.bonusEvery, 1, 100)) problems.push('threeSixNine.bonusEvery: must be 1 to 100');
    if (!whole(c.bonusSeconds, 0, 600)) problems.push('threeSixNine.bonusSeconds: must be 0 to 600');
    if (r.threeSixNine.length < c.questions)
      problems.push(`threeSixNine: the set has ${r.threeSixNine.length} questions, the game needs ${c.questions}`);
  }
  if (has('openDoor')) {
    const c = config.openDoor;
    if (!whole(c.questioners, config.players, 20)) problems.push('openDoor.questioners: at least one per player');
    if (!whole(c.secondsPerAnswer, 0, 600)) problems.push('openDoor.secondsPerAnswer: must be 0 to 600');
    if (r.openDoor.length < c.questioners)
      problems.push(`openDoor: the set has ${r.openDoor.length} questioners, the game needs ${c.questioners}`);
  }
  if (has('puzzle')) {
    if (!whole(config.puzzle.secondsPerLink, 0, 600)) problems.push('puzzle.secondsPerLink: must be 0 to 600');
    if (r.puzzle.length < config.players)
      problems.push(
        `puzzle: the set has ${r.puzzle.length} puzzles, the game needs one per player (${config.players})`,
      );
  }
  if (has('gallery')) {
    if (!whole(config.gallery.secondsPerPhoto, 0, 600)) problems.push('gallery.secondsPerPhoto: must be 0 to 600');
    if (r.gallery.length < config.players)
      problems.push(
        `gallery: the set has ${r.gallery.length} galleries, the game needs one per player (${config.players})`,
      );
  }
  if (has('collectiveMemory')) {
    const c = config.collectiveMemory;
    if (!whole(c.clips, config.players, 20)) problems.push('collectiveMemory.clips: at least one per player');
    if (!whole(c.secondsStep, 0, 600)) problems.push('collectiveMemory.secondsStep: must be 0 to 600');
    if (r.collectiveMemory.length < c.clips)
      problems.push(`collectiveMemory: the set has ${r.collectiveMemory.length} clips, the game needs ${c.clips}`);
  }
  if (!['leaderWins', 'topTwo'].includes(config.finale.rule)) problems.push('finale.rule: leaderWins or topTwo');
  if (!whole(config.finale.secondsPerAnswer, 0, 600)) problems.push('finale.secondsPerAnswer: must be 0 to 600');
  if (r.finale.length < 1) problems.push('finale: the set has no finale questions');
  return problems;
}
