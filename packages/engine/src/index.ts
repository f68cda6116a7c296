export { apply, nameKey, replay } from './apply.js';
export * from './config.js';
export { createGame, drawGridOrders, lobbyState } from './game.js';
export {
  CHECKPOINT_EVERY,
  createdState,
  type HistoryChange,
  historyChange,
  historyEntries,
  historyOrigin,
  restoreGame,
  snapshotOf,
} from './history.js';
export * from './questions.js';
export * from './types.js';
export { clockMs, secondsOf, view, viewEvents } from './view.js';
export * from './view-types.js';
