import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { configureHttp } from './http-setup.js';
import { createRootLogger, PinoNestLogger } from './logging/logger.js';

/**
 * Node's pool for small Buffers, 8 KiB by default: every `state` frame (about 1 KB of JSON) is a
 * Buffer cut from it, and a frame needs room for up to 4 bytes a character, so a new pool was
 * allocated every six or seven frames (a command sends five). 64 KiB lasts about 60 frames: under
 * the 1,000-games load, allocating pools fell from 2.7 % of the main thread's busy time to 0.1 %,
 * memory per socket unchanged (docs/PERFORMANCE.md, fourth pass).
 */
Buffer.poolSize = 64 * 1024;

async function bootstrap() {
  const config = loadConfig();
  const logger = createRootLogger(config.logLevel);
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  await configureHttp(app, config, logger);
  app.enableShutdownHooks();
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.info(
    { port, dataDir: config.dataDir, storage: config.databaseUrl ? 'postgresql' : 'sqlite' },
    `Slimste listening on http://localhost:${port}`,
  );
}

bootstrap().catch((err) => {
  console.error(err);
  process.exit(1);
});
