import { describe, expect, it } from 'vitest';
import { formatIssues } from '../src/issues.js';
import { clientCommandSchema, roomPayloadSchema, toEngineCommand } from '../src/socket.js';

const errorsOf = (input: unknown) => {
  const result = clientCommandSchema.safeParse(input);
  return result.success ? [] : formatIssues(result.error);
};

describe('clientCommandSchema', () => {
  const allowed = [
    { type: 'lobby.remove', playerId: 'p1' },
    { type: 'lobby.seats', order: ['p2', 'p1', 'p3'] },
    { type: 'game.start' },
    { type: 'clock.start' },
    { type: 'clock.stop' },
    { type: 'answer.correct', answerId: 'a1' },
    { type: 'answer.wrong' },
    { type: 'item.pick', itemId: 'door-2' },
    { type: 'answers.reveal' },
    { type: 'question.skip' },
    { type: 'game.next' },
    { type: 'game.pause' },
    { type: 'game.resume' },
    { type: 'seconds.adjust', playerId: 'p1', delta: -20 },
    { type: 'seconds.adjust', playerId: 'p1', delta: 3600, reason: 'jury' },
    { type: 'seconds.adjust', playerId: 'p1', delta: -3600 },
    { type: 'seconds.adjust', playerId: 'p1', delta: 0 },
    { type: 'media.play' },
    { type: 'undo' },
    { type: 'undo', gameId: 'g-123' },
  ];

  it.each(allowed)('accepts %j', (command) => {
    expect(clientCommandSchema.parse(command)).toEqual(command);
  });

  const rejected: [string, unknown, string][] = [
    ['an unknown type', { type: 'game.win' }, 'type: unknown value, expected one of'],
    ['a server-only lobby.join', { type: 'lobby.join', playerId: 'p', name: 'x' }, 'type: unknown value'],
    ['a server-only clock.expire', { type: 'clock.expire' }, 'type: unknown value'],
    ['no type', { playerId: 'p1' }, 'type: unknown value'],
    ['delta 3601', { type: 'seconds.adjust', playerId: 'p1', delta: 3601 }, 'delta: must be -3600 to 3600'],
    ['delta -3601', { type: 'seconds.adjust', playerId: 'p1', delta: -3601 }, 'delta: must be -3600 to 3600'],
    ['delta 1.5', { type: 'seconds.adjust', playerId: 'p1', delta: 1.5 }, 'delta: must be a whole number of seconds'],
    [
      'delta as text',
      { type: 'seconds.adjust', playerId: 'p1', delta: '10' },
      'delta: expected number, received string',
    ],
    ['missing playerId', { type: 'seconds.adjust', delta: 10 }, 'playerId: required'],
    [
      'an overlong reason',
      { type: 'seconds.adjust', playerId: 'p1', delta: 5, reason: 'r'.repeat(201) },
      'reason: at most 200 characters, got 201',
    ],
    ['an empty answer id', { type: 'answer.correct', answerId: '' }, 'answerId: must not be empty'],
    ['a seat order of 5', { type: 'lobby.seats', order: ['a', 'b', 'c', 'd', 'e'] }, 'order: at most 4 players'],
    ['a non-object', 'undo', '(document): expected object, received string'],
  ];

  it.each(rejected)('rejects %s', (_name, input, message) => {
    const errors = errorsOf(input);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain(message);
  });

  it('drops fields a command does not know, and a blank reason', () => {
    expect(clientCommandSchema.parse({ type: 'undo', steps: 2 })).toEqual({ type: 'undo' });
    const adjust = clientCommandSchema.parse({ type: 'seconds.adjust', playerId: 'p1', delta: 5, reason: ' ' });
    expect(adjust).toEqual({ type: 'seconds.adjust', playerId: 'p1', delta: 5 });
  });

  it('strips the routing gameId off for the engine', () => {
    const command = clientCommandSchema.parse({ type: 'item.pick', itemId: 'c1', gameId: 'g1' });
    expect(toEngineCommand(command)).toEqual({ type: 'item.pick', itemId: 'c1' });
  });
});

describe('roomPayloadSchema', () => {
  it('accepts a bare game id (spectator) and an id with a token', () => {
    expect(roomPayloadSchema.parse('abc123')).toBe('abc123');
    expect(roomPayloadSchema.parse({ gameId: 'abc123', token: 't0k' })).toEqual({ gameId: 'abc123', token: 't0k' });
  });

  it.each([[''], [42], [{ gameId: 'abc' }], [{ token: 'x' }], ['has space'], [null]])('rejects %j', (payload) => {
    expect(roomPayloadSchema.safeParse(payload).success).toBe(false);
  });
});
