import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { configureHttp } from './http-setup.js';
import { createRootLogger, PinoNestLogger } from './logging/logger.js';

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
