import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { createStorage, DATABASE, migrateToLatest, STORAGE_DRIVER, type Storage } from './database.js';

const STORAGE = Symbol('STORAGE');

/** The Kysely instance (and the driver under it), migrated to the latest schema before anything uses it. */
@Global()
@Module({
  providers: [
    {
      provide: STORAGE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const storage = createStorage(config);
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
