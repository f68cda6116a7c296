import { cloneData } from './clone.js';
import { lobbyState } from './game.js';
import type { QuestionSet } from './questions.js';
import type { GameSnapshot, GameState, HistoryEntry, HistoryNode } from './types.js';

/**
 * The undo log: every accepted action since `game.start`, as a linked list so that appending is
 * O(1) however long the game. Every `CHECKPOINT_EVERY` actions the node keeps the state right after
 * it, so undo replays at most that many actions from the nearest checkpoint: it costs the same
 * late in an evening as early (the root always keeps the state right after `game.start`).
 */
export const CHECKPOINT_EVERY = 32;

/**
 * A log node. Its checkpoint is not enumerable: a state and its checkpoints point at each other,
 * and JSON or a deep comparison of a state should see the log, not the cache beside it.
 */
function makeNode(entry: HistoryEntry | null, prev: HistoryNode | null, checkpoint: GameState | null): HistoryNode {
  const node = { entry, prev, depth: prev ? prev.depth + 1 : 0 } as HistoryNode;
  Object.defineProperty(node, 'checkpoint', { value: checkpoint, writable: true, enumerable: false });
  return node;
}

/** The root of a new log: the state right after `game.start` is its checkpoint. */
export function startHistory(started: GameState): HistoryNode {
  const root = makeNode(null, null, started);
  started.history = root;
  return root;
}

/** Appends `entry` to `s`'s log (`s` is the state right after it: every so often it becomes a checkpoint). */
export function pushHistory(s: GameState, prev: HistoryNode, entry: HistoryEntry): void {
  const atCheckpoint = (prev.depth + 1) % CHECKPOINT_EVERY === 0;
  s.history = makeNode(entry, prev, atCheckpoint ? s : null);
}

/** The log as a list, oldest first (for storage and tests; O(length)). */
export function historyEntries(state: Pick<GameState, 'history'>): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (let node = state.history; node?.entry; node = node.prev) entries.push(node.entry);
  return entries.reverse();
}

/** The node `depth` entries from the root, walking back from `node`. */
export function nodeAt(node: HistoryNode, depth: number): HistoryNode {
  let n: HistoryNode | null = node;
  while (n && n.depth > depth) n = n.prev;
  if (!n || n.depth !== depth) throw new Error(`no history node at depth ${depth}`);
  return n;
}

/**
 * How one accepted command changed the log: the first `keep` entries stay, then `pushed` (if any)
 * follows. Storage keeps this per command, so the log can be rebuilt without replaying the game.
 */
export interface HistoryChange {
  keep: number;
  pushed: HistoryEntry | null;
}

export function historyChange(before: Pick<GameState, 'history'>, after: Pick<GameState, 'history'>): HistoryChange {
  const top = after.history;
  if (!top) return { keep: 0, pushed: null };
  const old = before.history;
  // Unchanged, or an undo that went back to a node of the old log without adding one.
  if (old && top.depth <= old.depth && nodeAt(old, top.depth) === top) return { keep: top.depth, pushed: null };
  if (!top.entry) return { keep: 0, pushed: null };
  return { keep: top.depth - 1, pushed: top.entry };
}

/** What storage keeps of a state: all but the question set (stored once per set) and the undo log. */
export function snapshotOf(state: GameState): GameSnapshot {
  const { set: _set, history: _history, ...snapshot } = state;
  return snapshot;
}

/**
 * A state back from storage: its snapshot with its question set and, once the game has started,
 * the log (the state right after `game.start` and the actions since, as `historyEntries` gave them).
 */
export function restoreGame(
  snapshot: GameSnapshot,
  set: QuestionSet,
  log: { origin: GameSnapshot; entries: readonly HistoryEntry[] } | null,
): GameState {
  const state: GameState = { ...cloneData(snapshot), set, history: null };
  if (!log) return state;
  let node = startHistory({ ...cloneData(log.origin), set, history: null });
  for (const entry of log.entries) node = makeNode(entry, node, null);
  if (node.entry) node.checkpoint = state;
  state.history = node;
  return state;
}

/**
 * The state a game was created with (version 0: its lobby, nobody seated yet), rebuilt from any
 * snapshot of the same game. What a game holds besides its players and its play never changes
 * after `createGame` (the config, the seed, the puzzle grids' order), so the snapshot right after
 * `game.start` or a later one gives it back exactly; applying the game's stored commands to it in
 * order, each with its stored actor and time, gives every version of the game again.
 */
export function createdState(
  snapshot: Pick<GameSnapshot, 'config' | 'seed' | 'gridOrders'>,
  set: QuestionSet,
): GameState {
  const { config, seed, gridOrders } = cloneData({
    config: snapshot.config,
    seed: snapshot.seed,
    gridOrders: snapshot.gridOrders,
  });
  return lobbyState(set, config, seed, gridOrders);
}

/** The state right after `game.start` (the undo log's root), null before the start. */
export function historyOrigin(state: Pick<GameState, 'history'>): GameState | null {
  let node = state.history;
  while (node?.prev) node = node.prev;
  return node?.checkpoint ?? null;
}
