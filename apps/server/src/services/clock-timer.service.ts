import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { clockDueAt } from '../common/clock-due.js';
import { STORAGE_UNAVAILABLE } from '../common/storage-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../logging/logger.js';
import { GameRepository } from '../repositories/game.repository.js';
import { GameChangeBus } from './game-change-bus.js';
import { GamesService, SYSTEM } from './games.service.js';

/** setTimeout's ceiling (~24.8 days); a later moment is re-armed in steps. */
const MAX_DELAY = 2 ** 31 - 1;
/** Fire a little after the zero moment, so the engine surely sees the clock at 0. */
const MARGIN_MS = 5;
/** How often, with a shared database, to look for clocks another process should have ended. */
const SWEEP_EVERY_MS = 5000;
/** After a failed attempt to end a turn (storage refusing), try again this much later. */
const RETRY_MS = 1000;

/**
 * Ends a turn when its clock reaches 0: one timer per game with a running clock, re-armed after
 * every change and, at boot, for every stored game (a clock that ran out while down ends at once).
 */
@Injectable()
export class ClockTimerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timers = new Map<string, { dueAt: number; timer: NodeJS.Timeout }>();
  private stopped = false;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly games: GamesService,
    private readonly repository: GameRepository,
    bus: GameChangeBus,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    bus.subscribe((change) => this.schedule(change.gameId, clockDueAt(change.state)));
    // A clock another process started (and maybe cannot end: it died) is armed here as soon as this
    // process takes the game in, e.g. when that process's sockets reconnect here. Both may fire: the
    // version check lets one end it, the other finds nothing left to end.
    bus.subscribeLoaded((gameId, state) => this.schedule(gameId, clockDueAt(state)));
  }

  async onApplicationBootstrap(): Promise<void> {
    const running = await this.repository.gamesWithRunningClock();
    // Clocks that ran out while the server was down end before it listens, so no client ever
    // joins a game whose turn should already be over.
    const now = Date.now();
    for (const { id, dueAt } of running) {
      if (dueAt <= now) await this.fire(id, dueAt);
      else this.schedule(id, dueAt);
    }
    if (running.length) this.logger.info({ games: running.length }, 'clock timers re-armed after start');
    // With a shared database another process may have armed a clock and died: pick up overdue ones.
    if (this.config.databaseUrl) {
      this.sweeper = setInterval(() => void this.sweepOverdue(), SWEEP_EVERY_MS);
      this.sweeper.unref();
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** How many games have a timer armed now. */
  armed(): number {
    return this.timers.size;
  }

  /** Arms (or clears, with null) the game's timer for the moment its running clock reaches 0. */
  schedule(gameId: string, dueAt: number | null): void {
    const existing = this.timers.get(gameId);
    if (existing && existing.dueAt === dueAt) return;
    if (existing) clearTimeout(existing.timer);
    this.timers.delete(gameId);
    if (dueAt === null || this.stopped) return;
    const delay = Math.min(MAX_DELAY, Math.max(0, dueAt - Date.now() + MARGIN_MS));
    const timer = setTimeout(() => void this.fire(gameId, dueAt), delay);
    this.timers.set(gameId, { dueAt, timer });
  }

  private async sweepOverdue(): Promise<void> {
    try {
      const overdue = await this.repository.gamesWithRunningClock(Date.now() - SWEEP_EVERY_MS);
      for (const { id, dueAt } of overdue) if (!this.timers.has(id)) this.schedule(id, dueAt);
    } catch (err) {
      this.logger.warn({ err }, 'could not look for overdue clocks');
    }
  }

  private async fire(gameId: string, dueAt: number): Promise<void> {
    if (this.timers.get(gameId)?.dueAt === dueAt) this.timers.delete(gameId);
    try {
      if (Date.now() < dueAt) return this.schedule(gameId, dueAt);
      const result = await this.games.execute(gameId, SYSTEM, { type: 'clock.expire' });
      if (result.ok) {
        this.logger.info({ gameId, version: result.version }, 'clock reached 0');
        return;
      }
      // The database refuses writes for now: the turn ends as soon as it takes them again.
      if (result.error.code === STORAGE_UNAVAILABLE) return this.retrySoon(gameId);
      // Nothing to expire (the clock was stopped or moved meanwhile): follow the stored state.
      const game = await this.games.current(gameId);
      const next = game ? clockDueAt(game.state) : null;
      if (next === null) return;
      if (next !== dueAt) return this.schedule(gameId, next);
      // Same moment but nothing to expire (rounding at the edge): look again shortly, for a while.
      if (Date.now() - next < 5000) setTimeout(() => void this.fire(gameId, next), 50);
    } catch (err) {
      this.logger.error({ err, gameId }, 'clock timer failed; retrying in a second');
      this.retrySoon(gameId);
    }
  }

  /** Tries again in a second (the clock stays at 0 meanwhile: the engine ends the turn at its due time). */
  private retrySoon(gameId: string): void {
    if (!this.stopped) this.schedule(gameId, Date.now() + RETRY_MS);
  }
}
