import { mkdirSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DEMO_MEDIA_DIR } from '@slimste/protocol';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { addressGroup } from './common/address-group.js';
import { IpRateLimiter } from './common/ip-rate-limiter.js';
import { wrongGuessGuard } from './common/wrong-guesses.js';
import { type AppConfig, isHostAllowed, isOriginAllowed } from './config/app-config.js';
import { GameBroadcaster } from './gateway/game-broadcaster.js';
import { GamesGateway } from './gateway/games.gateway.js';
import { connectRedis } from './gateway/redis-adapter.js';
import { SlimsteIoAdapter } from './gateway/socket-io.adapter.js';
import { UPLOADS_URL, uploadsDir } from './services/media.service.js';

/** After Redis is back, how long each node waits before it sends its sockets their games' state. */
const RESEND_AFTER_MS = 1000;
/** Question set documents are the largest bodies; a few MB is far more than any real one. */
const JSON_BODY_LIMIT = '2mb';
/** Bodies read as JSON (text/plain: see the check below). */
const JSON_BODY_TYPES = ['application/json', 'application/*+json', 'text/plain'];
/** Every other body (a name, a config, an announcement) is a few hundred bytes. */
const SMALL_BODY_LIMIT = 64 * 1024;

/** Media are served as inert files: no sniffing, and an SVG can never run script in our origin. */
function mediaHeaders(res: Response) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('Cache-Control', 'public, max-age=3600');
}

/**
 * The pages: scripts and styles from our own build only; pictures, sound and video also from the
 * http(s) addresses a question set may name; the socket on this host.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "media-src 'self' blob: http: https:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The routes that create something (a row, a file): limited per client address. */
function createsSomething(req: Request): boolean {
  if (req.method !== 'POST') return false;
  return (
    /^\/api\/(games|question-sets|media)\/?$/i.test(req.path) || /^\/api\/games\/[^/]+\/players\/?$/i.test(req.path)
  );
}

/** Express matches routes without regard to case (`/API/games` is `/api/games`), so the checks do too. */
const isApi = (req: Request) => /^\/api\//i.test(req.path);
const isUnder = (req: Request, prefix: string) => req.path.toLowerCase().startsWith(prefix);

/**
 * Who the per-address limits count: the client's address (the connection's, or X-Forwarded-For from
 * a proxy on this machine: 'trust proxy'), an IPv6 address by its /64.
 */
const clientAddress = (req: Request) => addressGroup(req.ip ?? req.socket.remoteAddress ?? '');

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

const apiError = (res: Response, status: number, code: string, message: string) =>
  void res.status(status).json({ error: { code, message } });

export async function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger) {
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : null;
  app.useWebSocketAdapter(new SlimsteIoAdapter(app, config, redis ? (server) => redis.attach(server) : undefined));
  if (redis) {
    process.once('beforeExit', () => void redis.close());
    app.get(GameBroadcaster).useClusterLink(redis);
    // Each node's reader and subscriber reconnect within about half a second of each other
    // (reconnectDelay): sent a little after that, the states cover what crossed Redis meanwhile.
    redis.onResume(() => setTimeout(() => void app.get(GamesGateway).resendStates(), RESEND_AFTER_MS).unref());
  }
  app.set('trust proxy', config.trustProxy);
  // Sockets find their client's address as HTTP requests do (the per-address socket limits).
  app.get(GamesGateway).useTrustProxy(app.getHttpAdapter().getInstance().get('trust proxy fn'));
  app.disable('x-powered-by');

  // First, so refused requests (403, 415, 429) are logged too.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (isApi(req)) logger.info(entry, 'http');
      else logger.debug(entry, 'http');
    });
    next();
  });

  // Every answer: no type sniffing, no Referer (page URLs name games). Swagger UI brings inline scripts.
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!isUnder(req, '/api/docs')) res.setHeader('Content-Security-Policy', PAGE_CSP);
    next();
  });

  // With ALLOWED_HOSTS, a request for another host name is refused (DNS rebinding: a page of another
  // site whose name now points here would pass the Origin check below, its Origin matching its Host).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isHostAllowed(req.headers.host, config)) return next();
    apiError(res, 421, 'host_not_allowed', 'this server does not answer to that host name (ALLOWED_HOSTS)');
  });

  // Browsers from other origins are refused unless listed (ALLOWED_ORIGINS); default: same origin.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApi(req) && !isOriginAllowed(req.headers.origin, req.headers.host, config)) {
      return apiError(res, 403, 'origin_not_allowed', 'this origin may not use the API');
    }
    next();
  });
  // `*` allows every origin: CORS then reflects the caller's Origin (credentials are never used).
  if (config.allowedOrigins)
    app.enableCors({ origin: config.allowedOrigins.includes('*') ? true : config.allowedOrigins });

  // The API speaks JSON: a body of another type would be read as no body at all, so it is refused.
  // text/plain is read as JSON too: it is what fetch() sends when a client forgets the header, and
  // the Origin check above already keeps other sites' forms out.
  // Only question sets are large; other bodies are refused by their declared size before parsing.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const writes = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
    if (!writes || !isApi(req) || isUnder(req, '/api/media') || !hasBody(req)) return next();
    if (!req.is(JSON_BODY_TYPES)) {
      return apiError(res, 415, 'unsupported_media_type', 'send the body as JSON (Content-Type: application/json)');
    }
    const small = !isUnder(req, '/api/question-sets');
    if (small && Number(req.headers['content-length'] ?? 0) > SMALL_BODY_LIMIT) {
      return apiError(res, 413, 'payload_too_large', `request body too large (at most ${SMALL_BODY_LIMIT} bytes here)`);
    }
    next();
  });

  // Creating games, players, question sets and media: a token bucket per client address.
  const limiter = new IpRateLimiter(config.httpRate.perMinute, config.httpRate.burst);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!createsSomething(req) || limiter.take(clientAddress(req))) return next();
    res.setHeader('Retry-After', String(limiter.retryAfterSeconds));
    apiError(res, 429, 'rate_limited', 'too many requests from this address; try again shortly');
  });

  // After the checks above, so a refused request's body is never parsed.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, type: JSON_BODY_TYPES });

  // Guessing tokens or join codes: failing answers to an address that keeps guessing are slowed.
  app.use(wrongGuessGuard(clientAddress));

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
