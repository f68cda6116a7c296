import type { Command, CommandType, GameEvent, GameView } from '@slimste/engine';
import { z } from 'zod';
import type { RtcJoinReply, RtcMessage, RtcMutePayload, RtcPayload, RtcPeerMessage } from './rtc.js';
import { idSchema, text } from './text.js';

/** The namespace every game lives in. */
export const GAMES_NAMESPACE = '/games';

/** A game id on the wire (the server makes them; this only bounds them). */
export const gameIdSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(128, { error: 'at most 128 characters' })
  .regex(/^[^\s\p{Cc}]*$/u, { error: 'must not contain spaces or control characters' });

const tokenSchema = z.string().min(1, { error: 'must not be empty' }).max(512);

/**
 * `room`: a bare game id joins as a spectator; `{ gameId, token }` as the host or the player the
 * token names. `events: true` also subscribes to the separate `event` frame (the same events ride
 * in every `state` as `events`); a spectator asks for it with `{ gameId, events: true }`.
 */
export const roomPayloadSchema = z.union([
  gameIdSchema,
  z.object({ gameId: gameIdSchema, token: tokenSchema, events: z.boolean().optional() }),
  z.object({ gameId: gameIdSchema, events: z.literal(true) }),
]);
export type RoomPayload = z.infer<typeof roomPayloadSchema>;

/** `leave`: the game id to leave. */
export const leavePayloadSchema = gameIdSchema;

/**
 * Every command may name its game: a socket in several games must. Fields a command does not
 * know are dropped, not refused: the contract is `{ type, ... }`, so a client may send more.
 */
const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), gameId: gameIdSchema.optional(), ...shape });

export const SECONDS_ADJUST_MAX = 3600;

/**
 * Every engine command a client may send. `lobby.join` (the HTTP join does it) and `clock.expire`
 * (the server's timer does it) are the server's own. Who may send which is the engine's business.
 */
export const clientCommandSchema = z.discriminatedUnion('type', [
  command('lobby.remove', { playerId: idSchema }),
  command('lobby.seats', { order: z.array(idSchema).min(1).max(4, { error: 'at most 4 players' }) }),
  command('game.start', {}),
  command('clock.start', {}),
  command('clock.stop', {}),
  command('answer.correct', { answerId: idSchema }),
  command('answer.wrong', {}),
  command('item.pick', { itemId: idSchema }),
  command('answers.reveal', {}),
  command('question.skip', {}),
  command('game.next', {}),
  command('game.pause', {}),
  command('game.resume', {}),
  command('seconds.adjust', {
    playerId: idSchema,
    delta: z
      .number()
      .int({ error: 'must be a whole number of seconds' })
      .min(-SECONDS_ADJUST_MAX, { error: `must be -${SECONDS_ADJUST_MAX} to ${SECONDS_ADJUST_MAX}` })
      .max(SECONDS_ADJUST_MAX, { error: `must be -${SECONDS_ADJUST_MAX} to ${SECONDS_ADJUST_MAX}` }),
    // An empty or blank reason is no reason.
    reason: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(200).optional()),
  }),
  command('media.play', {}),
  command('undo', {}),
]);

export type ClientCommand = z.infer<typeof clientCommandSchema>;
export type ClientCommandType = ClientCommand['type'];

/** The commands only the server sends. */
export type ServerOnlyCommandType = 'lobby.join' | 'clock.expire';

/** The engine command inside a client command (its `gameId` is routing, not game). */
export function toEngineCommand(clientCommand: ClientCommand): Command {
  const { gameId: _gameId, ...rest } = clientCommand;
  return rest as Command;
}

/** The reply to an emit that takes an acknowledgement. */
export type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export type JoinRole = 'host' | 'player' | 'spectator' | 'screen';
/** `room`'s ack: who the socket is in that game. */
export type RoomAck = Ack<{ gameId: string; role: JoinRole; playerId?: string }>;
/** `command`'s ack: the version the accepted command produced. */
export type CommandAck = Ack<{ version: number }>;

/** `state`: the whole game as the receiving role may see it. `version` grows by one per accepted action. */
export type StateMessage = GameView & {
  gameId: string;
  version: number;
  /** Who this view is for: the receiving socket's role in this game (and its player id). */
  role: 'host' | 'player' | 'spectator';
  playerId: string | null;
  /** The server's clock when the view was made (ms since epoch), a first hint for the offset. */
  serverTime: number;
  /**
   * What the action that made this version did, in this role's terms (answers by place for
   * players and the screen), for sounds and animations. Empty in the `state` sent after a join.
   */
  events: GameEvent[];
};

/** `event`: what the last accepted action did, for sockets that joined with `events: true`. */
export interface EventMessage {
  gameId: string;
  version: number;
  events: GameEvent[];
}

/** `announcement`: the operator's message to every socket in the namespace. `at` is ms since epoch. */
export interface Announcement {
  message: string;
  at: number;
}

/** `removed`: the host removed this player from the lobby; the server disconnects the socket next. */
export interface RemovedMessage {
  gameId: string;
  playerId: string;
}

/**
 * `rematch`: the host started a new game with the same players (`POST /api/games/{id}/rematch`).
 * Sent to every socket of the old game (`from`), each in its role's terms: a player's sockets get
 * that player's new seat (`playerId`, `token`), the host's sockets the new `hostToken`, spectators
 * only the new `gameId` and `code`. The same as `GET /api/games/{from}/rematch` answers.
 */
export interface RematchMessage {
  from: string;
  gameId: string;
  code: string;
  hostToken?: string;
  playerId?: string;
  token?: string;
  /** To the screens (the TV link's token) only: the new game's screen token, so the faces stay. */
  screenToken?: string;
}

export interface ServerToClientEvents {
  state: (message: StateMessage) => void;
  rematch: (message: RematchMessage) => void;
  event: (message: EventMessage) => void;
  announcement: (announcement: Announcement) => void;
  removed: (message: RemovedMessage) => void;
  rtc: (message: RtcMessage) => void;
  'rtc.peer': (message: RtcPeerMessage) => void;
  'rtc.mute': (message: Omit<RtcMutePayload, 'gameId'> & { gameId: string }) => void;
}

export interface ClientToServerEvents {
  room: (payload: RoomPayload, ack?: (result: RoomAck) => void) => void;
  command: (command: ClientCommand, ack?: (result: CommandAck) => void) => void;
  /** Clock sync: the ack carries the server's `Date.now()` (the client measures the round trip). */
  time: (ack: (serverTime: number) => void) => void;
  leave: (gameId: string, ack?: (result: Ack) => void) => void;
  'rtc.join': (payload: { gameId: string }, ack?: (result: RtcJoinReply | Ack) => void) => void;
  rtc: (payload: RtcPayload, ack?: (result: Ack) => void) => void;
  'rtc.mute': (payload: RtcMutePayload, ack?: (result: Ack) => void) => void;
}

// Every engine command but the server's own has a schema, and each schema is an engine command.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Sendable = Exclude<Command, { type: ServerOnlyCommandType }>;
type WithoutGameId<T> = T extends unknown ? Omit<T, 'gameId'> : never;
const typesMatchEngine: Same<ClientCommandType, Exclude<CommandType, ServerOnlyCommandType>> = true;
const shapesMatchEngine: Same<WithoutGameId<ClientCommand>, Sendable> = true;
void typesMatchEngine;
void shapesMatchEngine;
