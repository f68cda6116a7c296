import { describe, expect, it } from 'vitest';
import { asPlayer, startedGame } from './fixtures.js';

/**
 * RULES.md: every comparison of seconds uses the seconds as shown (whole, rounded up). Each case
 * below gives a player a few hundred hidden milliseconds less than another who shows the same
 * seconds, where comparing milliseconds would decide differently from the tie rule.
 */
describe('seconds compare as shown', () => {
  it('turn order: 59.1 s and 60 s both show 60, so the lower seat goes first', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    // Turn 1 (all 60): p1 owns it and passes; completion p2 passes; p3 answers 0.9 s and stops.
    expect(h.turn.ownerId).toBe('p1');
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    h.run({ type: 'clock.stop' }, asPlayer('p1'));
    expect(h.turn.answererId).toBe('p2');
    h.run({ type: 'clock.stop' }, asPlayer('p2'));
    expect(h.turn.answererId).toBe('p3');
    h.run({ type: 'clock.start' });
    h.tick(900).run({ type: 'clock.stop' }, asPlayer('p3'));
    expect(h.allMs()).toEqual({ p1: 60_000, p2: 60_000, p3: 59_100 });
    // Turn 2: p2 (60) and p3 (59.1, shows 60) tie: p2, the lower seat, not p3.
    h.run({ type: 'game.next' });
    expect(h.turn.ownerId).toBe('p2');
    expect(h.view({ role: 'spectator' }).go).toEqual({ playerId: 'p2', stage: 'pick' });
  });

  it('completion order: a tie in shown seconds goes to the lower seat', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    // Turn 1: p1 and p2 pass, p3 answers 0.9 s (59.1 shows 60) and stops.
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    h.run({ type: 'clock.stop' }, asPlayer('p1'));
    h.run({ type: 'clock.stop' }, asPlayer('p2'));
    h.run({ type: 'clock.start' });
    h.tick(900).run({ type: 'clock.stop' }, asPlayer('p3'));
    // Turn 2 is p2's; p2 passes. Completion: p1 (60) and p3 (59.1, shows 60) tie: p1, the lower seat.
    h.run({ type: 'game.next' });
    h.run({ type: 'item.pick', itemId: 'od2' }, asPlayer('p2'));
    h.run({ type: 'clock.stop' }, asPlayer('p2'));
    expect(h.turn.answererId).toBe('p1');
    expect(h.view({ role: 'player', playerId: 'p3' }).go).toEqual({ playerId: 'p1', stage: 'ready' });
  });

  it('the finale line-up ranks by shown seconds: a tie at 60 keeps seat order', () => {
    const h = startedGame({ rounds: ['openDoor'], config: { finale: { rule: 'leaderWins' } } });
    // p1 loses 0.9 s (shows 60); everyone else passes every go.
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    h.run({ type: 'clock.start' });
    h.tick(900).run({ type: 'clock.stop' }, asPlayer('p1'));
    while (h.state.round?.kind === 'openDoor') {
      const go = h.view({ role: 'host' }).go;
      if (!go) h.run({ type: 'game.next' });
      else if (go.stage === 'pick') {
        const r = h.state.round;
        const item = r.itemIds.find((id) => !r.usedItemIds.includes(id)) as string;
        h.run({ type: 'item.pick', itemId: item }, asPlayer(go.playerId));
      } else h.run({ type: 'clock.stop' }, asPlayer(go.playerId));
    }
    expect(h.state.round?.kind).toBe('finale');
    // Comparing milliseconds would have made p2 the leader and put p1 out.
    expect(h.state.result).toMatchObject({ slimsteVanDeDagId: 'p1', finalists: ['p2', 'p3'], winnerId: null });
  });

  it('the finale: the starter and the winner when the questions run out go by shown seconds', () => {
    const h = startedGame({ players: 2, rounds: ['openDoor'], config: { finale: { rule: 'topTwo' } } });
    // Open Deur: p1 passes, p2 answers 0.5 s (59.5 shows 60); turn 2 everybody passes.
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    h.run({ type: 'clock.stop' }, asPlayer('p1'));
    h.run({ type: 'clock.start' });
    h.tick(500).run({ type: 'clock.stop' }, asPlayer('p2'));
    h.run({ type: 'game.next' });
    h.run({ type: 'item.pick', itemId: 'od2' }, asPlayer('p2'));
    h.run({ type: 'clock.stop' }, asPlayer('p2'));
    h.run({ type: 'clock.stop' }, asPlayer('p1'));
    h.run({ type: 'game.next' });
    // Finale: 60 and 59.5 both show 60: the first question goes to the lower seat, not to p2.
    const r = h.state.round;
    if (r?.kind !== 'finale') throw new Error('expected the finale');
    expect(r.starterId).toBe('p1');
    // Every question skipped; at the end both still show 60: the tie goes to the lower seat.
    for (let q = 0; q < h.state.set.rounds.finale.length; q++) {
      h.run({ type: 'question.skip' });
      if (h.state.phase === 'playing' && h.state.round?.kind === 'finale' && h.state.round.stage === 'done')
        h.run({ type: 'game.next' });
    }
    expect(h.state.phase).toBe('finished');
    expect(h.state.result?.winnerId).toBe('p1');
  });
});
