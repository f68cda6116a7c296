import { describe, expect, it } from 'vitest';
import type { GalleryView } from '../../src/index.js';
import { type Harness, SYSTEM, startedGame } from '../fixtures.js';

/** The photo the answerer looks at now (from the state's sequence and position). */
const current = (h: Harness) => h.turn.sequence[h.turn.position];

/** Goes through photos one second apart: `true` = named correctly, `false` = pass. */
function photos(h: Harness, start: number, verdicts: boolean[]) {
  verdicts.forEach((right, i) => {
    h.at(start, (i + 1) * 1_000);
    if (right) h.run({ type: 'answer.correct', answerId: current(h) as string });
    else h.run({ type: 'answer.wrong' });
  });
}

const Y = true;
const N = false;

describe('Galerij', () => {
  it('plays three galleries: +15 per photo, completers go through the missed photos in order', () => {
    // p1 60 s, p2 50 s, p3 55 s when the round opens.
    const h = startedGame({ rounds: ['gallery'], seconds: [60, 50, 55] });

    // Turn 1: p2 (50) with gallery 1, 10 photos in order.
    expect(h.turn).toMatchObject({ ownerId: 'p2', itemId: 'g1', stage: 'ready' });
    expect(h.turn.sequence).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((p) => `g1-p${p}`));
    let t = h.now;
    h.run({ type: 'clock.start' });
    expect(current(h)).toBe('g1-p1');
    // Right on photos 1, 3, 6, 10 (one second each); after photo 10 their go ends.
    photos(h, t, [Y, N, Y, N, N, Y, N, N, N, Y]);
    // p2: 50 - 10 + 4 x 15 = 100 s.
    expect(h.state.clock).toBeNull();
    expect(h.ms('p2')).toBe(100_000);

    // Completion: p3 (55) before p1 (60), through the 6 missed photos.
    expect(h.turn).toMatchObject({ answererId: 'p3', stage: 'ready' });
    expect(h.turn.sequence).toEqual(['g1-p2', 'g1-p4', 'g1-p5', 'g1-p7', 'g1-p8', 'g1-p9']);
    t = h.now;
    h.run({ type: 'clock.start' });
    expect(current(h)).toBe('g1-p2');
    photos(h, t, [Y, N, Y, N, N, N]);
    // p3: 55 - 6 + 2 x 15 = 79 s.
    expect(h.ms('p3')).toBe(79_000);

    // Then p1 through the 4 still missing.
    expect(h.turn).toMatchObject({ answererId: 'p1', stage: 'ready' });
    expect(h.turn.sequence).toEqual(['g1-p4', 'g1-p7', 'g1-p8', 'g1-p9']);
    t = h.now;
    h.run({ type: 'clock.start' });
    photos(h, t, [Y, Y, Y, Y]);
    // p1: 60 - 4 + 4 x 15 = 116 s. All 10 found: done.
    expect(h.turn.stage).toBe('done');
    expect(h.allMs()).toEqual({ p1: 116_000, p2: 100_000, p3: 79_000 });

    // Turn 2: p3 (79) before p1 (116), gallery 2. p3 passes at once.
    h.run({ type: 'game.next' });
    expect(h.turn).toMatchObject({ ownerId: 'p3', itemId: 'g2' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_000).run({ type: 'clock.stop' });
    // p3: 79 - 2 = 77 s. Completion: p2 (100) before p1 (116), each from the first missed photo.
    expect(h.turn).toMatchObject({ answererId: 'p2', stage: 'ready' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'g2-p1' });
    h.at(t, 1_500).run({ type: 'clock.stop' });
    // p2: 100 - 1.5 + 15 = 113.5 s.
    expect(h.turn.sequence.slice(0, 2)).toEqual(['g2-p2', 'g2-p3']);
    t = h.now;
    h.run({ type: 'clock.start' });
    expect(current(h)).toBe('g2-p2');
    h.at(t, 500).run({ type: 'answer.correct', answerId: 'g2-p2' });
    h.at(t, 1_000).run({ type: 'clock.stop' });
    // p1: 116 - 1 + 15 = 130 s. Everyone has gone: the 8 missing photos are shown.
    expect(h.turn).toMatchObject({ stage: 'done', revealed: true });
    const board = h.view({ role: 'spectator' }).round as GalleryView;
    expect(board.turn?.photos.map((p) => p.text)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((p) => `Foto «g2-p${p}»`),
    );
    expect(h.allMs()).toEqual({ p1: 130_000, p2: 113_500, p3: 77_000 });

    // Turn 3: p1, gallery 3: passes on all ten photos in 10 s, then the go ends.
    h.run({ type: 'game.next' });
    expect(h.turn).toMatchObject({ ownerId: 'p1', itemId: 'g3' });
    t = h.now;
    h.run({ type: 'clock.start' });
    photos(h, t, [N, N, N, N, N, N, N, N, N, N]);
    // p1: 130 - 10 = 120 s. Completion: p3 (77) before p2 (113.5).
    expect(h.ms('p1')).toBe(120_000);
    expect(h.turn).toMatchObject({ answererId: 'p3', stage: 'ready' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'g3-p1' });
    h.at(t, 1_000).run({ type: 'clock.stop' });
    // p3: 77 - 1 + 15 = 91 s. p2 goes next and lets the clock run out: 113.5 s.
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 113_500).run({ type: 'clock.expire' }, SYSTEM);
    expect(h.turn).toMatchObject({ stage: 'done', revealed: true });
    expect(h.allMs()).toEqual({ p1: 120_000, p2: 0, p3: 91_000 });
    h.run({ type: 'game.next' });
    expect(h.kind).toBe('finale');
  });

  it('shows a photo only once it is on screen, and its answer only once named or shown', () => {
    const h = startedGame({ rounds: ['gallery'] });
    const board = () => (h.view({ role: 'spectator' }).round as GalleryView).turn;
    h.run({ type: 'clock.start' });
    h.tick(1_000).run({ type: 'answer.correct', answerId: 'g1-p1' });
    const photos = board()?.photos ?? [];
    // Players and the screen know photos by their place; the set's ids are the host's.
    expect(photos[0]).toMatchObject({ id: '1', found: true, text: 'Foto «g1-p1»', seconds: 15 });
    expect(photos[1]?.text).toBeUndefined();
    expect(photos[9]?.image).toBeUndefined();
    expect(photos[9]?.text).toBeUndefined();
    expect(board()?.currentPhotoId).toBe('2');
    const hostBoard = (h.view({ role: 'host' }).round as GalleryView).turn;
    expect(hostBoard?.currentPhotoId).toBe('g1-p2');
  });
});
