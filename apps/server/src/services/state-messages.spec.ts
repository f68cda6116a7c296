import { apply, type Command, createGame, type GameState, resolveConfig } from '@slimste/engine';
import { demoSets } from '@slimste/protocol';
import { describe, expect, it } from 'vitest';
import { audienceJson, stateMessage } from './state-messages.js';

function played(): { state: GameState } {
  let state = createGame(demoSets[1]!, resolveConfig({ players: 3 }), 11);
  const steps: Command[] = [
    { type: 'lobby.join', playerId: 'p1', name: 'Ann "quoted" \\ back' },
    { type: 'lobby.join', playerId: 'p2', name: 'Bert' },
    { type: 'lobby.join', playerId: 'p3', name: 'Chris' },
  ];
  for (const command of steps) {
    const r = apply(state, command, { actor: { role: 'system' }, now: 1 });
    if (!r.ok) throw new Error(r.error.message);
    state = r.state;
  }
  const r = apply(state, { type: 'game.start' }, { actor: { role: 'host' }, now: 2 });
  if (!r.ok) throw new Error(r.error.message);
  return { state: r.state };
}

describe('state messages', () => {
  it('the JSON made twice per change is every audience its own message, events included', () => {
    const { state } = played();
    const correct = apply(
      state,
      { type: 'answer.correct', answerId: state.set.rounds.threeSixNine[0]!.id },
      {
        actor: { role: 'host' },
        now: 3,
      },
    );
    if (!correct.ok) throw new Error(correct.error.message);
    // Each audience's JSON is exactly its own message, as made for that role alone.
    const message = (role: Parameters<typeof stateMessage>[3]) =>
      stateMessage('g1', 5, correct.state, role, correct.events, 1_000);
    const json = audienceJson('g1', 5, correct.state, correct.events, 1_000);
    expect(JSON.parse(json.host)).toEqual(message({ role: 'host' }));
    expect(JSON.parse(json.spectators)).toEqual(message({ role: 'spectator' }));
    for (const p of correct.state.players) {
      expect(JSON.parse(json.players.get(p.id) as string)).toEqual(message({ role: 'player', playerId: p.id }));
    }
    expect(message({ role: 'host' }).events.some((e) => e.type === 'answer.found')).toBe(true);
    // The demo set's title has an en dash, its other text none: it is escaped, so no frame needs
    // two bytes a character.
    const beyondLatin1 = (text: string) => [...text].some((c) => (c.codePointAt(0) ?? 0) > 0xff);
    expect(beyondLatin1(correct.state.set.title)).toBe(true);
    for (const text of [json.host, json.spectators, ...json.players.values()]) expect(beyondLatin1(text)).toBe(false);
  });
});
