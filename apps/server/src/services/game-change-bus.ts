import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Command, GameEvent, GameState } from '@slimste/engine';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger.js';

/** One accepted command, after it is stored: what broadcasters and timers react to. */
export interface GameChange {
  gameId: string;
  version: number;
  state: GameState;
  events: GameEvent[];
  command: Command;
  actor: Actor;
}

type Listener = (change: GameChange) => void;
/** A game this process took from storage (loaded, or caught up with what other processes stored). */
type LoadListener = (gameId: string, state: GameState) => void;

/** Decouples the games service from the gateway and the clock timers that react to its changes. */
@Injectable()
export class GameChangeBus {
  private readonly listeners: Listener[] = [];
  private readonly loadListeners: LoadListener[] = [];

  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /**
   * With several processes on one database, a game may have changed elsewhere (its clock started by
   * a process that has since died): listeners learn the stored state whenever it is taken in.
   */
  subscribeLoaded(listener: LoadListener): void {
    this.loadListeners.push(listener);
  }

  publishLoaded(gameId: string, state: GameState): void {
    for (const listener of this.loadListeners) {
      try {
        listener(gameId, state);
      } catch (err) {
        this.logger.error({ err, gameId }, 'game load listener failed');
      }
    }
  }

  publish(change: GameChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        // A failing broadcast must not undo a stored command or stop the other listeners.
        this.logger.error({ err, gameId: change.gameId, version: change.version }, 'game change listener failed');
      }
    }
  }
}
