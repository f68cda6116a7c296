import { describe, expect, it } from 'vitest';
import { type FinaleStateRound, type ThreeSixNineState, viewEvents } from '../src/index.js';
import { asPlayer, SYSTEM, startedGame } from './fixtures.js';

describe('edge cases from the rules', () => {
  it('finale: a starter who names all five ends the question; the opponent does not go', () => {
    // p1 200 s leads; p2 150 s and p3 120 s play. p3 (fewer) starts and names all five:
    // p2 150 - 5 x 20 = 50 s.
    const h = startedGame({ rounds: ['finale'], seconds: [200, 150, 120] });
    const r = () => h.round as FinaleStateRound;
    expect(r().starterId).toBe('p3');
    const t = h.now;
    h.run({ type: 'clock.start' });
    for (let a = 1; a <= 5; a++) h.at(t, a * 1_000).run({ type: 'answer.correct', answerId: `f1-a${a}` });
    expect(r().stage).toBe('done');
    expect(h.state.clock).toBeNull();
    // p3: 120 - 5 = 115 s.
    expect(h.allMs()).toEqual({ p1: 200_000, p2: 50_000, p3: 115_000 });
    expect(h.refused({ type: 'clock.start' })).toBeTruthy();
    // Question 2: p2 (50) has fewer seconds and starts.
    h.run({ type: 'game.next' });
    expect(r()).toMatchObject({ index: 1, starterId: 'p2', stage: 'ready' });
  });

  it('finale: withdrawing the last seconds of the finalist who is not answering ends the game', () => {
    const h = startedGame({ rounds: ['finale'], seconds: [90, 30, 40] });
    h.run({ type: 'clock.start' }); // p2 (30) answers
    h.tick(2_000).run({ type: 'seconds.adjust', playerId: 'p3', delta: -40, reason: 'jury' });
    // p3: 40 - 40 = 0: p3 is down to 0 first and loses.
    expect(h.state.phase).toBe('finished');
    expect(h.state.result).toMatchObject({ winnerId: 'p2', slimsteVanDeDagId: 'p1', eliminatedIds: ['p3'] });
    // p2's clock stopped with the game: 30 - 2 = 28 s.
    expect(h.tick(10_000).ms('p2')).toBe(28_000);
  });

  it('finale: 4 players under topTwo: the top two play, the other two are out', () => {
    // p1 50, p2 90, p3 70, p4 80: p2 and p4 play.
    const h = startedGame({
      players: 4,
      rounds: ['finale'],
      seconds: [50, 90, 70, 80],
      config: { finale: { rule: 'topTwo' } },
    });
    expect([...(h.round as FinaleStateRound).finalists].sort()).toEqual(['p2', 'p4']);
    // p4 (80) has fewer seconds than p2 (90) and starts.
    const t = h.now;
    h.run({ type: 'clock.start' });
    for (let a = 1; a <= 4; a++) h.at(t, a * 1_000).run({ type: 'answer.correct', answerId: `f1-a${a}` });
    // p2: 90 - 4 x 20 = 10 s, still in.
    expect(h.ms('p2')).toBe(10_000);
    h.at(t, 5_000).run({ type: 'answer.correct', answerId: 'f1-a5' });
    // p2: 10 - 20 -> 0: p2 loses; p1 and p3 did not play and are out too.
    expect(h.state.result).toMatchObject({ winnerId: 'p4', slimsteVanDeDagId: null });
    expect([...(h.state.result?.eliminatedIds ?? [])].sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('a running clock emptied by the jury ends the go as running out would', () => {
    // Open Deur, p1 owns turn 1 (everyone at 60).
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' });
    h.run({ type: 'clock.start' });
    h.tick(5_000).run({ type: 'seconds.adjust', playerId: 'p1', delta: -60 });
    // p1: 60 - 5 - 60 -> 0: their go ends, completion starts with p2.
    expect(h.ms('p1')).toBe(0);
    expect(h.state.clock).toBeNull();
    expect(h.turn).toMatchObject({ answererId: 'p2', stage: 'ready', passed: ['p1'] });
  });

  it('a player at 0 still owns a turn; their clock runs out at once and completion follows', () => {
    // p3 has 0 s: the fewest, so the first Puzzel turn is theirs.
    const h = startedGame({ rounds: ['puzzle'], seconds: [60, 50, 0] });
    expect(h.turn).toMatchObject({ ownerId: 'p3', stage: 'ready' });
    h.run({ type: 'clock.start' });
    h.run({ type: 'clock.expire' }, SYSTEM);
    expect(h.turn).toMatchObject({ answererId: 'p2', stage: 'ready', passed: ['p3'] });
  });

  it('offers only the configured questioners', () => {
    const h = startedGame({ rounds: ['openDoor'], config: { openDoor: { questioners: 3 } } });
    expect(h.refused({ type: 'item.pick', itemId: 'od4' })).toBe('unknown_item');
    const board = h.view({ role: 'spectator' }).round;
    if (board?.kind !== 'openDoor') throw new Error('not in Open Deur');
    expect(board.questioners.map((q) => q.id)).toEqual(['od1', 'od2', 'od3']);
    expect(board.questioners.map((q) => q.name)).toEqual(['Vraagsteller 1', 'Vraagsteller 2', 'Vraagsteller 3']);
  });

  it('tells the clients what happened', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    h.run({ type: 'clock.start' });
    expect(h.lastEvents).toContainEqual({ type: 'clock.started', playerId: 'p1' });
    h.tick(1_000).run({ type: 'answer.correct', answerId: 'od1-a3' });
    expect(h.lastEvents).toContainEqual({ type: 'answer.found', answerId: 'od1-a3', playerId: 'p1', seconds: 20 });
    // Players and the screen hear of it by the answer's place, as their view names it.
    const heard = viewEvents(h.state, h.lastEvents, { role: 'player', playerId: 'p2' });
    expect(heard).toContainEqual({ type: 'answer.found', answerId: '3', playerId: 'p1', seconds: 20 });
    expect(viewEvents(h.state, h.lastEvents, { role: 'host' })).toEqual(h.lastEvents);
    h.tick(1_000).run({ type: 'clock.stop' }, asPlayer('p1'));
    expect(h.lastEvents).toContainEqual({ type: 'clock.stopped', playerId: 'p1', reason: 'stop' });
    h.run({ type: 'clock.start' });
    h.tick(70_000).run({ type: 'clock.expire' }, SYSTEM);
    expect(h.lastEvents).toContainEqual({ type: 'clock.stopped', playerId: 'p2', reason: 'time_up' });
    h.run({ type: 'undo' });
    expect(h.lastEvents).toEqual([{ type: 'undone', command: 'clock.expire' }]);
  });

  it('3-6-9: reveal shows the answer, skip moves on without it', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    const r = () => h.round as ThreeSixNineState;
    h.run({ type: 'answers.reveal' });
    expect(r().stage).toBe('done');
    const screen = h.view({ role: 'spectator' }).round;
    expect(screen?.kind === 'threeSixNine' && screen.answer).toBe('Antwoord «tsn1»');
    h.run({ type: 'game.next' });
    h.run({ type: 'question.skip' });
    expect(r().index).toBe(2);
    expect(JSON.stringify(h.view({ role: 'spectator' }))).not.toContain('«tsn2»');
    // Nobody earned anything.
    expect(h.allMs()).toEqual({ p1: 60_000, p2: 60_000, p3: 60_000 });
  });
});
