import { type DynamicModule, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from 'pino';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { AnnouncementsController } from './controllers/announcements.controller.js';
import { CallController } from './controllers/call.controller.js';
import { GameHistoryController } from './controllers/game-history.controller.js';
import { GamesController } from './controllers/games.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { JoinAddressController } from './controllers/join-address.controller.js';
import { MediaController } from './controllers/media.controller.js';
import { QuestionSetsController } from './controllers/question-sets.controller.js';
import { RematchController } from './controllers/rematch.controller.js';
import { StatsController } from './controllers/stats.controller.js';
import { DatabaseModule } from './database/database.module.js';
import { GameBroadcaster } from './gateway/game-broadcaster.js';
import { GamesGateway } from './gateway/games.gateway.js';
import { RematchNotifier } from './gateway/rematch-notifier.gateway.js';
import { PagesModule } from './pages/pages.module.js';
import { GameRepository } from './repositories/game.repository.js';
import { QuestionSetRepository } from './repositories/question-set.repository.js';
import { SetDocumentRepository } from './repositories/set-document.repository.js';
import { TokenRepository } from './repositories/token.repository.js';
import { AnnouncementService } from './services/announcement.service.js';
import { CallService } from './services/call.service.js';
import { ClockTimerService } from './services/clock-timer.service.js';
import { GameChangeBus } from './services/game-change-bus.js';
import { GameHistoryService } from './services/game-history.service.js';
import { GameRetentionService } from './services/game-retention.service.js';
import { GamesService } from './services/games.service.js';
import { MediaService } from './services/media.service.js';
import { QuestionSetService } from './services/question-set.service.js';
import { QuestionSetAccess } from './services/question-set-access.js';
import { RematchService } from './services/rematch.service.js';
import { StorageHealth } from './services/storage-health.js';
import { StorageQuotas } from './services/storage-quotas.js';

/** The API, the /games gateway and their services; loads the demo sets before serving. */
@Module({
  controllers: [
    HealthController,
    GamesController,
    QuestionSetsController,
    AnnouncementsController,
    MediaController,
    // Issue 7 (the TV as a show): play again, and the address phones join at.
    RematchController,
    JoinAddressController,
    StatsController,
    // Issue 9: a game's history for its host (the log, the results, the replay).
    GameHistoryController,
    // Issue 11: play from home, the game as its own call.
    CallController,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    QuestionSetRepository,
    SetDocumentRepository,
    GameRepository,
    TokenRepository,
    GameChangeBus,
    QuestionSetAccess,
    QuestionSetService,
    StorageHealth,
    StorageQuotas,
    GameRetentionService,
    GamesService,
    ClockTimerService,
    AnnouncementService,
    MediaService,
    GameBroadcaster,
    GamesGateway,
    RematchNotifier,
    RematchService,
    GameHistoryService,
    CallService,
  ],
})
class ApiModule implements OnApplicationBootstrap {
  constructor(private readonly questionSets: QuestionSetService) {}

  async onApplicationBootstrap() {
    await this.questionSets.loadDemoSets();
  }
}

@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: the Nest dynamic-module idiom
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      // PagesModule last: its routes come after the API's.
      imports: [ConfigModule.forRoot(config, logger), DatabaseModule, ApiModule, PagesModule],
    };
  }
}
