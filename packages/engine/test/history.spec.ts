import { describe, expect, it } from 'vitest';
import {
  apply,
  CHECKPOINT_EVERY,
  type GameState,
  type HistoryEntry,
  historyChange,
  historyEntries,
  restoreGame,
  snapshotOf,
} from '../src/index.js';
import { type Harness, HOST, startedGame } from './fixtures.js';

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
