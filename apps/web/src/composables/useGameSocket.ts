import { io, type Socket } from 'socket.io-client';
import { onBeforeUnmount, type Ref, ref, shallowRef } from 'vue';
import type { Ack, Command, GameEvent, RematchMessage, SocketRole, StateMessage } from '../lib/types';
import { measureOffset } from './useServerTime';

/** Device clocks drift or get corrected mid-game: the offset is measured again this often. */
const RESYNC_EVERY_MS = 60_000;

export interface SocketError {
  code: string;
  message: string;
}

export type EventListener = (events: GameEvent[], version: number) => void;

export interface GameSocket {
  state: Ref<StateMessage | null>;
  role: Ref<SocketRole | null>;
  connected: Ref<boolean>;
  /** The last join or command failure, for a banner. */
  error: Ref<SocketError | null>;
  /** The server refused the join itself (a token that no longer opens the game, an unknown game). */
  refused: Ref<SocketError | null>;
  /** The host removed this player: the server said so (`removed`) and let the socket go. */
  removed: Ref<boolean>;
  announcement: Ref<{ message: string; at: number } | null>;
  /** The host started a new game with the same players: this socket's part of it (see `rematch`). */
  rematch: Ref<RematchMessage | null>;
  send(command: Command): Promise<Ack<{ version?: number }>>;
  /** What each accepted action did (once per version, from `state.events` or the `event` frame). */
  onEvents(listener: EventListener): void;
  /** After each accepted `room` (every connect and reconnect): the game's call joins again (useCall). */
  onJoined(listener: (role: SocketRole) => void): void;
  /** The connection itself, for the call's signalling (`rtc`, `rtc.peer`). */
  socket: Socket;
  close(): void;
}

/**
 * One game's live connection: joins with `room` on every (re)connect (with the token when there is
 * one, as a spectator otherwise), keeps the latest `state`, measures the server-time offset (on
 * every connect and once a minute). A page coming back to the foreground reconnects at once (iOS
 * drops sockets of hidden pages) or, still connected, joins again for a fresh state.
 */
export function useGameSocket(gameId: string, token: string | null, url = '/games'): GameSocket {
  const state = shallowRef<StateMessage | null>(null);
  const role = ref<SocketRole | null>(null);
  const connected = ref(false);
  const error = ref<SocketError | null>(null);
  const refused = ref<SocketError | null>(null);
  const removed = ref(false);
  const announcement = ref<{ message: string; at: number } | null>(null);
  const rematch = shallowRef<RematchMessage | null>(null);
  const listeners: EventListener[] = [];
  const joinedListeners: ((role: SocketRole) => void)[] = [];
  let lastEventVersion = 0;

  const socket: Socket = io(url, { transports: ['websocket', 'polling'] });

  const join = () =>
    socket.emit('room', token ? { gameId, token } : gameId, (ack: Ack<{ role: SocketRole }>) => {
      if (ack?.ok) {
        role.value = ack.role;
        error.value = null;
        refused.value = null;
        for (const listener of joinedListeners) listener(ack.role);
      } else if (ack) {
        error.value = ack.error;
        refused.value = ack.error;
      }
    });

  socket.on('connect', () => {
    connected.value = true;
    join();
    void measureOffset(socket);
  });
  socket.on('disconnect', () => {
    connected.value = false;
  });
  const resync = setInterval(() => {
    if (socket.connected) void measureOffset(socket);
  }, RESYNC_EVERY_MS);

  function heard(events: GameEvent[] | undefined, version: number) {
    if (!events?.length || version <= lastEventVersion) return;
    lastEventVersion = version;
    for (const listener of listeners) listener(events, version);
  }
  socket.on('state', (message: StateMessage) => {
    if (message.gameId !== gameId) return;
    // A re-join sends the same version again; an older one is a late duplicate.
    if (state.value && message.version < state.value.version) return;
    state.value = message;
    heard(message.events, message.version);
  });
  socket.on('event', (message: { gameId: string; version: number; events: GameEvent[] }) => {
    if (message?.gameId === gameId) heard(message.events, message.version);
  });
  socket.on('announcement', (message: { message: string; at: number }) => {
    announcement.value = message;
  });
  socket.on('rematch', (message: RematchMessage) => {
    if (message?.from === gameId) rematch.value = message;
  });
  socket.on('removed', (message: { gameId: string }) => {
    if (message?.gameId === gameId) removed.value = true;
  });

  const onVisible = () => {
    if (document.visibilityState !== 'visible' || removed.value) return;
    if (socket.connected) join();
    else {
      // Waiting out a reconnection delay (seconds, after a while): drop it and connect now.
      socket.disconnect();
      socket.connect();
    }
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);

  function send(command: Command): Promise<Ack<{ version?: number }>> {
    return new Promise((resolve) => {
      socket.timeout(5000).emit('command', { ...command, gameId }, (err: unknown, ack: Ack<{ version?: number }>) => {
        const result: Ack<{ version?: number }> = err
          ? { ok: false, error: { code: 'timeout', message: 'No answer from the server' } }
          : ack;
        if (!result.ok) error.value = result.error;
        else error.value = null;
        resolve(result);
      });
    });
  }

  const close = () => {
    clearInterval(resync);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
    socket.close();
  };
  onBeforeUnmount(close);
  return {
    state,
    role,
    connected,
    error,
    refused,
    removed,
    announcement,
    rematch,
    send,
    onEvents: (listener) => listeners.push(listener),
    onJoined: (listener) => {
      joinedListeners.push(listener);
      if (role.value && socket.connected) listener(role.value);
    },
    socket,
    close,
  };
}
