import type { GameState } from '@slimste/engine';

/**
 * A state's own objects (players, round, config, clock): 1.2 KiB measured in a 3-6-9 round, more in
 * a Puzzel or Galerij turn (`npm run bench:memory -w apps/server`, docs/PERFORMANCE.md).
 */
const STATE_BYTES = 4 * 1024;
/** Each action of the undo log (its node and entry) with its share of the checkpoints: 305 B measured. */
const LOG_ENTRY_BYTES = 320;

/**
 * The memory a cached game takes, estimated without walking it (the cache asks after every
 * command): a fixed part plus the undo log. Its question set is shared by every game of the set,
 * so it is not counted here.
 */
export function estimatedBytes(state: GameState): number {
  return STATE_BYTES + (state.history?.depth ?? 0) * LOG_ENTRY_BYTES;
}
