import type { GameConfig, QuestionSetCounts, RoundKind } from './types';

/** A round the set has too few items for, under a config: what it has and what a game needs. */
export interface Shortfall {
  round: RoundKind;
  has: number;
  needs: number;
}

/**
 * What a question set lacks to play a game with `config` (its rounds as chosen; the finale is always
 * played, so a set without finale questions can never start a game). Mirrors the engine's
 * `configProblems` `too_few` checks, on the counts the editor and the list already have.
 */
export function shortfalls(counts: QuestionSetCounts, config: GameConfig): Shortfall[] {
  const needs: Record<RoundKind, number> = {
    threeSixNine: config.threeSixNine.questions,
    openDoor: config.openDoor.questioners,
    puzzle: config.players,
    gallery: config.players,
    collectiveMemory: config.collectiveMemory.clips,
    finale: 1,
  };
  const played = new Set<RoundKind>([...config.rounds, 'finale']);
  return (Object.keys(needs) as RoundKind[])
    .filter((round) => played.has(round) && counts[round] < needs[round])
    .map((round) => ({ round, has: counts[round], needs: needs[round] }));
}
