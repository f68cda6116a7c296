import { Inject, Injectable } from '@nestjs/common';
import type { StateMessage } from '@slimste/protocol';
import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';
import { LOGGER } from '../logging/logger.js';
import type { GameChange } from '../services/game-change-bus.js';
import { audienceMessages } from '../services/state-messages.js';
import { rooms } from './memberships.js';

/**
 * Tells each audience of a game about a change, each with its own projection: the host sees all,
 * each player their view, spectators the screen's. One frame per socket: the events ride in the
 * `state`; the separate `event` frame goes only to sockets that joined with `events: true`.
 * Answers not yet revealed go to the host only.
 */
@Injectable()
export class GameBroadcaster {
  private namespace: Namespace | null = null;
  /** With several nodes the rooms' members are not all here: every room is told. */
  private clustered = false;

  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  attach(namespace: Namespace, clustered: boolean): void {
    this.namespace = namespace;
    this.clustered = clustered;
  }

  publish(change: GameChange): void {
    const ns = this.namespace;
    if (!ns) return;
    const { gameId, version, state } = change;
    const messages = audienceMessages(gameId, version, state, change.events);
    this.emit(ns, rooms.host(gameId), messages.host);
    for (const [playerId, message] of messages.players) this.emit(ns, rooms.player(gameId, playerId), message);
    this.emit(ns, rooms.spectators(gameId), messages.spectators);
    if (change.command.type === 'lobby.remove') void this.expel(gameId, change.command.playerId);
  }

  /** A room's `state` (a room nobody is in costs no encoding), and its `event` to those who asked. */
  private emit(ns: Namespace, room: string, message: StateMessage): void {
    if (this.hasMembers(ns, room)) ns.to(room).emit('state', message);
    const eventRoom = rooms.events(room);
    if (this.hasMembers(ns, eventRoom)) {
      ns.to(eventRoom).emit('event', { gameId: message.gameId, version: message.version, events: message.events });
    }
  }

  private hasMembers(ns: Namespace, room: string): boolean {
    return this.clustered || (ns.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  /** A removed player's sockets are told and disconnected; their token no longer opens the game. */
  private async expel(gameId: string, playerId: string): Promise<void> {
    const ns = this.namespace;
    if (!ns) return;
    try {
      const sockets = await ns.in(rooms.player(gameId, playerId)).fetchSockets();
      for (const socket of sockets) {
        socket.emit('removed', { gameId, playerId });
        socket.disconnect(true);
      }
      this.logger.info({ gameId, playerId, sockets: sockets.length }, 'removed player disconnected');
    } catch (err) {
      this.logger.error({ err, gameId, playerId }, 'could not disconnect a removed player');
    }
  }
}
