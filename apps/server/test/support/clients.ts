import type { Announcement, EventMessage, JoinRole, RematchMessage, StateMessage } from '@slimste/protocol';
import { io, type Socket } from 'socket.io-client';

export type Client = Socket;

/** `state` as the server sends it: the role's view, plus who the socket is and the server's clock. */
export type State = StateMessage & { role: JoinRole; playerId: string | null; serverTime: number };

/** What each server event carries. */
export interface Received {
  state: State;
  event: EventMessage;
  announcement: Announcement;
  /** To a player's sockets when the host removed them from the lobby, just before the disconnect. */
  removed: { gameId: string; playerId: string };
  /** The host started a rematch: each audience hears it in its own terms (a player: their new seat). */
  rematch: RematchMessage;
}

/**
 * An ack as the tests read it: they check `ok` (or compare the whole ack) first, so the fields of
 * the other case are simply absent. Flat, so a test reads `ack.version` without narrowing.
 */
export interface TestAck {
  ok: boolean;
  version: number;
  gameId: string;
  role: JoinRole;
  playerId?: string;
  error: { code: string; message: string };
}

/** A real socket.io-client 4 connection to /games. */
export async function connect(url: string, options: { origin?: string; transports?: string[] } = {}): Promise<Client> {
  const socket = io(`${url}/games`, {
    transports: (options.transports as ('websocket' | 'polling')[]) ?? ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: options.origin ? { origin: options.origin } : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

export async function emit<T = TestAck>(socket: Client, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, ...args) as Promise<T>;
}

/** Resolves with the next `event` payload that satisfies `predicate`. */
export function next<E extends keyof Received, T = Received[E]>(
  socket: Client,
  event: E,
  predicate: (payload: T) => boolean = () => true,
  ms = 5000,
) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event as string, handler);
      reject(new Error(`no matching "${event}" within ${ms} ms`));
    }, ms);
    const handler = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event as string, handler);
      resolve(payload);
    };
    socket.on(event as string, handler);
  });
}

/** Records every payload of an event, for checks after the fact. */
export function record<E extends keyof Received, T = Received[E]>(socket: Client, event: E): T[] {
  const seen: T[] = [];
  socket.on(event as string, (payload: T) => seen.push(payload));
  return seen;
}

/** Joins with `room` and returns the ack together with the first `state` that follows it. */
export async function join(socket: Client, payload: unknown): Promise<{ ack: TestAck; state: State | null }> {
  const state = next(socket, 'state');
  const ack = await emit(socket, 'room', payload);
  if (!ack.ok) {
    state.catch(() => {});
    return { ack, state: null };
  }
  return { ack, state: await state };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Joins with `room` and returns the `state` that follows; throws when the join is refused. */
export async function joinState(socket: Client, payload: unknown): Promise<State> {
  const { ack, state } = await join(socket, payload);
  if (!state) throw new Error(`join refused: ${JSON.stringify(ack)}`);
  return state;
}

/** The turn in play in a turn round (Open Deur, Puzzel, Galerij, Collectief Geheugen), else null. */
export function turnOf(state: State) {
  const r = state.round;
  return r && 'turn' in r ? r.turn : null;
}

/** A player of a state, by id; throws when there is none. */
export function playerOf(state: State, playerId: string) {
  const player = state.players.find((p) => p.id === playerId);
  if (!player) throw new Error(`no player ${playerId} in state ${state.version}`);
  return player;
}
