import {
  type Actor,
  apply,
  type Command,
  createGame,
  type GameState,
  historyChange,
  resolveConfig,
} from '@slimste/engine';
import { demoSets } from '@slimste/protocol';
import { describe, expect, it } from 'vitest';
import { isoTime, pushedEntryJson } from './event-row-text.js';

describe('isoTime', () => {
  it('is toISOString, in time order, backwards, across minutes, days and years', () => {
    const start = Date.UTC(2026, 11, 31, 23, 58, 59, 990);
    const times: number[] = [];
    for (let ms = start; ms < start + 130_000; ms += 7) times.push(ms);
    times.push(start + 5, start - 60_000, 0, 1, 999, 59_999, 60_000, 951_782_400_000, 253_402_300_799_999);
    for (let i = 0; i < 2_000; i++) times.push(Math.floor(Math.random() * 253_402_300_799_999));
    for (const ms of times) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('leaves what has no four-digit year, or is no whole millisecond, to toISOString', () => {
    for (const ms of [-1, -62_198_755_200_000, 253_402_300_800_000, 8.64e15, 1_700_000_000_000.5]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('pushedEntryJson', () => {
  const HOST: Actor = { role: 'host' };

  it('is JSON.stringify([pushed]) for every command of a game, undo and its automatic pauses included', () => {
    let state: GameState = createGame(demoSets[1]!, resolveConfig({ players: 3 }), 5);
    let now = 1_764_000_000_000;
    let checked = 0;
    let own = 0;
    const run = (command: Command, actor: Actor = HOST) => {
      now += 1_234;
      const result = apply(state, command, { actor, now });
      if (!result.ok) return;
      const { pushed } = historyChange(state, result.state);
      state = result.state;
      if (!pushed) return;
      const commandJson = JSON.stringify(command);
      const actorJson = JSON.stringify(actor);
      const made = pushedEntryJson(pushed, command, commandJson, actor, actorJson, now);
      expect(made).toBe(JSON.stringify([pushed]));
      checked++;
      if (pushed.command.type === command.type && !pushed.auto) own++;
    };
    for (const [id, name] of [
      ['p1', 'Ann "quoted" \\ back'],
      ['p2', 'Bert'],
      ['p3', 'Chris'],
    ] as const) {
      run({ type: 'lobby.join', playerId: id, name }, { role: 'system' });
    }
    run({ type: 'game.start' });
    const answers = state.set.rounds.threeSixNine.map((q) => q.id);
    for (let i = 0; i < 6; i++) {
      run({ type: 'answer.wrong' });
      run({ type: 'answer.correct', answerId: answers[i]! });
      run({ type: 'seconds.adjust', playerId: 'p2', delta: i - 3, reason: 'jury: "close enough"' });
      run({ type: 'seconds.adjust', playerId: 'p3', delta: 2 });
      run({ type: 'game.next' });
      if (i % 2) run({ type: 'undo' });
    }
    // Open Deur, its clock running: undoing a correction pauses that clock, logged as an automatic pause.
    for (let q = 0; q < 40 && state.round?.kind === 'threeSixNine'; q++) {
      const current = state.round.index;
      run({ type: 'answer.correct', answerId: answers[current]! });
      run({ type: 'game.next' });
    }
    const round = state.round;
    if (round?.kind !== 'openDoor' || !round.turn) throw new Error('expected an Open Deur turn');
    run({ type: 'item.pick', itemId: round.itemIds[0]! }, { role: 'player', playerId: round.turn.ownerId });
    run({ type: 'clock.start' });
    run({ type: 'seconds.adjust', playerId: 'p1', delta: 3 });
    run({ type: 'undo' });
    run({ type: 'undo' });
    expect(checked).toBeGreaterThan(20);
    // Both kinds were met: commands logged as themselves, and entries of another shape (an undo's pause).
    expect(own).toBeGreaterThan(15);
    expect(checked - own).toBeGreaterThan(0);
  });

  it('serializes an entry that is not the row command as it is', () => {
    const pushed = {
      command: { type: 'game.pause' },
      ctx: { actor: { role: 'host' }, now: 5 },
      auto: true,
    } as const;
    const command: Command = { type: 'undo' };
    expect(pushedEntryJson(pushed, command, '{"type":"undo"}', HOST, '{"role":"host"}', 5)).toBe(
      JSON.stringify([pushed]),
    );
    const other = { command: { type: 'game.pause' }, ctx: { actor: { role: 'host' }, now: 4 } } as const;
    const pause: Command = { type: 'game.pause' };
    expect(pushedEntryJson(other, pause, '{"type":"game.pause"}', HOST, '{"role":"host"}', 5)).toBe(
      JSON.stringify([other]),
    );
  });
});
