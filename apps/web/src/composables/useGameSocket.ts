import { io, type Socket } from 'socket.io-client';
import { onBeforeUnmount, type Ref, ref, shallowRef } from 'vue';
import type { Ack, Command, RematchMessage, SocketRole, StateMessage } from '../lib/types';
import { measureOffset } from './useServerTime';

/** Device clocks drift or get corrected mid-game: the offset is measured again this often. */
const RESYNC_EVERY_MS = 60_000;

export interface GameSocket {
  state: Ref<StateMessage | null>;
  role: Ref<SocketRole | null>;
  connected: Ref<boolean>;
  /** The last join or command failure, for a banner. */
  error: Ref<{ code: string; message: string } | null>;
  announcement: Ref<{ message: string; at: number } | null>;
  /** The host started a new game with the same players: this socket's part of it (see `rematch`). */
  rematch: Ref<RematchMessage | null>;
  send(command: Command): Promise<Ack<{ version?: number }>>;
  close(): void;
}

/**
 * One game's live connection: joins with `room` on every (re)connect (with the token when there is
 * one, as a spectator otherwise), keeps the latest `state`, measures the server-time offset (on
 * every connect and once a minute).
 */
export function useGameSocket(gameId: string, token: string | null, url = '/games'): GameSocket {
  const state = shallowRef<StateMessage | null>(null);
  const role = ref<SocketRole | null>(null);
  const connected = ref(false);
  const error = ref<{ code: string; message: string } | null>(null);
  const announcement = ref<{ message: string; at: number } | null>(null);
  const rematch = shallowRef<RematchMessage | null>(null);

  const socket: Socket = io(url, { transports: ['websocket', 'polling'] });

  socket.on('connect', () => {
    connected.value = true;
    socket.emit('room', token ? { gameId, token } : gameId, (ack: Ack<{ role: SocketRole }>) => {
      if (ack?.ok) {
        role.value = ack.role;
        error.value = null;
      } else if (ack) error.value = ack.error;
    });
    void measureOffset(socket);
  });
  socket.on('disconnect', () => {
    connected.value = false;
  });
  const resync = setInterval(() => {
    if (socket.connected) void measureOffset(socket);
  }, RESYNC_EVERY_MS);
  socket.on('state', (message: StateMessage) => {
    if (message.gameId !== gameId) return;
    // A re-join sends the same version again; an older one is a late duplicate.
    if (state.value && message.version < state.value.version) return;
    state.value = message;
  });
  socket.on('announcement', (message: { message: string; at: number }) => {
    announcement.value = message;
  });
  socket.on('rematch', (message: RematchMessage) => {
    if (message?.from === gameId) rematch.value = message;
  });

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
    socket.close();
  };
  onBeforeUnmount(close);
  return { state, role, connected, error, announcement, rematch, send, close };
}
