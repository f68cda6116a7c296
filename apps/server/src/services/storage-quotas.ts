import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { GameRepository } from '../repositories/game.repository.js';
import { QuestionSetRepository } from '../repositories/question-set.repository.js';

const quotaExceeded = (message: string) => new ApiError(507, 'quota_exceeded', message);

/**
 * How much one client address (an IPv6 /64, stored as a hash) and the whole server may keep:
 * question sets, and games not yet finished. Finished and idle games go by themselves
 * (GameRetentionService), so these bound what is stored at any time.
 */
@Injectable()
export class StorageQuotas {
  private readonly quotas: AppConfig['quotas'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sets: QuestionSetRepository,
    private readonly games: GameRepository,
  ) {
    this.quotas = config.quotas;
  }

  /** Throws 507 `quota_exceeded` when `creator` (or the server) may import no more sets. */
  async requireRoomForSet(creator: string | null): Promise<void> {
    const { setsPerAddress, sets } = this.quotas;
    if (creator && (await this.sets.countBy(creator)) >= setsPerAddress) {
      throw quotaExceeded(
        `this address has ${setsPerAddress} question sets stored, the most it may keep: delete one first`,
      );
    }
    if ((await this.sets.count()) >= sets) {
      throw quotaExceeded(`this server holds ${sets} question sets, the most it keeps: ask its operator`);
    }
  }

  /** Throws 507 `quota_exceeded` when `creator` (or the server) may start no more games. */
  async requireRoomForGame(creator: string | null): Promise<void> {
    const { liveGamesPerAddress, liveGames } = this.quotas;
    if (creator && (await this.games.liveCount(creator)) >= liveGamesPerAddress) {
      throw quotaExceeded(
        `this address has ${liveGamesPerAddress} games that have not finished, the most it may have: ` +
          'finish one, or wait until unused ones expire',
      );
    }
    if ((await this.games.liveCount(null)) >= liveGames) {
      throw quotaExceeded(`this server has ${liveGames} games that have not finished, the most it keeps: try later`);
    }
  }
}
