import { type GameEvent, type GameState, type Role, view, viewEvents } from '@slimste/engine';
import type { StateMessage } from '@slimste/protocol';

const HOST: Role = { role: 'host' };
const SCREEN: Role = { role: 'spectator' };

/** One role's `state`: its view of the game, named and versioned, with the events that made it. */
export function stateMessage(
  gameId: string,
  version: number,
  state: GameState,
  role: Role,
  events: readonly GameEvent[],
  now = Date.now(),
): StateMessage {
  return {
    ...view(state, role, now),
    gameId,
    version,
    role: role.role,
    playerId: role.role === 'player' ? role.playerId : null,
    serverTime: now,
    events: viewEvents(state, events, role),
  };
}

/** Every audience's `state` for one change. */
export interface AudienceMessages {
  host: StateMessage;
  /** Each player's, by id. */
  players: Map<string, StateMessage>;
  spectators: StateMessage;
}

/**
 * Every audience's `state` for one change, building two views, not one per socket: a player sees
 * what the screen sees (the engine's views differ only for the host), plus who they are.
 */
export function audienceMessages(
  gameId: string,
  version: number,
  state: GameState,
  events: readonly GameEvent[],
  now = Date.now(),
): AudienceMessages {
  const host = stateMessage(gameId, version, state, HOST, events, now);
  const screen = stateMessage(gameId, version, state, SCREEN, events, now);
  const players = new Map<string, StateMessage>();
  for (const p of state.players) players.set(p.id, { ...screen, role: 'player', playerId: p.id });
  return { host, players, spectators: screen };
}
