import { describe, expect, it } from 'vitest';
import {
  type Actor,
  apply,
  CHECKPOINT_EVERY,
  type Command,
  createdState,
  createGame,
  drawGridOrders,
  type GameState,
  type HistoryEntry,
  historyChange,
  historyEntries,
  historyOrigin,
  resolveConfig,
  restoreGame,
  snapshotOf,
} from '../src/index.js';
import { type Harness, HOST, makeSet, SYSTEM, startedGame, T0 } from './fixtures.js';

/** A long evening: many corrections and pauses, so the log holds several checkpoints. */
function longGame(actions: number): { h: Harness; states: GameState[] } {
  const h = startedGame({ rounds: ['openDoor'] });
  const states = [h.state];
  for (let i = 0; i < actions; i++) {
    if (i % 3 === 2) h.tick(1_000).run({ type: h.state.paused ? 'game.resume' : 'game.pause' });
    else h.tick(1_000).run({ type: 'seconds.adjust', playerId: `p${(i % 3) + 1}`, delta: (i % 7) - 3 });
    states.push(h.state);
  }
  return { h, states };
}

/** The log storage keeps: each accepted command's `historyChange`, folded. */
function fold(log: HistoryEntry[], before: GameState, after: GameState): HistoryEntry[] {
  const change = historyChange(before, after);
  return [...log.slice(0, change.keep), ...(change.pushed ? [change.pushed] : [])];
}

describe('the undo log', () => {
  it('undoes a long game action by action back to its start, each step exact', () => {
    const { h, states } = longGame(5 * CHECKPOINT_EVERY + 7);
    for (let i = states.length - 2; i >= 0; i--) {
      h.tick(10).run({ type: 'undo' });
      const expected = states[i] as GameState;
      expect(snapshotOf(h.state)).toEqual(snapshotOf(expected));
      expect(historyEntries(h.state)).toEqual(historyEntries(expected));
    }
    expect(h.refused({ type: 'undo' })).toBe('nothing_to_undo');
  });

  it('a game restored from its snapshot and log plays and undoes exactly as the live one', () => {
    const { h } = longGame(3 * CHECKPOINT_EVERY + 5);
    const origin = (() => {
      let node = h.state.history;
      while (node?.prev) node = node.prev;
      return node?.checkpoint as GameState;
    })();
    // Through JSON, as storage keeps them.
    const restored = restoreGame(JSON.parse(JSON.stringify(snapshotOf(h.state))), h.state.set, {
      origin: JSON.parse(JSON.stringify(snapshotOf(origin))),
      entries: JSON.parse(JSON.stringify(historyEntries(h.state))),
    });
    let live = h.state;
    let back = restored;
    for (let i = 0; i < 2 * CHECKPOINT_EVERY + 3; i++) {
      const now = h.now + 1_000 * (i + 1);
      const a = apply(live, { type: 'undo' }, { actor: HOST, now });
      const b = apply(back, { type: 'undo' }, { actor: HOST, now });
      if (!a.ok || !b.ok) throw new Error('undo refused');
      live = a.state;
      back = b.state;
      expect(snapshotOf(back)).toEqual(snapshotOf(live));
      expect(historyEntries(back)).toEqual(historyEntries(live));
    }
  });

  it('historyChange, folded over every accepted command, rebuilds the log (undo included)', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    let log: HistoryEntry[] = [];
    const step = (command: Parameters<Harness['run']>[0]) => {
      const before = h.state;
      h.tick(700).run(command);
      log = fold(log, before, h.state);
      expect(log).toEqual(historyEntries(h.state));
    };
    step({ type: 'item.pick', itemId: 'od1' });
    step({ type: 'clock.start' });
    step({ type: 'answer.correct', answerId: 'od1-a1' });
    // Undo while the clock runs: the log loses the answer and gains the undo's own pause.
    step({ type: 'undo' });
    expect(h.state.history?.entry?.auto).toBe(true);
    step({ type: 'game.resume' });
    step({ type: 'seconds.adjust', playerId: 'p2', delta: 5 });
    step({ type: 'undo' });
    step({ type: 'undo' });
    step({ type: 'undo' });
    // Back to just after the pick: the game goes on from there.
    expect(historyEntries(h.state).map((e) => e.command.type)).toEqual(['item.pick']);
    step({ type: 'clock.start' });
    step({ type: 'answer.correct', answerId: 'od1-a2' });
  });
});

describe('the created state (replaying a stored game from version 0)', () => {
  /** A game as the server makes and stores it: crypto-drawn grids, then a log of (command, actor, at). */
  function storedGame() {
    const set = makeSet();
    let n = 7;
    const config = resolveConfig({ players: 3, rounds: ['puzzle', 'openDoor', 'finale'] });
    const created = createGame(
      set,
      config,
      1234,
      drawGridOrders(set, (k) => {
        n = (n * 31 + 17) % 9973;
        return n % k;
      }),
    );
    const log: { command: Command; actor: Actor; at: number }[] = [];
    const states: GameState[] = [created];
    let state = created;
    let now = T0;
    const run = (command: Command, actor: Actor = HOST) => {
      now += 1_300;
      const result = apply(state, command, { actor, now });
      if (!result.ok) throw new Error(`${command.type}: ${result.error.message}`);
      state = result.state;
      log.push({ command, actor, at: now });
      states.push(state);
    };
    for (const id of ['p1', 'p2', 'p3']) run({ type: 'lobby.join', playerId: id, name: `Speler ${id}` }, SYSTEM);
    run({ type: 'lobby.remove', playerId: 'p2' });
    run({ type: 'lobby.join', playerId: 'p5', name: 'Laatkomer' }, SYSTEM);
    run({ type: 'lobby.seats', order: ['p5', 'p1', 'p3'] });
    run({ type: 'game.start' });
    run({ type: 'clock.start' });
    run({ type: 'answer.correct', answerId: 'p1-l2' });
    run({ type: 'seconds.adjust', playerId: 'p3', delta: -4, reason: 'jury' });
    run({ type: 'undo' });
    run({ type: 'undo' });
    // Undo paused the running clock; the host resumes it.
    run({ type: 'game.resume' });
    run({ type: 'answer.correct', answerId: 'p1-l1' });
    run({ type: 'game.pause' });
    run({ type: 'game.resume' });
    run({ type: 'clock.stop' });
    return { set, created, log, states, final: state };
  }

  it('gives back the lobby at version 0 from any later snapshot, grids and seed included', () => {
    const { set, created, states } = storedGame();
    for (const later of states) {
      // Through JSON, as storage keeps a snapshot.
      const rebuilt = createdState(JSON.parse(JSON.stringify(snapshotOf(later))), set);
      expect(rebuilt).toEqual(created);
      expect(rebuilt.set).toBe(set);
    }
    expect(created.gridOrders).toBeDefined();
  });

  it('replays the stored commands onto it to every version exactly (undo included)', () => {
    const { set, log, states, final } = storedGame();
    const started = states.find((s) => s.phase === 'playing') as GameState;
    let state = createdState(snapshotOf(started), set);
    log.forEach((row, i) => {
      const result = apply(state, row.command, { actor: row.actor, now: row.at });
      if (!result.ok) throw new Error(`version ${i + 1} refused: ${result.error.message}`);
      state = result.state;
      const live = states[i + 1] as GameState;
      expect(snapshotOf(state)).toEqual(snapshotOf(live));
      expect(historyEntries(state)).toEqual(historyEntries(live));
    });
    expect(snapshotOf(state)).toEqual(snapshotOf(final));
  });

  it('a game made before grid orders (seeded grids) is rebuilt the same way', () => {
    const set = makeSet();
    const created = createGame(set, resolveConfig({ players: 2, rounds: ['puzzle', 'finale'] }), 99);
    expect(createdState(snapshotOf(created), set)).toEqual(created);
    expect(createdState(snapshotOf(created), set)).not.toHaveProperty('gridOrders');
  });

  it('historyOrigin is the state right after game.start, null in the lobby', () => {
    const { states, final } = storedGame();
    expect(historyOrigin(states[0] as GameState)).toBeNull();
    const started = states.find((s) => s.phase === 'playing') as GameState;
    expect(snapshotOf(historyOrigin(final) as GameState)).toEqual(snapshotOf(started));
  });
});
