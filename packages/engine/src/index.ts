export { apply, nameKey, replay } from './apply.js';
export * from './config.js';
export { createGame, drawGridOrders } from './game.js';
export {
  CHECKPOINT_EVERY,
  type HistoryChange,
  historyChange,
  historyEntries,
  restoreGame,
  snapshotOf,
} from './history.js';
export * from './questions.js';
export * from './types.js';
export { clockMs, secondsOf, view, viewEvents } from './view.js';
export * from './view-types.js';
