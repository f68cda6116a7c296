import { Inject, Injectable } from '@nestjs/common';
import { type Role, viewEvents } from '@slimste/engine';
import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';
import { LOGGER } from '../logging/logger.js';
import type { GameChange } from '../services/game-change-bus.js';
import { GamesService } from '../services/games.service.js';
import { rooms } from './memberships.js';

/**
 * Tells each audience of a game about a change, each with its own projection: the host sees all,
 * each player their own view, spectators the screen's. Answers not yet revealed go to the host only.
 */
@Injectable()
export class GameBroadcaster {
  private namespace: Namespace | null = null;

  constructor(
    private readonly games: GamesService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  publish(change: GameChange): void {
    const ns = this.namespace;
    if (!ns) return;
    const { gameId, version, state } = change;
    // Each audience hears the action the way its view names things (answers by place, not by id).
    const tell = (room: string, role: Role) => {
      ns.to(room).emit('state', this.games.project(gameId, version, state, role));
      ns.to(room).emit('event', { gameId, version, events: viewEvents(state, change.events, role) });
    };
    tell(rooms.host(gameId), { role: 'host' });
    for (const player of state.players) tell(rooms.player(gameId, player.id), { role: 'player', playerId: player.id });
    tell(rooms.spectators(gameId), { role: 'spectator' });
    if (change.command.type === 'lobby.remove') void this.expel(gameId, change.command.playerId);
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
