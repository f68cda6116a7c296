import { type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { GAMES_NAMESPACE, type RematchMessage } from '@slimste/protocol';
import type { Namespace } from 'socket.io';
import { rooms } from './memberships.js';

/**
 * Tells the sockets of a game about its rematch, each audience in its own room: a player's new
 * seat only to that player's sockets. A gateway of its own on /games, with no handlers: it only
 * receives the namespace (through the Redis adapter when there is one, so every node's sockets hear).
 */
@WebSocketGateway({ namespace: GAMES_NAMESPACE })
export class RematchNotifier implements OnGatewayInit {
  private namespace: Namespace | null = null;

  afterInit(namespace: Namespace) {
    this.namespace = namespace;
  }

  toHost(gameId: string, message: RematchMessage): void {
    this.namespace?.to(rooms.host(gameId)).emit('rematch', message);
  }

  /** The spectators but the screens, which get their own (with the new game's screen token). */
  toSpectators(gameId: string, message: RematchMessage): void {
    this.namespace?.to(rooms.spectators(gameId)).except(rooms.screens(gameId)).emit('rematch', message);
  }

  toScreens(gameId: string, message: RematchMessage): void {
    this.namespace?.to(rooms.screens(gameId)).emit('rematch', message);
  }

  toPlayer(gameId: string, playerId: string, message: RematchMessage): void {
    this.namespace?.to(rooms.player(gameId, playerId)).emit('rematch', message);
  }
}
