import { describe, expect, it } from 'vitest';
import type { Actor, Command } from '../src/index.js';
import { asPlayer, HOST, lobbyGame, SYSTEM, startedGame } from './fixtures.js';

const HOST_ONLY: Command[] = [
  { type: 'game.start' },
  { type: 'clock.start' },
  { type: 'answer.correct', answerId: 'od1-a1' },
  { type: 'answer.wrong' },
  { type: 'answers.reveal' },
  { type: 'question.skip' },
  { type: 'game.next' },
  { type: 'game.pause' },
  { type: 'game.resume' },
  { type: 'seconds.adjust', playerId: 'p1', delta: 10 },
  { type: 'undo' },
  { type: 'lobby.seats', order: ['p3', 'p2', 'p1'] },
  { type: 'lobby.remove', playerId: 'p2' },
];

describe('who may do what', () => {
  it('refuses host commands from players, even the one whose turn it is', () => {
    // p1 owns the first Open Deur turn, has picked, and answers with a running clock.
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' }, asPlayer('p1'));
    h.run({ type: 'clock.start' });
    for (const command of HOST_ONLY) {
      for (const id of ['p1', 'p2']) expect(h.refused(command, asPlayer(id)), command.type).toBe('forbidden');
    }
  });

  it('lets a player stop only their own clock', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' });
    h.run({ type: 'clock.start' });
    expect(h.refused({ type: 'clock.stop' }, asPlayer('p2'))).toBe('not_your_turn');
    expect(h.refused({ type: 'clock.stop' }, asPlayer('p3'))).toBe('not_your_turn');
    h.tick(1_000).run({ type: 'clock.stop' }, asPlayer('p1'));
    expect(h.turn.answererId).toBe('p2');
  });

  it('lets a player pick only on their own turn, and the host for them', () => {
    const h = startedGame({ rounds: ['collectiveMemory'] });
    expect(h.turn).toMatchObject({ ownerId: 'p1', stage: 'pick' });
    expect(h.refused({ type: 'item.pick', itemId: 'cm1' }, asPlayer('p2'))).toBeTruthy();
    expect(h.refused({ type: 'item.pick', itemId: 'cm1' }, asPlayer('p3'))).toBeTruthy();
    h.run({ type: 'item.pick', itemId: 'cm3' }, HOST);
    expect(h.turn.itemId).toBe('cm3');
    // Once picked, nobody picks again.
    expect(h.refused({ type: 'item.pick', itemId: 'cm1' }, asPlayer('p1'))).toBeTruthy();
  });

  it('refuses everything from a spectator, a stranger and an unknown role', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    const spectator = { role: 'spectator' } as unknown as Actor;
    const stranger = asPlayer('p9');
    const all: Command[] = [...HOST_ONLY, { type: 'clock.stop' }, { type: 'item.pick', itemId: 'od1' }];
    for (const command of all) {
      expect(h.refused(command, spectator), command.type).toBe('forbidden');
      expect(h.refused(command, stranger), command.type).toBe('forbidden');
    }
  });

  it('keeps joins and time-outs for the server, and host commands away from it', () => {
    const lobby = lobbyGame({ players: 2, config: { players: 3 } });
    expect(lobby.refused({ type: 'lobby.join', playerId: 'p3', name: 'Drie' }, HOST)).toBe('forbidden');
    expect(lobby.refused({ type: 'lobby.join', playerId: 'p3', name: 'Drie' }, asPlayer('p1'))).toBe('forbidden');
    const h = startedGame({ rounds: ['openDoor'] });
    h.run({ type: 'item.pick', itemId: 'od1' });
    h.run({ type: 'clock.start' });
    h.tick(61_000);
    expect(h.refused({ type: 'clock.expire' }, HOST)).toBe('forbidden');
    expect(h.refused({ type: 'clock.expire' }, asPlayer('p1'))).toBe('forbidden');
    for (const command of HOST_ONLY) expect(h.refused(command, SYSTEM), command.type).toBe('forbidden');
    h.run({ type: 'clock.expire' }, SYSTEM);
    expect(h.ms('p1')).toBe(0);
  });

  it('refuses unknown and malformed commands', () => {
    const h = startedGame({ rounds: ['openDoor'] });
    expect(h.refused({ type: 'game.explode' } as unknown as Command)).toBe('invalid_command');
    expect(h.refused({ type: 'item.pick' } as unknown as Command)).toBe('invalid_command');
  });
});

describe('the lobby', () => {
  it('seats players in joining order, up to the configured number', () => {
    const h = lobbyGame({ players: 3 });
    expect(h.state.players.map((p) => [p.id, p.seat, p.ms])).toEqual([
      ['p1', 1, 60_000],
      ['p2', 2, 60_000],
      ['p3', 3, 60_000],
    ]);
    expect(h.refused({ type: 'lobby.join', playerId: 'p4', name: 'Vier' }, SYSTEM)).toBe('game_full');
  });

  it('refuses a second join with the same id and a blank name', () => {
    const h = lobbyGame({ players: 1, config: { players: 3 } });
    expect(h.refused({ type: 'lobby.join', playerId: 'p1', name: 'Weer' }, SYSTEM)).toBeTruthy();
    expect(h.refused({ type: 'lobby.join', playerId: 'p2', name: '   ' }, SYSTEM)).toBeTruthy();
  });

  it('lets the host reorder seats and remove a player, renumbering the seats', () => {
    const h = lobbyGame({ players: 3 });
    h.run({ type: 'lobby.seats', order: ['p3', 'p1', 'p2'] });
    expect(Object.fromEntries(h.state.players.map((p) => [p.id, p.seat]))).toEqual({ p3: 1, p1: 2, p2: 3 });
    expect(h.refused({ type: 'lobby.seats', order: ['p3', 'p1'] })).toBeTruthy();
    h.run({ type: 'lobby.remove', playerId: 'p1' });
    expect(Object.fromEntries(h.state.players.map((p) => [p.id, p.seat]))).toEqual({ p3: 1, p2: 2 });
    // After a new seat order, question 1 of 3-6-9 goes to the new seat 1.
    h.run({ type: 'game.start' });
    expect(h.round).toMatchObject({ kind: 'threeSixNine', answererId: 'p3' });
  });

  it('starts with 2 to the configured number of players, and only once', () => {
    const one = lobbyGame({ players: 1, config: { players: 3 } });
    expect(one.refused({ type: 'game.start' })).toBeTruthy();
    const two = lobbyGame({ players: 2, config: { players: 3 } });
    two.run({ type: 'game.start' });
    expect(two.state.phase).toBe('playing');
    expect(two.refused({ type: 'game.start' })).toBeTruthy();
    expect(two.refused({ type: 'lobby.join', playerId: 'p3', name: 'Laat' }, SYSTEM)).toBeTruthy();
    expect(two.refused({ type: 'lobby.remove', playerId: 'p1' })).toBeTruthy();
  });

  it('refuses play commands before the start', () => {
    const h = lobbyGame();
    for (const command of [{ type: 'clock.start' }, { type: 'game.next' }, { type: 'undo' }] as Command[])
      expect(h.refused(command), command.type).toBeTruthy();
  });
});
