import { io, type Socket } from 'socket.io-client';

export type Client = Socket;

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

export async function emit<T = any>(socket: Client, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, ...args) as Promise<T>;
}

/** Resolves with the next `event` payload that satisfies `predicate`. */
export function next<T = any>(
  socket: Client,
  event: string,
  predicate: (payload: T) => boolean = () => true,
  ms = 5000,
) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching "${event}" within ${ms} ms`));
    }, ms);
    const handler = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

/** Records every payload of an event, for checks after the fact. */
export function record<T = any>(socket: Client, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Joins with `room` and returns the ack together with the first `state` that follows it. */
export async function join(socket: Client, payload: unknown): Promise<{ ack: any; state: any }> {
  const state = next(socket, 'state');
  const ack = await emit(socket, 'room', payload);
  if (!ack.ok) {
    state.catch(() => {});
    return { ack, state: null };
  }
  return { ack, state: await state };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
