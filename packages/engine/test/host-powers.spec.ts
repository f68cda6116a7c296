import { describe, expect, it } from 'vitest';
import { asPlayer, lobbyGame, startedGame } from './fixtures.js';

describe('pause and resume', () => {
  it('freezes the running clock and restarts it from the same value', () => {
    // Open Deur, everyone at 60: p1 (seat 1) owns the first turn.
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' });
    const t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 2_000).run({ type: 'game.pause' });
    // p1: 60 - 2 = 58 s, frozen: no clock runs, the game remembers whose it was.
    expect(h.state.clock).toBeNull();
    expect(h.state.paused).toEqual({ playerId: 'p1' });
    expect(h.view({ role: 'spectator' }).paused).toBe(true);
    h.at(t, 30_000);
    expect(h.ms('p1')).toBe(58_000);
    // Paused: no clock may start, no second pause.
    expect(h.refused({ type: 'clock.start' })).toBe('paused');
    expect(h.refused({ type: 'game.pause' })).toBeTruthy();
    h.run({ type: 'game.resume' });
    expect(h.state.clock).toEqual({ playerId: 'p1', startedAt: t + 30_000, msAtStart: 58_000 });
    // p1: 58 - 1 = 57 s a second after resuming.
    h.at(t, 31_000);
    expect(h.ms('p1')).toBe(57_000);
    expect(h.refused({ type: 'game.resume' })).toBeTruthy();
  });

  it('pauses and resumes between clocks without starting one', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'game.pause' });
    expect(h.state.paused).toEqual({ playerId: null });
    h.tick(10_000).run({ type: 'game.resume' });
    expect(h.state.clock).toBeNull();
    expect(h.state.paused).toBeNull();
    expect(h.allMs()).toEqual({ p1: 60_000, p2: 60_000, p3: 60_000 });
  });
});

describe('seconds.adjust', () => {
  it('adds and withdraws whole seconds, never below 0, with a reason', () => {
    const h = startedGame({ rounds: ['threeSixNine'] });
    h.run({ type: 'seconds.adjust', playerId: 'p2', delta: 5, reason: 'jury: juist gerekend' });
    expect(h.lastEvents).toContainEqual({
      type: 'seconds.changed',
      playerId: 'p2',
      delta: 5,
      reason: 'jury: juist gerekend',
    });
    // p2: 60 + 5 = 65 s; p3: 60 - 100 -> 0 (never below 0).
    h.run({ type: 'seconds.adjust', playerId: 'p3', delta: -100 });
    expect(h.allMs()).toEqual({ p1: 60_000, p2: 65_000, p3: 0 });
    // Out of range, not whole, unknown player, or from a player: refused.
    expect(h.refused({ type: 'seconds.adjust', playerId: 'p1', delta: 3601 })).toBeTruthy();
    expect(h.refused({ type: 'seconds.adjust', playerId: 'p1', delta: 1.5 })).toBeTruthy();
    expect(h.refused({ type: 'seconds.adjust', playerId: 'p9', delta: 1 })).toBeTruthy();
    expect(h.refused({ type: 'seconds.adjust', playerId: 'p1', delta: 10 }, asPlayer('p1'))).toBe('forbidden');
  });

  it('changes a running clock without stopping it', () => {
    const h = startedGame({ rounds: ['puzzle'] });
    const t = h.now;
    h.run({ type: 'clock.start' });
    h.at(t, 1_000).run({ type: 'seconds.adjust', playerId: 'p1', delta: 10 });
    // p1: 60 - 1 + 10 = 69 s, still running: 66 s at t + 4 s.
    expect(h.ms('p1')).toBe(69_000);
    h.at(t, 4_000);
    expect(h.ms('p1')).toBe(66_000);
    expect(h.state.clock?.playerId).toBe('p1');
  });

  it('is refused in the lobby', () => {
    const h = lobbyGame();
    expect(h.refused({ type: 'seconds.adjust', playerId: 'p1', delta: 10 })).toBeTruthy();
  });
});

describe('reveal and skip', () => {
  it('reveal shows every answer of the question and ends the turn', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od2' });
    h.run({ type: 'clock.start' });
    h.tick(3_000).run({ type: 'answer.correct', answerId: 'od2-a2' });
    h.tick(1_000).run({ type: 'answers.reveal' });
    expect(h.state.clock).toBeNull();
    expect(h.turn).toMatchObject({ stage: 'done', revealed: true });
    const screen = JSON.stringify(h.view({ role: 'spectator' }));
    for (let a = 1; a <= 4; a++) expect(screen).toContain(`Antwoord «od2-a${a}»`);
    // p1: 60 - 4 + 20 = 76 s.
    expect(h.ms('p1')).toBe(76_000);
  });

  it('skip moves on to the next turn without showing the answers', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od2' });
    h.run({ type: 'question.skip' });
    // The next turn (p2, seat 2 at equal seconds) is in play; od2's answers were never shown.
    expect(h.turn).toMatchObject({ ownerId: 'p2', stage: 'pick' });
    expect(JSON.stringify(h.view({ role: 'spectator' }))).not.toContain('«od2-');
  });
});
