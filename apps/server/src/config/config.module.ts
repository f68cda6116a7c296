import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger.js';
import { APP_CONFIG, type AppConfig } from './app-config.js';

/** The parsed environment and the root logger, available everywhere. */
@Global()
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: the Nest dynamic-module idiom
export class ConfigModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [APP_CONFIG, LOGGER],
    };
  }
}
