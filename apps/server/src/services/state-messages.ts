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

/**
 * The fields of a view that come from the question set and the config alone (the engine's `view`
 * says so beside them), the same for every role and every version of a game: a third of a
 * state's JSON, serialized once per game instead of twice per change.
 */
const FIXED_KEYS = ['title', 'language', 'maxPlayers', 'startSeconds', 'rounds', 'scoring'] as const;

/** Per game config (kept by reference from state to state), the fixed fields' JSON without braces. */
const fixedJson = new WeakMap<GameState['config'], { set: GameState['set']; json: string }>();

/**
 * The same JSON with every character above U+00FF written as a \u escape. V8 holds a string with
 * no such character in one byte a character, and a frame built of such strings stays so: one
 * dash in a set's title would otherwise double the memory and the UTF-8 work of every frame.
 */
function latin1Only(json: string): string {
  return json.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON.stringify(message), but the fixed fields written from the game's cached text. */
function withFixedFields(state: GameState, message: Omit<StateMessage, 'role' | 'playerId'>): string {
  let held = fixedJson.get(state.config);
  if (held?.set !== state.set) {
    const fixed: Record<string, unknown> = {};
    for (const key of FIXED_KEYS) fixed[key] = message[key];
    held = { set: state.set, json: latin1Only(JSON.stringify(fixed).slice(1, -1)) };
    fixedJson.set(state.config, held);
  }
  // Undefined, not deleted: JSON leaves such fields out, and the object keeps its fast shape.
  const rest = message as Record<string, unknown>;
  for (const key of FIXED_KEYS) rest[key] = undefined;
  return `{${held.json},${JSON.stringify(rest).slice(1)}`;
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
  const host = withFixedFields(state, stateMessage(gameId, version, state, HOST, events, now));
  const screen = withFixedFields(state, viewWithFields(gameId, version, state, SCREEN, events, now));
  // The screen's object without its closing brace: each audience appends who it is.
  const open = screen.slice(0, -1);
  const players = new Map<string, string>();
  for (const p of state.players) players.set(p.id, `${open},"role":"player","playerId":${JSON.stringify(p.id)}}`);
  return { host, players, spectators: `${open},"role":"spectator","playerId":null}` };
}
