import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../logging/logger.js';
import { GameRepository } from '../repositories/game.repository.js';
import { GameHistoryService } from './game-history.service.js';
import { GamesService } from './games.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Games handled per round of a sweep (the next round follows at once while there are more). */
const BATCH = 100;
/** The first sweep, a little after start (not in the way of start-up). */
const FIRST_SWEEP_MS = 10_000;

/** Where the logs of deleted games are kept: DATA_DIR/archive/YYYY-MM/<gameId>.json.gz. */
export const archiveDir = (config: Pick<AppConfig, 'dataDir'>) => join(config.dataDir, 'archive');

/**
 * Deletes games past their keeping (GAME_RETENTION_DAYS after they finished, IDLE_GAME_DAYS after
 * an unfinished one last changed), each after its whole log is archived as gzipped JSON (the same
 * document the host downloads), so storage does not grow without bound and nothing is lost unasked.
 */
@Injectable()
export class GameRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly repository: GameRepository,
    private readonly history: GameHistoryService,
    private readonly games: GamesService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { finishedDays, idleDays, sweepEveryMs } = this.config.retention;
    if (finishedDays === null && idleDays === null) return;
    const sweep = () => void this.sweep();
    this.timers.push(setTimeout(sweep, Math.min(FIRST_SWEEP_MS, sweepEveryMs)), setInterval(sweep, sweepEveryMs));
    for (const timer of this.timers) timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.running;
  }

  /** One sweep (never two at once): returns how many games were deleted. */
  async sweep(now = Date.now()): Promise<number> {
    if (this.running) return 0;
    let deleted = 0;
    const run = (async () => {
      const { finishedDays, idleDays } = this.config.retention;
      const before = (days: number | null) => (days === null ? null : new Date(now - days * DAY_MS).toISOString());
      try {
        for (;;) {
          const ids = await this.repository.expired(before(finishedDays), before(idleDays), BATCH);
          for (const id of ids) if (await this.expire(id)) deleted++;
          if (ids.length < BATCH) break;
        }
        if (deleted) this.logger.info({ deleted, archived: this.config.retention.archive }, 'expired games deleted');
      } catch (err) {
        this.logger.warn({ err, deleted }, 'the retention sweep stopped early; it tries again at the next');
      }
    })();
    this.running = run;
    await run;
    this.running = null;
    return deleted;
  }

  private async expire(gameId: string): Promise<boolean> {
    if (this.config.retention.archive) await this.archive(gameId);
    const gone = await this.repository.delete(gameId);
    this.games.forget(gameId);
    return gone;
  }

  /** Writes the log aside first, then renames it in: a file in the archive is always whole. */
  private async archive(gameId: string): Promise<void> {
    const log = await this.history.logOf(gameId);
    const dir = join(archiveDir(this.config), log.createdAt.slice(0, 7));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${gameId}.json.gz`);
    writeFileSync(`${file}.partial`, gzipSync(JSON.stringify(log)));
    renameSync(`${file}.partial`, file);
  }
}
