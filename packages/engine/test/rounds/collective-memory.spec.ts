import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/index.js';
import { asPlayer, makeSet, startedGame } from '../fixtures.js';

describe('Collectief Geheugen', () => {
  it('pays 10, 20, 30, 40, 50 per clip, the sequence continuing across completion', () => {
    // p1 40 s, p2 40 s, p3 45 s when the round opens.
    const h = startedGame({ rounds: ['collectiveMemory'], seconds: [40, 40, 45] });

    // Turn 1: p1 and p2 tie on 40: the lowest seat, p1, picks clip 2.
    expect(h.turn).toMatchObject({ ownerId: 'p1', stage: 'pick' });
    h.run({ type: 'item.pick', itemId: 'cm2' }, asPlayer('p1'));
    let t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'cm2-k3' });
    h.at(t, 2_000).run({ type: 'answer.correct', answerId: 'cm2-k1' });
    h.at(t, 3_000).run({ type: 'clock.stop' }, asPlayer('p1'));
    // p1: 40 - 3 + 10 + 20 = 67 s.
    expect(h.ms('p1')).toBe(67_000);

    // Completion: p2 (40) before p3 (45); the third keyword found in the clip is worth 30.
    expect(h.turn.answererId).toBe('p2');
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'cm2-k5' });
    h.at(t, 1_000).run({ type: 'clock.stop' }, asPlayer('p2'));
    // p2: 40 - 1 + 30 = 69 s.
    expect(h.turn.answererId).toBe('p3');
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_000).run({ type: 'answer.correct', answerId: 'cm2-k2' });
    h.at(t, 3_000).run({ type: 'answer.correct', answerId: 'cm2-k4' });
    // p3: 45 - 3 + 40 + 50 = 132 s; all 5 found: done.
    expect(h.turn.stage).toBe('done');
    expect(h.turn.found.map((f) => [f.answerId, f.by, f.seconds])).toEqual([
      ['cm2-k3', 'p1', 10],
      ['cm2-k1', 'p1', 20],
      ['cm2-k5', 'p2', 30],
      ['cm2-k2', 'p3', 40],
      ['cm2-k4', 'p3', 50],
    ]);
    expect(h.allMs()).toEqual({ p1: 67_000, p2: 69_000, p3: 132_000 });

    // Turn 2: p2 (69) before p3 (132). p2 picks clip 4, finds one keyword and runs out of time.
    h.run({ type: 'game.next' });
    expect(h.turn).toMatchObject({ ownerId: 'p2', stage: 'pick' });
    h.run({ type: 'item.pick', itemId: 'cm4' }, asPlayer('p2'));
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'cm4-k1' });
    // p2: 69 - 1 + 10 = 78 s at t + 1 s, so the clock reaches 0 at t + 79 s. Nobody reports it;
    // at t + 80 s the host starts the next clock and the engine first ends p2's go at t + 79 s.
    h.at(t, 80_000).run({ type: 'clock.start' });
    expect(h.ms('p2')).toBe(0);
    // Completion: p1 (67) before p3 (132); the next keyword in clip 4 is the 2nd: 20.
    expect(h.state.clock).toMatchObject({ playerId: 'p1', startedAt: t + 80_000, msAtStart: 67_000 });
    t = h.now;
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'cm4-k2' });
    h.at(t, 2_000).run({ type: 'clock.stop' });
    // p1: 67 - 2 + 20 = 85 s.
    t = h.now;
    h.run({ type: 'clock.start' });
    h.run({ type: 'clock.stop' }, asPlayer('p3'));
    // p3 passes at once: 132 s. Everyone has gone: the 3 missing keywords are shown.
    expect(h.turn).toMatchObject({ stage: 'done', revealed: true });
    expect(h.allMs()).toEqual({ p1: 85_000, p2: 0, p3: 132_000 });

    // Turn 3: p3 picks from the clips left (1 and 3; 2 and 4 are used) and finds all five.
    h.run({ type: 'game.next' });
    expect(h.turn).toMatchObject({ ownerId: 'p3', stage: 'pick' });
    expect(h.refused({ type: 'item.pick', itemId: 'cm2' }, asPlayer('p3'))).toBeTruthy();
    expect(h.refused({ type: 'item.pick', itemId: 'cm9' }, asPlayer('p3'))).toBeTruthy();
    const board = h.view({ role: 'spectator' }).round;
    if (board?.kind !== 'collectiveMemory') throw new Error('not in Collectief Geheugen');
    expect(board.clips.map((c) => [c.id, c.used])).toEqual([
      ['cm1', false],
      ['cm2', true],
      ['cm3', false],
      ['cm4', true],
    ]);
    h.run({ type: 'item.pick', itemId: 'cm1' }, asPlayer('p3'));
    t = h.now;
    h.run({ type: 'clock.start' });
    for (let k = 1; k <= 5; k++) h.at(t, k * 1_000).run({ type: 'answer.correct', answerId: `cm1-k${k}` });
    // p3: 132 - 5 + 10 + 20 + 30 + 40 + 50 = 277 s.
    expect(h.turn.stage).toBe('done');
    expect(h.allMs()).toEqual({ p1: 85_000, p2: 0, p3: 277_000 });
    h.run({ type: 'game.next' });
    expect(h.kind).toBe('finale');
  });
});

describe('Collectief Geheugen tests memory', () => {
  it('hides the summary and clip from players and the screen once the clock runs; the host keeps them', () => {
    const set = makeSet();
    const clip = set.rounds.collectiveMemory[0];
    if (!clip) throw new Error('no clip');
    clip.media = { kind: 'video', url: '/media/clip-1.webm' };
    const h = startedGame({ rounds: ['collectiveMemory'], set });
    h.run({ type: 'item.pick', itemId: 'cm1' }, asPlayer('p1'));
    const memory = (role: Role) => {
      const r = h.view(role).round;
      if (r?.kind !== 'collectiveMemory' || !r.turn) throw new Error('no clip in play');
      return r.turn;
    };
    const audiences: Role[] = [{ role: 'spectator' }, { role: 'player', playerId: 'p2' }];
    // Before the clock: everyone sees the summary and may watch the clip.
    for (const role of audiences) expect(memory(role)).toMatchObject({ summary: clip.summary, memoryHidden: false });
    expect(memory({ role: 'spectator' }).media?.url).toBe('/media/clip-1.webm');

    h.run({ type: 'clock.start' });
    for (const role of audiences) {
      expect(memory(role).memoryHidden).toBe(true);
      expect(memory(role).summary).toBeUndefined();
      expect(memory(role).media).toBeUndefined();
      expect(JSON.stringify(h.view(role))).not.toContain(clip.summary);
    }
    expect(memory({ role: 'host' })).toMatchObject({ summary: clip.summary, memoryHidden: true });

    // Still hidden for the completers, before and while their clocks run.
    h.tick(2_000).run({ type: 'clock.stop' }, asPlayer('p1'));
    expect(h.turn.stage).toBe('ready');
    for (const role of audiences) expect(memory(role).summary).toBeUndefined();
    // Once the turn is over, it may be shown again with the keywords.
    h.run({ type: 'answers.reveal' });
    for (const role of audiences) expect(memory(role)).toMatchObject({ summary: clip.summary, memoryHidden: false });
  });
});
