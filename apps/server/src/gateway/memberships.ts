import type { Socket } from 'socket.io';
import type { GameRole } from '../services/game-role.js';

/** The games a socket joined and its role in each, kept in `socket.data` (restored on recovery). */
export type Memberships = Record<string, GameRole>;

export function membershipsOf(socket: Socket): Memberships {
  const data = socket.data as { games?: Memberships };
  if (!data.games) data.games = {};
  return data.games;
}

/** The rooms a game's audiences listen in: one for all, one for the host, one per player, one for spectators. */
export const rooms = {
  game: (gameId: string) => gameId,
  host: (gameId: string) => `${gameId}:host`,
  player: (gameId: string, playerId: string) => `${gameId}:player:${playerId}`,
  spectators: (gameId: string) => `${gameId}:spectators`,
  /** Beside the spectators' room: the screens among them (the TV link's token), for their rematch. */
  screens: (gameId: string) => `${gameId}:screens`,
  /** Beside an audience's room: its sockets that also want the separate `event` frame. */
  events: (audience: string) => `${audience}:events`,
  /** All of a game's sockets that want the `event` frame: one look per change finds there are none. */
  anyEvents: (gameId: string) => `${gameId}:events`,
  /** The game's call (issue 11): every socket that sent `rtc.join`, and each peer's own sockets. */
  rtc: (gameId: string) => `${gameId}:rtc`,
  rtcPeer: (gameId: string, peerId: string) => `${gameId}:rtc:${peerId}`,
};

export function audienceRoom(gameId: string, role: GameRole): string {
  if (role.role === 'host') return rooms.host(gameId);
  if (role.role === 'player') return rooms.player(gameId, role.playerId);
  // The screen gets the spectators' `state`: the same projection, made once.
  return rooms.spectators(gameId);
}
