import type { GameState } from '@slimste/engine';

/** The moment (ms since epoch) the running clock reaches 0; null when no clock runs. */
export function clockDueAt(state: GameState): number | null {
  if (state.phase !== 'playing' || !state.clock || state.paused) return null;
  return state.clock.startedAt + state.clock.msAtStart;
}
