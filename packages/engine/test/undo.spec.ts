import { describe, expect, it } from 'vitest';
import { type GameState, historyEntries } from '../src/index.js';
import { asPlayer, type Harness, SYSTEM, startedGame } from './fixtures.js';

/** What a player or the screen can tell apart: everything but the log itself. */
const core = (s: GameState) => ({
  phase: s.phase,
  players: s.players,
  clock: s.clock,
  paused: s.paused,
  roundIndex: s.roundIndex,
  round: s.round,
  result: s.result,
});

describe('undo', () => {
  it('takes back every action, one by one, back to the start of the game', () => {
    const h = startedGame({ rounds: ['threeSixNine', 'puzzle'], config: { threeSixNine: { questions: 3 } } });
    const start = h.state;
    const states: GameState[] = [h.state];
    const step = (run: (h: Harness) => void) => {
      run(h);
      states.push(h.state);
    };
    // 3-6-9 of 3 questions: p1 right; p1 wrong, p2 right; p2 keeps the turn, right on Q3 (+10).
    step((g) => g.run({ type: 'answer.correct', answerId: 'tsn1' }));
    step((g) => g.run({ type: 'game.next' }));
    step((g) => g.run({ type: 'answer.wrong' }));
    step((g) => g.run({ type: 'answer.correct', answerId: 'tsn2' }));
    step((g) => g.run({ type: 'game.next' }));
    step((g) => g.run({ type: 'answer.correct', answerId: 'tsn3' }));
    step((g) => g.tick(1_000).run({ type: 'seconds.adjust', playerId: 'p3', delta: -5, reason: 'hint' }));
    // Puzzel: p3 (55) has the fewest seconds and owns the first puzzle; no clock runs at these steps.
    step((g) => g.run({ type: 'game.next' }));
    step((g) => g.run({ type: 'game.pause' }));
    step((g) => g.run({ type: 'game.resume' }));
    // p2: 60 + 10 (Q3) = 70; p3: 60 - 5 = 55.
    expect(h.allMs()).toEqual({ p1: 60_000, p2: 70_000, p3: 55_000 });
    expect(h.turn.ownerId).toBe('p3');

    for (let i = states.length - 2; i >= 0; i--) {
      h.tick(500).run({ type: 'undo' });
      expect(core(h.state)).toEqual(core(states[i] as GameState));
      expect(historyEntries(h.state)).toEqual(historyEntries(states[i] as GameState));
    }
    expect(core(h.state)).toEqual(core(start));
    expect(h.refused({ type: 'undo' })).toBe('nothing_to_undo');
    expect(h.view({ role: 'host' }).canUndo).toBe(false);
  });

  it('freezes a clock that was running in the restored state and pauses the game', () => {
    // Open Deur, everyone at 60; p1 picks and answers.
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    const t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 5_000).run({ type: 'answer.correct', answerId: 'od1-a1' });
    // The jury takes it back 4 s later: the clock freezes at its value when the answer was given:
    // 60 - 5 = 55 s, without the 20.
    h.at(t, 9_000).run({ type: 'undo' });
    expect(h.state.clock).toBeNull();
    expect(h.state.paused).toEqual({ playerId: 'p1' });
    expect(h.turn.found).toEqual([]);
    h.at(t, 20_000);
    expect(h.ms('p1')).toBe(55_000);
    h.run({ type: 'game.resume' });
    h.at(t, 21_000);
    // Resumed at t + 20 s: 55 - 1 = 54 s.
    expect(h.ms('p1')).toBe(54_000);
    expect(h.state.clock?.playerId).toBe('p1');
  });

  it('undoing a time-out gives the go back, paused just before 0, so the jury can still judge', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    const t = h.now;
    h.run({ type: 'clock.start' });
    // p1's 60 s run out; the server's timer reports it 30 ms late.
    h.at(t, 60_030).run({ type: 'clock.expire' }, SYSTEM);
    expect(h.turn.passed).toEqual(['p1']);
    expect(h.ms('p1')).toBe(0);
    // The jury heard an answer just before the buzzer: undo, mark it, and p1's go goes on.
    h.at(t, 65_000).run({ type: 'undo' });
    expect(h.turn.answererId).toBe('p1');
    expect(h.turn.stage).toBe('answering');
    expect(h.state.paused).toEqual({ playerId: 'p1' });
    expect(h.ms('p1')).toBe(1); // 1 ms before 0
    h.run({ type: 'answer.correct', answerId: 'od1-a1' });
    expect(h.ms('p1')).toBe(20_001); // + 20 s
    h.run({ type: 'game.resume' });
    expect(h.state.clock?.playerId).toBe('p1');
  });

  it('goes back across a clock run and its pause to the pick', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    const atStart = h.state;
    h.run({ type: 'item.pick', itemId: 'od1' });
    const picked = h.state;
    h.run({ type: 'clock.start' });
    h.tick(2_000).run({ type: 'answer.correct', answerId: 'od1-a1' });
    h.tick(2_000).run({ type: 'answer.correct', answerId: 'od1-a2' });
    // Undo twice: the second takes back the first answer (and the pause the first undo made).
    h.tick(1_000).run({ type: 'undo' });
    expect(h.turn.found.map((f) => f.answerId)).toEqual(['od1-a1']);
    h.tick(1_000).run({ type: 'undo' });
    expect(h.turn.found).toEqual([]);
    expect(h.state.paused).toEqual({ playerId: 'p1' });
    // p1 is frozen at 60 - 2 = 58 s, the moment of the answer that was taken back.
    expect(h.ms('p1')).toBe(58_000);
    // Undo again: the clock start is taken back; the state is the one after the pick.
    h.tick(1_000).run({ type: 'undo' });
    expect(core(h.state)).toEqual(core(picked));
    h.tick(1_000).run({ type: 'undo' });
    expect(core(h.state)).toEqual(core(atStart));
    expect(h.refused({ type: 'undo' })).toBe('nothing_to_undo');
  });

  it('takes back the automatic pause together with its action, also after a later undo', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' });
    h.run({ type: 'clock.start' });
    h.tick(1_000).run({ type: 'answer.correct', answerId: 'od1-a1' });
    h.tick(1_000).run({ type: 'answer.correct', answerId: 'od1-a2' });
    h.tick(1_000).run({ type: 'undo' }); // a2 taken back, paused
    h.tick(1_000).run({ type: 'game.resume' });
    h.tick(1_000).run({ type: 'answer.correct', answerId: 'od1-a3' });
    h.tick(1_000).run({ type: 'undo' }); // a3 taken back, paused again
    expect(h.turn.found.map((f) => f.answerId)).toEqual(['od1-a1']);
    h.tick(1_000).run({ type: 'undo' }); // the resume
    expect(h.turn.found.map((f) => f.answerId)).toEqual(['od1-a1']);
    h.tick(1_000).run({ type: 'undo' }); // a1 (with the pause the first undo made)
    expect(h.turn.found).toEqual([]);
    h.tick(1_000).run({ type: 'undo' }); // the clock start
    expect(h.state.clock).toBeNull();
    expect(h.state.paused).toBeNull();
    expect(h.turn.stage).toBe('ready');
  });

  it('takes back the answer that ended the game', () => {
    const h = startedGame({ players: 2, rounds: ['finale'] });
    const t = h.now;
    h.run({ type: 'clock.start' });
    // p1 names three answers: p2 60 - 3 x 20 = 0 -> p2 is out, p1 wins.
    for (let a = 1; a <= 3; a++) h.at(t, a * 1_000).run({ type: 'answer.correct', answerId: `f1-a${a}` });
    expect(h.state.phase).toBe('finished');
    expect(h.state.result?.winnerId).toBe('p1');
    h.at(t, 10_000).run({ type: 'undo' });
    // Back in play: p2 60 - 2 x 20 = 20 s; p1 frozen at 60 - 3 = 57 s, the game paused.
    expect(h.state.phase).toBe('playing');
    expect(h.state.result?.winnerId ?? '').toBe('');
    expect(h.allMs()).toEqual({ p1: 57_000, p2: 20_000 });
    expect(h.state.paused).toEqual({ playerId: 'p1' });
  });
});
