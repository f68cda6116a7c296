import { describe, expect, it } from 'vitest';
import { asPlayer, lobbyGame, startedGame } from './fixtures.js';

/** `go` says whose go it is in one place, in every round, for every role. */
describe('whose go it is', () => {
  it('is null in the lobby, follows 3-6-9, and is null once a question is over', () => {
    const h = lobbyGame({ rounds: ['threeSixNine'], config: { threeSixNine: { questions: 3 } } });
    expect(h.view({ role: 'spectator' }).go).toBeNull();
    h.run({ type: 'game.start' });
    expect(h.view({ role: 'spectator' }).go).toEqual({ playerId: 'p1', stage: 'answering' });
    h.run({ type: 'answer.wrong' });
    h.run({ type: 'answer.wrong' });
    expect(h.view({ role: 'player', playerId: 'p1' }).go).toEqual({ playerId: 'p3', stage: 'answering' });
    // All three wrong: the answer is shown and it is nobody's go until the next question.
    h.run({ type: 'answer.wrong' });
    expect(h.view({ role: 'spectator' }).go).toBeNull();
    h.run({ type: 'game.next' });
    expect(h.view({ role: 'spectator' }).go).toEqual({ playerId: 'p1', stage: 'answering' });
  });

  it('goes pick, ready, answering in a turn round, then null when the turn is done', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    const go = () => h.view({ role: 'spectator' }).go;
    expect(go()).toEqual({ playerId: 'p1', stage: 'pick' });
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    expect(go()).toEqual({ playerId: 'p1', stage: 'ready' });
    h.run({ type: 'clock.start' });
    expect(go()).toEqual({ playerId: 'p1', stage: 'answering' });
    h.tick(1_000).run({ type: 'game.pause' });
    expect(go()).toEqual({ playerId: 'p1', stage: 'answering' });
    h.run({ type: 'game.resume' });
    h.tick(1_000).run({ type: 'clock.stop' }, asPlayer('p1'));
    expect(go()).toEqual({ playerId: 'p2', stage: 'ready' });
    h.run({ type: 'answers.reveal' });
    expect(go()).toBeNull();
  });

  it('in the finale: the answerer; the winner is null until there is one', () => {
    const h = startedGame({ players: 2, rounds: ['openDoor'], config: { finale: { rule: 'topTwo' } } });
    h.run({ type: 'question.skip' });
    h.run({ type: 'question.skip' });
    expect(h.state.round?.kind).toBe('finale');
    const v = h.view({ role: 'spectator' });
    expect(v.go).toEqual({ playerId: 'p1', stage: 'ready' });
    expect(v.result).toMatchObject({ winnerId: null, finalists: ['p1', 'p2'] });
    // p1 runs out of time: the game is over, p2 wins, and nobody has a go any more.
    h.run({ type: 'clock.start' });
    h.tick(60_000).run({ type: 'clock.expire' }, { role: 'system' });
    const end = h.view({ role: 'spectator' });
    expect(end.phase).toBe('finished');
    expect(end.go).toBeNull();
    expect(end.result?.winnerId).toBe('p2');
  });
});
