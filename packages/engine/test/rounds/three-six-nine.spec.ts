import { describe, expect, it } from 'vitest';
import type { ThreeSixNineState } from '../../src/index.js';
import { asPlayer, type Harness, startedGame } from '../fixtures.js';

const tsn = (h: Harness) => h.round as ThreeSixNineState;

/** Plays the current question: wrong answers in turn, then (optionally) a correct one. */
function play(h: Harness, wrongs: number, correct: boolean) {
  for (let i = 0; i < wrongs; i++) h.run({ type: 'answer.wrong' });
  if (correct) h.run({ type: 'answer.correct', answerId: `tsn${tsn(h).index + 1}` });
}

describe('3-6-9', () => {
  it('scores +10 on every third question, keeps the turn on a correct answer and passes on a wrong one', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    expect(h.kind).toBe('threeSixNine');
    const order: string[] = [];
    const question = (wrongs: number, correct: boolean) => {
      order.push(tsn(h).answererId);
      play(h, wrongs, correct);
      expect(tsn(h).stage).toBe('done');
      h.run({ type: 'game.next' });
    };

    // Q1 goes to seat 1. p1 right (not a third question: +0).
    expect(tsn(h).index).toBe(0);
    question(0, true);
    // Q2: p1 keeps the turn; wrong -> p2 right (+0).
    question(1, true);
    // Q3: p2 keeps the turn; right on a third question: p2 60 + 10 = 70.
    question(0, true);
    // Q4: p2, p3, p1 all wrong; the last who tried was p1 (seat 1) -> Q5 goes to seat 2, p2.
    question(3, false);
    // Q5: p2 wrong -> p3 right (+0).
    question(1, true);
    // Q6: p3 wrong -> p1 right on a third question: p1 60 + 10 = 70.
    question(1, true);
    // Q7: p1, p2, p3 wrong; last who tried p3 (seat 3) -> Q8 goes to seat 1, p1.
    question(3, false);
    // Q8: p1 right (+0).
    question(0, true);
    // Q9: p1 right on a third question: p1 70 + 10 = 80.
    question(0, true);
    // Q10: p1 right (+0). Q11: p1 wrong -> p2 right (+0).
    question(0, true);
    question(1, true);
    // Q12: p2, p3 wrong -> p1 right on a third question: p1 80 + 10 = 90.
    question(2, true);
    // Q13: p1, p2, p3 wrong -> Q14 back to p1. Q14: p1 wrong -> p2 right (+0).
    question(3, false);
    question(1, true);
    // Q15: p2 keeps the turn, right on a third question: p2 70 + 10 = 80.
    order.push(tsn(h).answererId);
    play(h, 0, true);

    expect(order).toEqual(['p1', 'p1', 'p2', 'p2', 'p2', 'p3', 'p1', 'p1', 'p1', 'p1', 'p1', 'p2', 'p1', 'p1', 'p2']);
    // p1: 60 + 10 (Q6) + 10 (Q9) + 10 (Q12) = 90; p2: 60 + 10 (Q3) + 10 (Q15) = 80; p3: 60.
    expect(h.allMs()).toEqual({ p1: 90_000, p2: 80_000, p3: 60_000 });

    // After the last question, game.next opens the next round.
    h.run({ type: 'game.next' });
    expect(h.state.roundIndex).toBe(1);
    expect(h.kind).toBe('finale');
  });

  it('keeps, per question played, who got it and which were missed (for the board), through undo', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    const results = () => {
      const r = h.view({ role: 'spectator' }).round;
      return r?.kind === 'threeSixNine' ? r.results : null;
    };
    expect(results()).toEqual([]);
    play(h, 0, true); // Q1: p1 right (+0)
    h.run({ type: 'game.next' });
    play(h, 3, false); // Q2: all three wrong
    h.run({ type: 'game.next' });
    play(h, 1, true); // Q3 goes to the seat after p3 (the last who tried): p1 wrong, p2 right: +10
    h.run({ type: 'game.next' });
    h.run({ type: 'question.skip' }); // Q4: skipped
    expect(results()).toEqual([
      { number: 1, by: 'p1', seconds: 0 },
      { number: 2, by: null, seconds: 0 },
      { number: 3, by: 'p2', seconds: 10 },
      { number: 4, by: null, seconds: 0 },
    ]);
    h.run({ type: 'undo' });
    expect(results()).toHaveLength(3);
  });

  it('passes a wrong answer to the next seat and records who tried in vain', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    h.run({ type: 'answer.wrong' });
    expect(tsn(h)).toMatchObject({ answererId: 'p2', stage: 'answering' });
    h.run({ type: 'answer.wrong' });
    expect(tsn(h)).toMatchObject({ answererId: 'p3', stage: 'answering' });
    h.run({ type: 'answer.correct', answerId: 'tsn1' });
    expect(tsn(h)).toMatchObject({ tried: ['p1', 'p2'], correctBy: 'p3', stage: 'done' });
    h.run({ type: 'game.next' });
    // p3 answered correctly and keeps the turn.
    expect(tsn(h)).toMatchObject({ index: 1, answererId: 'p3', stage: 'answering', tried: [] });
  });

  it('shows the answer to everyone only once the question is done', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    const text = 'Antwoord «tsn1»';
    expect(JSON.stringify(h.view({ role: 'spectator' }))).not.toContain(text);
    expect(JSON.stringify(h.view({ role: 'player', playerId: 'p1' }))).not.toContain(text);
    expect(JSON.stringify(h.view({ role: 'host' }))).toContain(text);
    play(h, 3, false);
    expect(JSON.stringify(h.view({ role: 'spectator' }))).toContain(text);
  });

  it('tells what a question is worth: 10 on every third, else 0', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    const worths: number[] = [];
    for (let q = 1; q <= 15; q++) {
      const round = h.view({ role: 'spectator' }).round;
      if (round?.kind !== 'threeSixNine') throw new Error('not in 3-6-9');
      expect(round.number).toBe(q);
      expect(round.total).toBe(15);
      worths.push(round.worth);
      play(h, 0, true);
      if (q < 15) h.run({ type: 'game.next' });
    }
    expect(worths).toEqual([0, 0, 10, 0, 0, 10, 0, 0, 10, 0, 0, 10, 0, 0, 10]);
    // p1 answered all 15 and earned the five bonuses: 60 + 5 x 10 = 110.
    expect(h.ms('p1')).toBe(110_000);
  });

  it('honours a 12-question round with a different bonus', () => {
    const h = startedGame({
      rounds: ['threeSixNine'],
      config: { threeSixNine: { questions: 12, bonusEvery: 3, bonusSeconds: 15 } },
    });
    for (let q = 1; q <= 12; q++) {
      play(h, 0, true);
      h.run({ type: 'game.next' });
    }
    // Bonuses on 3, 6, 9, 12: 60 + 4 x 15 = 120, and the 12th question ended the round.
    expect(h.ms('p1')).toBe(120_000);
    expect(h.kind).toBe('finale');
  });

  it('refuses clocks, wrong answer ids, moving on too early and answering a finished question', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    expect(h.refused({ type: 'clock.start' })).toBeTruthy();
    expect(h.refused({ type: 'answer.correct', answerId: 'tsn2' })).toBeTruthy();
    expect(h.refused({ type: 'game.next' })).toBeTruthy();
    h.run({ type: 'answer.correct', answerId: 'tsn1' });
    expect(h.refused({ type: 'answer.correct', answerId: 'tsn1' })).toBeTruthy();
    expect(h.refused({ type: 'answer.wrong' })).toBeTruthy();
    // Players cannot judge their own answers.
    h.run({ type: 'game.next' });
    expect(h.refused({ type: 'answer.correct', answerId: 'tsn2' }, asPlayer('p1'))).toBe('forbidden');
    // No clock ran: nobody lost a millisecond while time passed.
    h.tick(30_000);
    expect(h.allMs()).toEqual({ p1: 60_000, p2: 60_000, p3: 60_000 });
  });
});
