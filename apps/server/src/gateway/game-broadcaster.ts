import { Inject, Injectable } from '@nestjs/common';
import { type Role, viewEvents } from '@slimste/engine';
import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';
import { LOGGER } from '../logging/logger.js';
import type { GameChange } from '../services/game-change-bus.js';
import { audienceJson } from '../services/state-messages.js';
import { rooms } from './memberships.js';
import { PreEncoded } from './pre-encoded-parser.js';

/**
 * One change as every node delivers it to its own sockets: the JSON of each audience's `state`
 * and `event`, made once by the node that applied the change. With several nodes this one message
 * crosses Redis per change (`serverSideEmit`), instead of a broadcast per audience and room.
 */
export interface Delivery {
  gameId: string;
  host: string;
  /** Each player's id and `state`. */
  players: [string, string][];
  spectators: string;
  /** The `event` frame (for sockets that joined with `events: true`): the host's, everyone else's. */
  hostEvent: string;
  otherEvent: string;
}

/** The node-to-node message carrying a Delivery (its shape is this release's: see docs/DEPLOY.md). */
export const DELIVERY_EVENT = 'slimste:delivery:v1';

/**
 * Tells each audience of a game about a change, each with its own projection: the host sees all,
 * each player their view, spectators the screen's. One frame per socket: the events ride in the
 * `state`; the separate `event` frame goes only to sockets that joined with `events: true`.
 * Answers not yet revealed go to the host only.
 */
@Injectable()
export class GameBroadcaster {
  private namespace: Namespace | null = null;
  /** With several nodes, each change is also sent to the others, which deliver it to their sockets. */
  private clustered = false;
  private link: { readonly ready: boolean } | null = null;
  private readonly roomNames = new RoomNames();
  private expelled: (gameId: string, playerId: string) => Promise<void> = async () => {};

  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  /**
   * Redis, with several nodes: while it is down a delivery to the other nodes is dropped, not
   * queued (a queue would grow for as long as the outage lasts, then deliver stale states); each
   * node sends its sockets the current state when Redis is back (GamesGateway.resendStates).
   */
  useClusterLink(link: { readonly ready: boolean }): void {
    this.link = link;
  }

  attach(namespace: Namespace, clustered: boolean): void {
    this.namespace = namespace;
    this.clustered = clustered;
    if (clustered) namespace.on(DELIVERY_EVENT, (bytes: Uint8Array) => this.received(bytes));
  }

  /** Told of each removed player before their sockets go (the call's `bye`, issue 11). */
  onExpel(listener: (gameId: string, playerId: string) => Promise<void>): void {
    this.expelled = listener;
  }

  /** Sockets connected to this process (not the cluster's): what /api/health reports. */
  localSockets(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  /** Socket.IO rooms on this process (each socket's own room included). */
  localRooms(): number {
    return this.namespace?.adapter.rooms.size ?? 0;
  }

  publish(change: GameChange): void {
    const ns = this.namespace;
    if (!ns) return;
    const { gameId, version, state, events } = change;
    // JSON made twice per change, written into each frame as it is (see pre-encoded-parser.ts).
    const json = audienceJson(gameId, version, state, events);
    // The `event` frames only when someone takes them: few sockets ask, and other nodes may.
    const eventJson = (role: Role) => {
      let text: string | null = null;
      return () => {
        text ??= JSON.stringify({ gameId, version, events: viewEvents(state, events, role) });
        return text;
      };
    };
    const hostEvent = eventJson({ role: 'host' });
    const otherEvent = eventJson({ role: 'spectator' });
    this.deliverHere(gameId, json.host, json.players, json.spectators, hostEvent, otherEvent);
    if (this.clustered && (this.link?.ready ?? true)) {
      const delivery: Delivery = {
        gameId,
        host: json.host,
        players: [...json.players],
        spectators: json.spectators,
        hostEvent: hostEvent(),
        otherEvent: otherEvent(),
      };
      // As one buffer of JSON: the Redis adapter's msgpack copies bytes at once but walks a
      // string's UTF-8 in JavaScript (a node's msgpack share went from 6.6 % to 2.7 %).
      ns.serverSideEmit(DELIVERY_EVENT, Buffer.from(JSON.stringify(delivery)));
    }
    if (change.command.type === 'lobby.remove') void this.expel(gameId, change.command.playerId);
  }

  /** Another node's change, to this node's sockets. */
  private received(bytes: Uint8Array): void {
    let d: Delivery | null = null;
    try {
      d = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    } catch {}
    if (!d || typeof d.gameId !== 'string' || !Array.isArray(d.players)) {
      this.logger.warn('a delivery from another node that this node does not understand (another version?)');
      return;
    }
    this.deliverHere(
      d.gameId,
      d.host,
      d.players,
      d.spectators,
      () => d.hostEvent,
      () => d.otherEvent,
    );
  }

  /** A change to this node's sockets of the game; a room nobody is in here costs nothing. */
  private deliverHere(
    gameId: string,
    host: string,
    players: Iterable<readonly [string, string]>,
    spectators: string,
    hostEvent: () => string,
    otherEvent: () => string,
  ): void {
    const ns = this.namespace;
    if (!ns) return;
    const names = this.roomNames.of(gameId);
    // Few sockets take the `event` frame: one look for the whole game, not one per audience.
    const anyEvents = this.hasMembers(ns, names.anyEvents);
    const send = (room: string, state: string, event: () => string) => {
      if (this.hasMembers(ns, room)) ns.local.to(room).emit('state', new PreEncoded(state));
      if (!anyEvents) return;
      const eventRoom = rooms.events(room);
      if (this.hasMembers(ns, eventRoom)) ns.local.to(eventRoom).emit('event', new PreEncoded(event()));
    };
    send(names.host, host, hostEvent);
    for (const [playerId, state] of players) send(names.player(playerId), state, otherEvent);
    send(names.spectators, spectators, otherEvent);
  }

  private hasMembers(ns: Namespace, room: string): boolean {
    return (ns.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  /** A removed player's sockets are told and disconnected; their token no longer opens the game. */
  private async expel(gameId: string, playerId: string): Promise<void> {
    const ns = this.namespace;
    if (!ns) return;
    try {
      await this.expelled(gameId, playerId);
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

/** A game's room names, as deliveries look them up. */
interface GameRoomNames {
  host: string;
  spectators: string;
  anyEvents: string;
  player(playerId: string): string;
}

/**
 * Each game's room names, made once: a name made afresh for every change is hashed again at each
 * look-up (six a change). Bounded: past `max` games it starts over.
 */
class RoomNames {
  private readonly games = new Map<string, GameRoomNames>();

  constructor(private readonly max = 20_000) {}

  of(gameId: string): GameRoomNames {
    let names = this.games.get(gameId);
    if (names) return names;
    if (this.games.size >= this.max) this.games.clear();
    const players = new Map<string, string>();
    names = {
      host: rooms.host(gameId),
      spectators: rooms.spectators(gameId),
      anyEvents: rooms.anyEvents(gameId),
      player(playerId) {
        let room = players.get(playerId);
        if (room === undefined) {
          room = rooms.player(gameId, playerId);
          players.set(playerId, room);
        }
        return room;
      },
    };
    this.games.set(gameId, names);
    return names;
  }
}
