import { describe, expect, it } from 'vitest';
import type { FinaleStateRound } from '../../src/index.js';
import { asPlayer, type Harness, makeSet, SYSTEM, startedGame } from '../fixtures.js';

const finale = (h: Harness) => h.round as FinaleStateRound;
const sorted = (ids: readonly string[]) => [...ids].sort();

/** When the last question is done the game may already be over, or wait for the host's `game.next`. */
function finishAfterLastQuestion(h: Harness) {
  if (h.state.phase !== 'finished') h.run({ type: 'game.next' });
  expect(h.state.phase).toBe('finished');
}

describe('Finale', () => {
  it('leaderWins: the leader is slimste van de dag, -20 per answer, the opponent at 0 loses at once', () => {
    // p1 100 s, p2 50 s, p3 70 s after Collectief Geheugen.
    const h = startedGame({ rounds: ['finale'], seconds: [100, 50, 70] });
    expect(h.kind).toBe('finale');
    // p1 leads and is de slimste mens van de dag; p3 and p2 play.
    expect(sorted(finale(h).finalists)).toEqual(['p2', 'p3']);
    // Question 1: the finalist with fewer seconds, p2 (50), answers first.
    expect(finale(h)).toMatchObject({ index: 0, starterId: 'p2', answererId: 'p2', stage: 'ready' });
    expect(h.refused({ type: 'clock.stop' }, asPlayer('p1'))).toBeTruthy();

    let t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_000).run({ type: 'answer.correct', answerId: 'f1-a1' });
    // Each correct answer takes 20 s off the opponent: p3 70 - 20 = 50 s; p2's clock keeps running.
    expect(h.ms('p3')).toBe(50_000);
    expect(h.state.clock?.playerId).toBe('p2');
    h.at(t, 5_000).run({ type: 'answer.correct', answerId: 'f1-a3' });
    h.at(t, 6_000).run({ type: 'clock.stop' }, asPlayer('p2'));
    // p3: 70 - 20 - 20 = 30 s; p2: 50 - 6 = 44 s.
    expect(h.allMs()).toEqual({ p1: 100_000, p2: 44_000, p3: 30_000 });

    // The opponent names the remaining answers with their own clock.
    expect(finale(h)).toMatchObject({ answererId: 'p3', stage: 'ready' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'f1-a2' });
    h.at(t, 3_000).run({ type: 'clock.stop' }, asPlayer('p3'));
    // p2: 44 - 20 = 24 s; p3: 30 - 3 = 27 s. Both have gone: the answers are shown.
    expect(h.allMs()).toEqual({ p1: 100_000, p2: 24_000, p3: 27_000 });
    expect(finale(h)).toMatchObject({ stage: 'done', revealed: true });
    expect(JSON.stringify(h.view({ role: 'spectator' }))).toContain('Finale «f1-a5»');

    // Question 2: p2 (24) has fewer seconds than p3 (27) and starts.
    h.run({ type: 'game.next' });
    expect(finale(h)).toMatchObject({ index: 1, starterId: 'p2', answererId: 'p2' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 4_000).run({ type: 'answer.correct', answerId: 'f2-a1' });
    h.at(t, 5_000).run({ type: 'clock.stop' });
    // p3: 27 - 20 = 7 s; p2: 24 - 5 = 19 s.
    expect(h.allMs()).toEqual({ p1: 100_000, p2: 19_000, p3: 7_000 });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'f2-a2' });
    // p2: 19 - 20 -> 0 (never below 0): p2 loses at once, p3 wins.
    expect(h.ms('p2')).toBe(0);
    expect(h.state.phase).toBe('finished');
    expect(h.state.clock).toBeNull();
    expect(h.state.result).toEqual({
      winnerId: 'p3',
      slimsteVanDeDagId: 'p1',
      finalists: expect.arrayContaining(['p2', 'p3']),
      eliminatedIds: ['p2'],
    });
    expect(h.lastEvents).toContainEqual({ type: 'game.finished', winnerId: 'p3' });
    // Nothing moves after the end.
    expect(h.refused({ type: 'game.next' })).toBeTruthy();
    expect(h.refused({ type: 'clock.start' })).toBeTruthy();
  });

  it('topTwo: the two with the most seconds play; the one whose own clock hits 0 loses', () => {
    // p1 30 s, p2 80 s, p3 60 s: p2 and p3 play, no slimste van de dag.
    const h = startedGame({ rounds: ['finale'], seconds: [30, 80, 60], config: { finale: { rule: 'topTwo' } } });
    expect(sorted(finale(h).finalists)).toEqual(['p2', 'p3']);
    // p3 (60) has fewer seconds than p2 (80) and starts.
    expect(finale(h)).toMatchObject({ starterId: 'p3', answererId: 'p3' });
    const t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 10_000).run({ type: 'answer.correct', answerId: 'f1-a4' });
    // p2: 80 - 20 = 60 s. p3 says nothing more: their 60 s run out at t + 60 s.
    expect(h.ms('p2')).toBe(60_000);
    h.at(t, 60_000).run({ type: 'clock.expire' }, SYSTEM);
    expect(h.state.phase).toBe('finished');
    expect(h.allMs()).toEqual({ p1: 30_000, p2: 60_000, p3: 0 });
    const result = h.state.result;
    expect(result?.winnerId).toBe('p2');
    expect(result?.slimsteVanDeDagId).toBeNull();
    expect(sorted(result?.finalists ?? [])).toEqual(['p2', 'p3']);
    expect(result?.eliminatedIds).toContain('p3');
    expect(result?.eliminatedIds).not.toContain('p2');
  });

  it('2 players, both play; a tie goes to the one who did not start; more seconds win when questions run out', () => {
    const h = startedGame({ players: 2, rounds: ['finale'], set: makeSet({ finale: 2 }) });
    expect(sorted(finale(h).finalists)).toEqual(['p1', 'p2']);
    // Question 1: both at 60 s, the lowest seat starts.
    expect(finale(h)).toMatchObject({ starterId: 'p1', answererId: 'p1' });
    let t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 3_000).run({ type: 'answer.correct', answerId: 'f1-a1' });
    h.at(t, 4_000).run({ type: 'clock.stop' }, asPlayer('p1'));
    // p2: 60 - 20 = 40 s; p1: 60 - 4 = 56 s.
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_000).run({ type: 'answer.correct', answerId: 'f1-a2' });
    h.at(t, 4_000).run({ type: 'clock.stop' }, asPlayer('p2'));
    // p1: 56 - 20 = 36 s; p2: 40 - 4 = 36 s.
    expect(h.allMs()).toEqual({ p1: 36_000, p2: 36_000 });
    expect(finale(h).stage).toBe('done');

    // Question 2: a tie at 36 s: p2, who did not start question 1, starts.
    h.run({ type: 'game.next' });
    expect(finale(h)).toMatchObject({ index: 1, starterId: 'p2', answererId: 'p2' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'f2-a3' });
    h.at(t, 2_000).run({ type: 'clock.stop' });
    // p1: 36 - 20 = 16 s; p2: 36 - 2 = 34 s.
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_500).run({ type: 'clock.stop' });
    // p1: 16 - 1.5 = 14.5 s. The questions have run out: p2 (34) beats p1 (14.5).
    expect(h.allMs()).toEqual({ p1: 14_500, p2: 34_000 });
    finishAfterLastQuestion(h);
    expect(h.state.result).toMatchObject({ winnerId: 'p2', slimsteVanDeDagId: null, eliminatedIds: ['p1'] });
  });

  it('4 players under leaderWins: the 2nd and 3rd play, the 4th is out', () => {
    // p1 90 s, p2 70 s, p3 80 s, p4 60 s.
    const h = startedGame({ players: 4, rounds: ['finale'], seconds: [90, 70, 80, 60] });
    expect(sorted(finale(h).finalists)).toEqual(['p2', 'p3']);
    // p2 (70) starts and names four answers: p3 80 - 4 x 20 = 0 -> p3 loses at once.
    expect(finale(h).answererId).toBe('p2');
    const t = h.now;
    h.run({ type: 'clock.start' });
    for (let a = 1; a <= 3; a++) h.at(t, a * 1_000).run({ type: 'answer.correct', answerId: `f1-a${a}` });
    expect(h.ms('p3')).toBe(20_000);
    expect(h.state.phase).toBe('playing');
    h.at(t, 4_000).run({ type: 'answer.correct', answerId: 'f1-a4' });
    expect(h.state.phase).toBe('finished');
    // p2: 70 - 4 = 66 s, untouched by their own answers.
    expect(h.allMs()).toEqual({ p1: 90_000, p2: 66_000, p3: 0, p4: 60_000 });
    expect(h.state.result).toEqual({
      winnerId: 'p2',
      slimsteVanDeDagId: 'p1',
      finalists: expect.arrayContaining(['p2', 'p3']),
      eliminatedIds: expect.arrayContaining(['p3', 'p4']),
    });
    expect(h.state.result?.eliminatedIds).toHaveLength(2);
  });

  it('ranks ties by the lowest seat when choosing the leader and the finalists', () => {
    // p1 70, p2 70, p3 50: p1 (lower seat) leads; p2 and p3 play.
    const lead = startedGame({ rounds: ['finale'], seconds: [70, 70, 50] });
    expect(sorted(finale(lead).finalists)).toEqual(['p2', 'p3']);
    // topTwo with p1 70, p2 50, p3 70: the two at 70 play.
    const top = startedGame({ rounds: ['finale'], seconds: [70, 50, 70], config: { finale: { rule: 'topTwo' } } });
    expect(sorted(finale(top).finalists)).toEqual(['p1', 'p3']);
    // topTwo, three-way tie: seats 1 and 2.
    const all = startedGame({ rounds: ['finale'], config: { finale: { rule: 'topTwo' } } });
    expect(sorted(finale(all).finalists)).toEqual(['p1', 'p2']);
  });

  it('runs through every question: the finalist with more seconds wins when they run out', () => {
    const h = startedGame({ rounds: ['finale'], seconds: [100, 40, 50], set: makeSet({ finale: 3 }) });
    // Nobody answers anything; each finalist passes after one second, three questions long.
    for (let q = 0; q < 3; q++) {
      expect(finale(h).index).toBe(q);
      for (let go = 0; go < 2; go++) {
        h.run({ type: 'clock.start' });
        h.tick(1_000).run({ type: 'clock.stop' });
      }
      expect(finale(h).stage).toBe('done');
      if (q < 2) h.run({ type: 'game.next' });
    }
    // p2: 40 - 3 = 37 s; p3: 50 - 3 = 47 s: p3 wins.
    expect(h.allMs()).toEqual({ p1: 100_000, p2: 37_000, p3: 47_000 });
    finishAfterLastQuestion(h);
    expect(h.state.result).toMatchObject({ winnerId: 'p3', slimsteVanDeDagId: 'p1', eliminatedIds: ['p2'] });
  });
});
