import { Controller, Get, Headers, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { requireOperator } from '../common/bearer.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { GameBroadcaster } from '../gateway/game-broadcaster.js';
import { GameRepository } from '../repositories/game.repository.js';
import { ClockTimerService } from '../services/clock-timer.service.js';
import { GamesService } from '../services/games.service.js';

/** What this process holds now: for an operator's monitoring, and for `npm run soak` to find leaks. */
@ApiTags('operations')
@Controller('api/stats')
export class StatsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly broadcaster: GameBroadcaster,
    private readonly games: GamesService,
    private readonly clocks: ClockTimerService,
    private readonly gameStore: GameRepository,
  ) {}

  @Get()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "This process's sockets, Socket.IO rooms, cached games (and their estimated bytes), armed clock timers, " +
      "memory, Node's active resources by kind and the commands stored (with SQLite's commits) (ADMIN_TOKEN bearer)",
  })
  stats(@Headers('authorization') authorization: string | undefined) {
    requireOperator(authorization, this.config.adminToken);
    const resources: Record<string, number> = {};
    for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
    const { rss, heapUsed, external } = process.memoryUsage();
    return {
      sockets: this.broadcaster.localSockets(),
      rooms: this.broadcaster.localRooms(),
      ...this.games.cacheStats(),
      clockTimers: this.clocks.armed(),
      memory: { rss, heapUsed, external },
      resources,
      storage: this.gameStore.writerStats(),
    };
  }
}
