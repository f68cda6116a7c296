import { mkdirSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DEMO_MEDIA_DIR } from '@slimste/protocol';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { type AppConfig, isOriginAllowed } from './config/app-config.js';
import { connectRedis } from './gateway/redis-adapter.js';
import { SlimsteIoAdapter } from './gateway/socket-io.adapter.js';
import { UPLOADS_URL, uploadsDir } from './services/media.service.js';

/** Question set documents are the largest bodies; a few MB is far more than any real one. */
const JSON_BODY_LIMIT = '2mb';

/** Media are served as inert files: no sniffing, and an SVG can never run script in our origin. */
function mediaHeaders(res: Response) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('Cache-Control', 'public, max-age=3600');
}

export async function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger) {
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : null;
  app.useWebSocketAdapter(new SlimsteIoAdapter(app, config, redis ? (server) => redis.attach(server) : undefined));
  if (redis) process.once('beforeExit', () => void redis.close());
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');

  // Browsers from other origins are refused unless listed (ALLOWED_ORIGINS); default: same origin.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/') && !isOriginAllowed(req.headers.origin, req.headers.host, config)) {
      res.status(403).json({ error: { code: 'origin_not_allowed', message: 'this origin may not use the API' } });
      return;
    }
    next();
  });
  if (config.allowedOrigins) app.enableCors({ origin: config.allowedOrigins });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (req.path.startsWith('/api/')) logger.info(entry, 'http');
      else logger.debug(entry, 'http');
    });
    next();
  });

  mkdirSync(uploadsDir(config), { recursive: true });
  // Uploads first: the demo media directory is served at /media as a whole (its files are under demo/).
  app.useStaticAssets(uploadsDir(config), { prefix: UPLOADS_URL, setHeaders: mediaHeaders, fallthrough: false });
  app.useStaticAssets(DEMO_MEDIA_DIR, { prefix: '/media', setHeaders: mediaHeaders, fallthrough: false });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Slimste API')
      .setDescription(
        'Games, players, question sets and media. Realtime play is on Socket.IO /games: see docs/protocol.md.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
