import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../logging/logger.js';
import { createStorage, DATABASE, migrateToLatest, STORAGE_DRIVER, type Storage } from './database.js';

const STORAGE = Symbol('STORAGE');

/** The Kysely instance (and the driver under it), migrated to the latest schema before anything uses it. */
@Global()
@Module({
  providers: [
    {
      provide: STORAGE,
      inject: [APP_CONFIG, LOGGER],
      useFactory: async (config: AppConfig, logger: Logger) => {
        const storage = createStorage(config, (err) =>
          logger.warn({ err }, 'a PostgreSQL connection was lost; the pool opens another when needed'),
        );
        await migrateToLatest(storage.db);
        return storage;
      },
    },
    { provide: DATABASE, inject: [STORAGE], useFactory: (storage: Storage) => storage.db },
    { provide: STORAGE_DRIVER, inject: [STORAGE], useFactory: (storage: Storage) => storage.driver },
  ],
  exports: [DATABASE, STORAGE_DRIVER],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  async onApplicationShutdown() {
    await this.storage.close();
  }
}
