import { describe, expect, it } from 'vitest';
import type { FinaleStateRound, ThreeSixNineState } from '../src/index.js';
import { asPlayer, makeSet, startedGame } from './fixtures.js';

describe('seconds in a state', () => {
  it('are as of that state for the player whose clock runs too', () => {
    // p1 (60 s) answers in Open Deur: +20 at 5 s. The state then says 60 - 5 + 20 = 75 s.
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    const t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 5_000).run({ type: 'answer.correct', answerId: 'od1-a1' });
    const p1 = h.view({ role: 'spectator' }).players.find((p) => p.id === 'p1');
    expect(p1).toMatchObject({ seconds: 75, ms: 75_000 });
    expect(h.state.clock).toMatchObject({ playerId: 'p1', msAtStart: 75_000 });
    // A jury correction on the running clock at 8 s: 75 - 3 - 10 = 62 s.
    h.at(t, 8_000).run({ type: 'seconds.adjust', playerId: 'p1', delta: -10 });
    expect(h.view({ role: 'host' }).players.find((p) => p.id === 'p1')?.seconds).toBe(62);
  });
});

describe("passing before one's clock runs", () => {
  it('a completer who knows nothing passes from their phone; their seconds stay put', () => {
    // Open Deur with 60 / 50 / 40: p3 (fewest) owns the turn, finds 1 answer and stops at 10 s.
    const h = startedGame({ rounds: ['openDoor'], seconds: [60, 50, 40] });
    expect(h.turn.ownerId).toBe('p3');
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p3'));
    const t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_000).run({ type: 'answer.correct', answerId: 'od1-a1' });
    h.at(t, 10_000).run({ type: 'clock.stop' }, asPlayer('p3'));
    // Completion: p2 (50) before p1 (60). p2 passes without a clock: still 50 s; p1 is up.
    expect(h.turn).toMatchObject({ answererId: 'p2', stage: 'ready' });
    expect(h.refused({ type: 'clock.stop' }, asPlayer('p1'))).toBe('not_your_turn');
    h.run({ type: 'clock.stop' }, asPlayer('p2'));
    expect(h.lastEvents).toContainEqual({ type: 'turn.passed', playerId: 'p2' });
    expect(h.ms('p2')).toBe(50_000);
    expect(h.turn).toMatchObject({ answererId: 'p1', stage: 'ready', passed: ['p3', 'p2'] });
    // The host passes for p1: everyone has gone, the answers are shown.
    h.run({ type: 'clock.stop' });
    expect(h.turn).toMatchObject({ stage: 'done', revealed: true });
    // p3: 40 - 10 + 20 = 50 s; p2 and p1 passed without their clocks.
    expect(h.allMs()).toEqual({ p1: 60_000, p2: 50_000, p3: 50_000 });
  });

  it('the finale opponent may pass without running their clock', () => {
    // p1 leads (slimste van de dag); p2 (50) and p3 (40) play; p3 starts, names one and stops.
    const h = startedGame({ rounds: ['finale'], seconds: [90, 50, 40] });
    const r = () => h.round as FinaleStateRound;
    expect(r().answererId).toBe('p3');
    const t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 3_000).run({ type: 'answer.correct', answerId: 'f1-a1' });
    h.at(t, 4_000).run({ type: 'clock.stop' }, asPlayer('p3'));
    // p2: 50 - 20 = 30 s, up next; passes from the phone without losing a moment.
    expect(r()).toMatchObject({ answererId: 'p2', stage: 'ready' });
    h.run({ type: 'clock.stop' }, asPlayer('p2'));
    expect(h.ms('p2')).toBe(30_000);
    expect(r()).toMatchObject({ stage: 'done', revealed: true });
  });
});

describe('3-6-9 reveal', () => {
  it('gives the next question to the seat after the last one who tried', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    const r = () => h.round as ThreeSixNineState;
    h.run({ type: 'answer.wrong' }); // p1 tried; p2 is up
    h.run({ type: 'answers.reveal' });
    expect(r().nextAnswererId).toBe('p2');
    h.run({ type: 'game.next' });
    // Nobody tried question 2 before the reveal: p2 keeps the next one.
    h.run({ type: 'answers.reveal' });
    expect(r().nextAnswererId).toBe('p2');
  });
});

describe('the jury', () => {
  it('may adjust by 0 seconds (accepted, nothing changes)', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'seconds.adjust', playerId: 'p1', delta: 0 });
    expect(h.ms('p1')).toBe(60_000);
  });
});

describe('media on the screen', () => {
  it('the host plays the media of the question in play; the cue goes up each time', () => {
    const set = makeSet();
    const door = set.rounds.openDoor[0];
    if (!door) throw new Error('no Open Deur question');
    door.media = { kind: 'video', url: '/media/uploads/clip.mp4' };
    const h = startedGame({ rounds: ['openDoor'], set });
    expect(h.refused({ type: 'media.play' })).toBe('nothing_to_do'); // nothing picked yet
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    h.run({ type: 'media.play' });
    expect(h.lastEvents).toEqual([{ type: 'media.played', url: '/media/uploads/clip.mp4' }]);
    h.run({ type: 'media.play' });
    expect(h.view({ role: 'spectator' }).mediaCue).toBe(2);
    expect(h.refused({ type: 'media.play' }, asPlayer('p1'))).toBe('forbidden');
  });
});
