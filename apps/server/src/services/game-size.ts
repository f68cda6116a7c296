import type { GameState } from '@slimste/engine';

/** A state's own objects (players, round, config, clock): about this, measured (docs/PERFORMANCE.md). */
const STATE_BYTES = 6 * 1024;
/** Each action of the undo log (its node and entry), with its share of the checkpoints. */
const LOG_ENTRY_BYTES = 600;

/**
 * The memory a cached game takes, estimated without walking it (the cache asks after every
 * command): a fixed part plus the undo log. Its question set is shared by every game of the set,
 * so it is not counted here.
 */
export function estimatedBytes(state: GameState): number {
  return STATE_BYTES + (state.history?.depth ?? 0) * LOG_ENTRY_BYTES;
}
