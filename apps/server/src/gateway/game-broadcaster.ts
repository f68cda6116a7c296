import { Inject, Injectable } from '@nestjs/common';
import { type Role, viewEvents } from '@slimste/engine';
import type { EventMessage, StateMessage } from '@slimste/protocol';
import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';
import { LOGGER } from '../logging/logger.js';
import type { GameChange } from '../services/game-change-bus.js';
import { audienceJson, audienceMessages } from '../services/state-messages.js';
import { rooms } from './memberships.js';
import { PreEncoded } from './pre-encoded-parser.js';

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

  /** Sockets connected to this process (not the cluster's): what /api/health reports. */
  localSockets(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  publish(change: GameChange): void {
    const ns = this.namespace;
    if (!ns) return;
    const { gameId, version, state, events } = change;
    const hostRoom = rooms.host(gameId);
    const playerRooms = state.players.map((p) => [p.id, rooms.player(gameId, p.id)] as const);
    const screenRoom = rooms.spectators(gameId);
    if (this.clustered) {
      // Other nodes get packets through Redis (msgpack): objects, not pre-made JSON.
      const messages = audienceMessages(gameId, version, state, events);
      this.emitState(ns, hostRoom, messages.host);
      for (const [id, room] of playerRooms) this.emitState(ns, room, messages.players.get(id) as StateMessage);
      this.emitState(ns, screenRoom, messages.spectators);
    } else {
      // JSON made twice per change, written into each frame as it is (see pre-encoded-parser.ts).
      const json = audienceJson(gameId, version, state, events);
      this.emitState(ns, hostRoom, new PreEncoded(json.host));
      for (const [id, room] of playerRooms) this.emitState(ns, room, new PreEncoded(json.players.get(id) as string));
      this.emitState(ns, screenRoom, new PreEncoded(json.spectators));
    }
    // The separate `event` frame, for the few sockets that asked for it.
    const event = (role: Role) => ({ gameId, version, events: viewEvents(state, events, role) });
    this.emitEvent(ns, hostRoom, () => event({ role: 'host' }));
    for (const [, room] of playerRooms) this.emitEvent(ns, room, () => event({ role: 'spectator' }));
    this.emitEvent(ns, screenRoom, () => event({ role: 'spectator' }));
    if (change.command.type === 'lobby.remove') void this.expel(gameId, change.command.playerId);
  }

  /** A room's `state`; a room nobody is in costs nothing. */
  private emitState(ns: Namespace, room: string, state: StateMessage | PreEncoded): void {
    if (this.hasMembers(ns, room)) ns.to(room).emit('state', state);
  }

  private emitEvent(ns: Namespace, audienceRoom: string, event: () => EventMessage): void {
    const room = rooms.events(audienceRoom);
    if (this.hasMembers(ns, room)) ns.to(room).emit('event', event());
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
