import { describe, expect, it } from 'vitest';
import type { TurnRoundState } from '../../src/index.js';
import { asPlayer, SYSTEM, startedGame } from '../fixtures.js';

describe('Open Deur', () => {
  it('plays three turns: +20 per answer, the clock running, completion by fewest seconds', () => {
    // p1 60 s, p2 45 s, p3 50 s when the round opens.
    const h = startedGame({ rounds: ['openDoor'], seconds: [60, 45, 50] });
    expect(h.kind).toBe('openDoor');

    // Turn 1 goes to the fewest seconds: p2 (45). p2 picks questioner 3 from their own device.
    expect(h.turn).toMatchObject({ ownerId: 'p2', stage: 'pick', itemId: null });
    expect(h.refused({ type: 'item.pick', itemId: 'od3' }, asPlayer('p1'))).toBeTruthy();
    h.run({ type: 'item.pick', itemId: 'od3' }, asPlayer('p2'));
    expect(h.turn).toMatchObject({ itemId: 'od3', stage: 'ready', answererId: 'p2' });

    let t = h.now;
    h.run({ type: 'clock.start' });
    expect(h.turn.stage).toBe('answering');
    h.at(t, 5_000).run({ type: 'answer.correct', answerId: 'od3-a1' });
    // 45 - 5 + 20 = 60 s, and the clock keeps running after a correct answer.
    expect(h.ms('p2')).toBe(60_000);
    expect(h.state.clock?.playerId).toBe('p2');
    h.at(t, 8_000).run({ type: 'answer.correct', answerId: 'od3-a2' });
    // 45 - 8 + 20 + 20 = 77 s.
    expect(h.ms('p2')).toBe(77_000);
    h.at(t, 10_000).run({ type: 'clock.stop' }, asPlayer('p2'));
    // p2 says stop after 10 s: 45 - 10 + 40 = 75 s, the clock no longer runs.
    expect(h.state.clock).toBeNull();
    h.tick(60_000);
    expect(h.ms('p2')).toBe(75_000);

    // Completion, fewest seconds first: p3 (50) before p1 (60).
    expect(h.turn).toMatchObject({ answererId: 'p3', stage: 'ready', passed: ['p2'] });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 3_000).run({ type: 'answer.correct', answerId: 'od3-a3' });
    h.at(t, 4_000).run({ type: 'clock.stop' }); // the host stops for p3
    // p3: 50 - 4 + 20 = 66 s.
    expect(h.ms('p3')).toBe(66_000);
    expect(h.turn).toMatchObject({ answererId: 'p1', stage: 'ready' });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_500).run({ type: 'answer.correct', answerId: 'od3-a4' });
    // The last answer: p1 60 - 2.5 + 20 = 77.5 s, the clock stops because all 4 are found.
    expect(h.state.clock).toBeNull();
    expect(h.turn).toMatchObject({ stage: 'done' });
    h.tick(5_000);
    expect(h.allMs()).toEqual({ p1: 77_500, p2: 75_000, p3: 66_000 });
    expect(h.turn.found.map((f) => [f.answerId, f.by, f.seconds])).toEqual([
      ['od3-a1', 'p2', 20],
      ['od3-a2', 'p2', 20],
      ['od3-a3', 'p3', 20],
      ['od3-a4', 'p1', 20],
    ]);

    // Turn 2: fewest among those without a turn: p3 (66) before p1 (77.5).
    h.run({ type: 'game.next' });
    expect(h.turn).toMatchObject({ ownerId: 'p3', stage: 'pick' });
    expect(h.refused({ type: 'item.pick', itemId: 'od3' }, asPlayer('p3'))).toBeTruthy(); // already used
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p3'));
    t = h.now;
    h.run({ type: 'clock.start' });
    // p3 says nothing; their 66 s run out, and the server reports it.
    h.at(t, 66_000).run({ type: 'clock.expire' }, SYSTEM);
    expect(h.ms('p3')).toBe(0);
    expect(h.refused({ type: 'clock.expire' }, SYSTEM)).toBe('nothing_to_do');
    // Completion: p2 (75) before p1 (77.5).
    expect(h.turn).toMatchObject({ answererId: 'p2', stage: 'ready', passed: ['p3'] });
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'answer.correct', answerId: 'od1-a1' });
    h.at(t, 2_000).run({ type: 'clock.stop' }, asPlayer('p2'));
    // p2: 75 - 2 + 20 = 93 s.
    expect(h.ms('p2')).toBe(93_000);
    t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 0).run({ type: 'clock.stop' }, asPlayer('p1'));
    // Everyone has gone: the turn is done and the missing answers are shown.
    expect(h.turn).toMatchObject({ stage: 'done', revealed: true });
    const screen = JSON.stringify(h.view({ role: 'spectator' }));
    for (const a of ['a2', 'a3', 'a4']) expect(screen).toContain(`Antwoord «od1-${a}»`);

    // Turn 3: p1, the only one left. The host picks for p1 (questioner 4).
    h.run({ type: 'game.next' });
    expect(h.turn).toMatchObject({ ownerId: 'p1', stage: 'pick' });
    h.run({ type: 'item.pick', itemId: 'od4' });
    t = h.now;
    h.run({ type: 'clock.start' });
    for (let a = 1; a <= 4; a++) h.at(t, a * 1_000).run({ type: 'answer.correct', answerId: `od4-a${a}` });
    // p1: 77.5 - 4 + 4 x 20 = 153.5 s (shown as 154).
    expect(h.turn.stage).toBe('done');
    expect(h.allMs()).toEqual({ p1: 153_500, p2: 93_000, p3: 0 });
    expect(h.view({ role: 'spectator' }).players.map((p) => p.seconds)).toEqual([154, 93, 0]);
    expect((h.round as TurnRoundState).turnsTaken).toEqual(['p2', 'p3', 'p1']);

    // After the last turn, game.next opens the next round.
    h.run({ type: 'game.next' });
    expect(h.kind).toBe('finale');
  });

  it('settles an expired clock at the start of the next command', () => {
    // p1 60, p2 10, p3 30: p2 owns turn 1.
    const h = startedGame({ rounds: ['openDoor'], seconds: [60, 10, 30] });
    h.run({ type: 'item.pick', itemId: 'od2' }, asPlayer('p2'));
    const t = h.now;
    h.run({ type: 'clock.start' });
    // p2's 10 s ran out at t + 10 s; no clock.expire came. At t + 15 s the host starts the next clock:
    // the engine first ends p2's go at the moment of expiry, so the next completer (p3, 30 s) starts.
    h.at(t, 15_000).run({ type: 'clock.start' });
    expect(h.ms('p2')).toBe(0);
    expect(h.state.clock).toMatchObject({ playerId: 'p3', startedAt: t + 15_000, msAtStart: 30_000 });
    // An answer given after p2's time was up counts for the one answering now.
    h.at(t, 16_000).run({ type: 'answer.correct', answerId: 'od2-a1' });
    // p3: 30 - 1 + 20 = 49 s.
    expect(h.ms('p3')).toBe(49_000);
    expect(h.turn.found).toEqual([{ answerId: 'od2-a1', by: 'p3', seconds: 20 }]);
  });

  it('leaves players at 0 seconds out of completion', () => {
    // p1 60, p2 40, p3 5: p3 owns turn 1 and runs out of time.
    const h = startedGame({ rounds: ['openDoor'], seconds: [60, 40, 5] });
    expect(h.turn.ownerId).toBe('p3');
    h.run({ type: 'item.pick', itemId: 'od1' });
    const t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 5_000).run({ type: 'clock.expire' }, SYSTEM);
    // Completion: p2 (40) then p1 (60).
    expect(h.turn).toMatchObject({ answererId: 'p2', stage: 'ready' });
    h.run({ type: 'clock.start' });
    h.run({ type: 'clock.stop' });
    expect(h.turn).toMatchObject({ answererId: 'p1', stage: 'ready' });
    h.run({ type: 'clock.start' });
    h.run({ type: 'clock.stop' });
    expect(h.turn).toMatchObject({ stage: 'done', passed: ['p3', 'p2', 'p1'] });
    // Turn 2: p2 (40) before p1 (60). When p2 stops only p1 completes: p3 is at 0.
    h.run({ type: 'game.next' });
    expect(h.turn.ownerId).toBe('p2');
    h.run({ type: 'item.pick', itemId: 'od2' });
    h.run({ type: 'clock.start' });
    h.run({ type: 'clock.stop' });
    expect(h.turn).toMatchObject({ answererId: 'p1', stage: 'ready' });
    h.run({ type: 'clock.start' });
    h.run({ type: 'clock.stop' });
    expect(h.turn).toMatchObject({ stage: 'done', passed: ['p2', 'p1'] });
    expect(h.allMs()).toEqual({ p1: 60_000, p2: 40_000, p3: 0 });
  });
});
