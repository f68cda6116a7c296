import { type GameEvent, type GameState, type Role, view, viewEvents } from '@slimste/engine';
import type { StateMessage } from '@slimste/protocol';

const HOST: Role = { role: 'host' };
const SCREEN: Role = { role: 'spectator' };

/**
 * A role's view with the fields every `state` carries but who it is for, added to the view's own
 * (fresh) object: a copy by spread makes JSON.stringify of it 8x slower.
 */
function viewWithFields(
  gameId: string,
  version: number,
  state: GameState,
  role: Role,
  events: readonly GameEvent[],
  now: number,
): Omit<StateMessage, 'role' | 'playerId'> {
  return Object.assign(view(state, role, now), {
    gameId,
    version,
    serverTime: now,
    events: viewEvents(state, events, role),
  });
}

/** One role's `state`: its view of the game, named and versioned, with the events that made it. */
export function stateMessage(
  gameId: string,
  version: number,
  state: GameState,
  role: Role,
  events: readonly GameEvent[],
  now = Date.now(),
): StateMessage {
  return Object.assign(viewWithFields(gameId, version, state, role, events, now), {
    role: role.role,
    playerId: role.role === 'player' ? role.playerId : null,
  });
}

/** Every audience's `state` for one change, as JSON text (see `audienceJson`). */
export interface AudienceJson {
  host: string;
  players: Map<string, string>;
  spectators: string;
}

/**
 * Every audience's `state` for one change (each exactly `stateMessage` for its role), as JSON made
 * twice per change instead of once per audience: the screen's JSON is made once and each player's
 * is that text with who they are appended (a player sees what the screen sees).
 */
export function audienceJson(
  gameId: string,
  version: number,
  state: GameState,
  events: readonly GameEvent[],
  now = Date.now(),
): AudienceJson {
  const host = JSON.stringify(stateMessage(gameId, version, state, HOST, events, now));
  const screen = JSON.stringify(viewWithFields(gameId, version, state, SCREEN, events, now));
  // The screen's object without its closing brace: each audience appends who it is.
  const open = screen.slice(0, -1);
  const players = new Map<string, string>();
  for (const p of state.players) players.set(p.id, `${open},"role":"player","playerId":${JSON.stringify(p.id)}}`);
  return { host, players, spectators: `${open},"role":"spectator","playerId":null}` };
}
