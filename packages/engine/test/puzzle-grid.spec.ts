import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.js';
import { createGame, drawGridOrders } from '../src/game.js';
import type { GameState } from '../src/types.js';
import { view } from '../src/view.js';
import { Harness, makeSet, playerIds, SYSTEM } from './fixtures.js';

const set = makeSet();
const config = resolveConfig({ players: 3, rounds: ['puzzle', 'finale'] });

/** A game in its first Puzzel turn, made with these grid orders (or, without, by its seed alone). */
function inPuzzle(seed: number, orders?: Record<string, number[]>): Harness {
  const h = new Harness(createGame(set, config, seed, orders));
  for (const id of playerIds(3)) h.run({ type: 'lobby.join', playerId: id, name: id }, SYSTEM);
  h.run({ type: 'game.start' });
  return h;
}

/** The clues of the turn's grid as the screen shows them, in order. */
function screenGrid(state: GameState): string[] {
  const round = view(state, { role: 'spectator' }).round;
  if (round?.kind !== 'puzzle' || !round.turn) throw new Error('not in a Puzzel turn');
  return round.turn.grid.map((c) => c.clue);
}

describe('the Puzzel grids', () => {
  it('are drawn per puzzle: each a permutation of its clues, from the randomness given', () => {
    const orders = drawGridOrders(set, (n) => randomInt(n));
    expect(Object.keys(orders).sort()).toEqual(set.rounds.puzzle.map((p) => p.id).sort());
    for (const puzzle of set.rounds.puzzle) {
      const clues = puzzle.links.reduce((n, l) => n + l.clues.length, 0);
      expect([...(orders[puzzle.id] ?? [])].sort((a, b) => a - b)).toEqual([...Array(clues).keys()]);
    }
    // Two games draw two different orders (12! of them): nothing ties one grid to another.
    const again = drawGridOrders(set, (n) => randomInt(n));
    expect(set.rounds.puzzle.some((p) => orders[p.id]!.join() !== again[p.id]!.join())).toBe(true);
  });

  it('follow the drawn order, not the seed: knowing (or finding) the seed predicts nothing', () => {
    const orders = drawGridOrders(set, (n) => randomInt(n));
    const h = inPuzzle(42, orders);
    const puzzleId = (h.state.round as { turn: { itemId: string } }).turn.itemId;
    const puzzle = set.rounds.puzzle.find((p) => p.id === puzzleId)!;
    const clues = puzzle.links.flatMap((l) => l.clues);
    expect(screenGrid(h.state)).toEqual(orders[puzzleId]!.map((i) => clues[i]));
    // Any other seed: the same grid.
    expect(screenGrid({ ...h.state, seed: 7 })).toEqual(screenGrid(h.state));
    expect(screenGrid({ ...h.state, seed: 2 ** 31 - 1 })).toEqual(screenGrid(h.state));
  });

  it('of a game made before the drawn orders keep their seeded shuffle (an upgrade reshuffles nothing)', () => {
    const seeded = inPuzzle(42);
    expect(seeded.state.gridOrders).toBeUndefined();
    expect(screenGrid(seeded.state)).toEqual(screenGrid(inPuzzle(42).state));
    expect(screenGrid(seeded.state)).not.toEqual(screenGrid(inPuzzle(43).state));
  });
});
