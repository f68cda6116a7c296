import { describe, expect, it } from 'vitest';
import type { PuzzleView } from '../../src/index.js';
import { asPlayer, type Harness, startedGame } from '../fixtures.js';

function puzzleView(h: Harness, role: Parameters<Harness['view']>[0] = { role: 'spectator' }) {
  const round = h.view(role).round as PuzzleView;
  if (round?.kind !== 'puzzle' || !round.turn) throw new Error('no puzzle turn on screen');
  return round.turn;
}

describe('Puzzel', () => {
  it('plays three puzzles: +30 per link, completion by fewest seconds, the n-th turn plays puzzle n', () => {
    // p1 30 s, p2 40 s, p3 35 s when the round opens.
    const h = startedGame({ rounds: ['puzzle'], seconds: [30, 40, 35] });

    // Turn 1: fewest seconds, p1 (30), with puzzle 1; no pick in Puzzel.
    expect(h.turn).toMatchObject({ ownerId: 'p1', itemId: 'p1', stage: 'ready' });
    let t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 4_000).run({ type: 'answer.correct', answerId: 'p1-l2' });
    h.at(t, 6_000).run({ type: 'clock.stop' }, asPlayer('p1'));
    // p1: 30 - 6 + 30 = 54 s.
    expect(h.ms('p1')).toBe(54_000);
    // The found link's 4 clues are marked on the grid for everyone (players and the screen know
    // links by their place, "2"; the host by the set's id).
    const marked = puzzleView(h).grid.filter((cell) => cell.linkId === '2');
    expect(puzzleView(h, { role: 'host' }).grid.filter((cell) => cell.linkId === 'p1-l2')).toHaveLength(4);
    expect(marked.map((cell) => cell.clue).sort()).toEqual([1, 2, 3, 4].map((c) => `Hint p1-l2-c${c}`));

    // Completion: p3 (35) before p2 (40).
    expect(h.turn).toMatchObject({ answererId: 'p3', stage: 'ready' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'p1-l1' });
    h.at(t, 1_500).run({ type: 'clock.stop' });
    // p3: 35 - 1.5 + 30 = 63.5 s.
    expect(h.ms('p3')).toBe(63_500);
    expect(h.turn.answererId).toBe('p2');
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_000).run({ type: 'answer.correct', answerId: 'p1-l3' });
    // p2: 40 - 2 + 30 = 68 s; all three links found: done, clock stopped.
    expect(h.turn.stage).toBe('done');
    expect(h.state.clock).toBeNull();
    expect(h.allMs()).toEqual({ p1: 54_000, p2: 68_000, p3: 63_500 });

    // Turn 2: p3 (63.5) before p2 (68), with puzzle 2.
    h.run({ type: 'game.next' });
    expect(h.turn).toMatchObject({ ownerId: 'p3', itemId: 'p2', stage: 'ready' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 500).run({ type: 'clock.stop' }, asPlayer('p3'));
    // p3: 63.5 - 0.5 = 63 s. Completion: p1 (54) before p2 (68).
    expect(h.turn.answererId).toBe('p1');
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'p2-l1' });
    h.at(t, 1_000).run({ type: 'clock.stop' });
    // p1: 54 - 1 + 30 = 83 s.
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_000).run({ type: 'clock.stop' }, asPlayer('p2'));
    // p2: 68 - 2 = 66 s. Everyone has gone: the two missing links are shown.
    expect(h.turn).toMatchObject({ stage: 'done', revealed: true });
    const links = puzzleView(h).links;
    expect(links.map((l) => l.text)).toEqual(['Verband «p2-l1»', 'Verband «p2-l2»', 'Verband «p2-l3»']);
    expect(links.map((l) => l.found)).toEqual([true, false, false]);
    expect(puzzleView(h).grid.every((cell) => cell.linkId !== null)).toBe(true);
    expect(h.allMs()).toEqual({ p1: 83_000, p2: 66_000, p3: 63_000 });

    // Turn 3: p2, puzzle 3, finds all three links a second apart.
    h.run({ type: 'game.next' });
    expect(h.turn).toMatchObject({ ownerId: 'p2', itemId: 'p3', stage: 'ready' });
    t = h.now;
    h.run({ type: 'clock.start' });
    for (let l = 1; l <= 3; l++) h.at(t, l * 1_000).run({ type: 'answer.correct', answerId: `p3-l${l}` });
    // p2: 66 - 3 + 3 x 30 = 153 s.
    expect(h.turn.stage).toBe('done');
    expect(h.allMs()).toEqual({ p1: 83_000, p2: 153_000, p3: 63_000 });
    h.run({ type: 'game.next' });
    expect(h.kind).toBe('finale');
  });

  it('shows 12 clues, shuffled by the seed, and hides the links until found', () => {
    const a = startedGame({ rounds: ['puzzle'], seed: 1 });
    const b = startedGame({ rounds: ['puzzle'], seed: 1 });
    const c = startedGame({ rounds: ['puzzle'], seed: 2 });
    const grid = (h: Harness) => puzzleView(h).grid.map((cell) => cell.clue);
    expect(grid(a)).toHaveLength(12);
    expect([...grid(a)].sort()).toEqual(
      [1, 2, 3].flatMap((l) => [1, 2, 3, 4].map((c) => `Hint p1-l${l}-c${c}`)).sort(),
    );
    expect(grid(b)).toEqual(grid(a));
    // A different seed gives a different order (for this seed pair), and neither is the set's order.
    expect(grid(c)).not.toEqual(grid(a));
    expect(grid(a)).not.toEqual([1, 2, 3].flatMap((l) => [1, 2, 3, 4].map((c) => `Hint p1-l${l}-c${c}`)));
    const screen = puzzleView(a);
    expect(screen.grid.every((cell) => cell.linkId === null)).toBe(true);
    expect(screen.links.every((l) => l.text === undefined)).toBe(true);
    // The host sees every link.
    expect(puzzleView(a, { role: 'host' }).links.map((l) => l.text)).toEqual([
      'Verband «p1-l1»',
      'Verband «p1-l2»',
      'Verband «p1-l3»',
    ]);
  });
});
