import { resolve } from 'node:path';
import { z } from 'zod';

/** Everything the server reads from its environment, parsed once at boot. */
export interface AppConfig {
  port: number;
  /** Absolute path; the SQLite file and uploaded media live here. */
  dataDir: string;
  /** postgres://... switches storage to PostgreSQL; null means SQLite under dataDir. */
  databaseUrl: string | null;
  /** Origins allowed to talk to the server; null means same origin only. */
  allowedOrigins: string[] | null;
  /** Bearer token for operator endpoints (announcements); null disables them. */
  adminToken: string | null;
  /**
   * The host names this server answers to (ALLOWED_HOSTS, lower case, without port); null: any.
   * A request for another Host gets 421: a DNS-rebinding page then cannot reach the API.
   */
  allowedHosts: string[] | null;
  logLevel: string;
  redisUrl: string | null;
  /** Per-socket message rate limit: a token bucket refilled at `perSecond`, holding at most `burst`. */
  socketRate: { perSecond: number; burst: number };
  /** What all sockets of one client address (an IPv6 /64) share: how many may be open, and one message budget. */
  addressSockets: { max: number; perSecond: number; burst: number };
  /**
   * Per-IP limit on the HTTP routes that create something (games, players, question sets, media):
   * a token bucket refilled at `perMinute`, holding at most `burst`.
   */
  httpRate: { perMinute: number; burst: number };
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For names the client (for the per-address
   * limits). Default `loopback`: a proxy on this machine.
   */
  trustProxy: boolean | number | string;
  /** How many bytes uploaded media may take on disk in all (MEDIA_QUOTA_MB, default 1024 MB). */
  mediaQuotaBytes: number;
  /**
   * The address players open (PUBLIC_URL), e.g. `https://quiz.example.org` behind a proxy: the QR
   * code and the join link carry it. Null: the address the page was opened at (or, for localhost,
   * this machine's address on the local network).
   */
  publicUrl: string | null;
  /** Memory for loaded games (GAME_CACHE_MB, default 512 MB); past it the least recent are let go. */
  gameCacheBytes: number;
  /**
   * Commands one game may take (MAX_GAME_COMMANDS, default 20,000: a whole evening of six rounds
   * is a few hundred); past it every command is refused with `game_too_long`, so no host can grow
   * a game's history without bound.
   */
  maxGameCommands: number;
  /** What one client address (an IPv6 /64) may keep stored, and the whole server: see docs/server.md, "Quotas". */
  quotas: { setsPerAddress: number; sets: number; liveGamesPerAddress: number; liveGames: number };
  /**
   * When games are deleted (after their log is archived, unless `archive` is off): a finished game
   * `finishedDays` after its end, any other `idleDays` after it last changed; null keeps them.
   */
  retention: { finishedDays: number | null; idleDays: number | null; archive: boolean; sweepEveryMs: number };
  /** SQLite's `synchronous` (SQLITE_SYNCHRONOUS): `normal` survives a killed process, `full` a power cut too. */
  sqliteSynchronous: 'normal' | 'full';
  /**
   * SQLite, under load: the least time between two commits (SQLITE_COMMIT_WINDOW_MS, 0-50, default
   * 3): the commands of several games in that window share one commit, each acked after it
   * (docs/server.md).
   */
  sqliteCommitWindowMs: number;
  /**
   * The game's call (issue 11): STUN/TURN servers every peer gets (ICE_SERVERS, JSON, the
   * browser's `RTCIceServer[]`), the TURN servers the server hands time-limited credentials for
   * (TURN_URLS, comma-separated, with TURN_SECRET: coturn's `static-auth-secret`; TURN_TTL_SECONDS,
   * default 4 hours), and ICE_TRANSPORT_POLICY (`all`, or `relay`: media only through TURN).
   */
  ice: {
    servers: { urls: string | string[]; username?: string; credential?: string }[];
    turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
    transportPolicy: 'all' | 'relay';
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** `true`/`false`, a hop count, or addresses and subnets (`loopback, 10.0.0.0/8`) as Express reads them. */
function trustProxy(value: string | undefined): boolean | number | string {
  const v = nonEmpty(value);
  if (!v) return 'loopback';
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

/** ADMIN_TOKEN opens every question set: one short enough to guess is refused at start. */
function adminToken(value: string | undefined): string | null {
  const v = nonEmpty(value);
  if (v !== null && v.length < 16) {
    throw new Error('ADMIN_TOKEN: at least 16 characters (it opens every question set), e.g. `openssl rand -hex 16`');
  }
  return v;
}

/** ALLOWED_HOSTS: comma-separated host names (`quiz.example.org, localhost`), ports ignored. */
function allowedHosts(value: string | undefined): string[] | null {
  const v = nonEmpty(value);
  if (!v) return null;
  const hosts = v
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  for (const h of hosts) {
    if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(h)) throw new Error(`ALLOWED_HOSTS: not a host name: ${h}`);
  }
  return hosts;
}

/** Whether a request's Host header names this server (always, without ALLOWED_HOSTS). */
export function isHostAllowed(host: string | undefined, config: AppConfig): boolean {
  if (!config.allowedHosts) return true;
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return config.allowedHosts.includes(name);
}

/** PUBLIC_URL: an http(s) origin, without a path (the app is served at the root). */
function publicUrl(value: string | undefined): string | null {
  const v = nonEmpty(value);
  if (!v) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new Error(`PUBLIC_URL: not a URL: ${v}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('PUBLIC_URL: must start with http:// or https://');
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash) {
    throw new Error('PUBLIC_URL: an origin such as https://quiz.example.org, without a path');
  }
  return url.origin;
}

function sqliteSynchronous(value: string | undefined): 'normal' | 'full' {
  const v = nonEmpty(value)?.toLowerCase() ?? 'normal';
  if (v !== 'normal' && v !== 'full') throw new Error('SQLITE_SYNCHRONOUS: normal or full');
  return v;
}

function commitWindow(value: string | undefined): number {
  if (!nonEmpty(value)) return 3;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 50) throw new Error('SQLITE_COMMIT_WINDOW_MS: milliseconds, 0 to 50');
  return n;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (!nonEmpty(value)) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: must be a positive number`);
  return n;
}

/** A number of days (fractions allowed), or `never` / `0`: keep for ever (null). */
function days(value: string | undefined, fallback: number, name: string): number | null {
  const v = nonEmpty(value)?.toLowerCase();
  if (!v) return fallback;
  if (v === 'never' || v === '0') return null;
  return positive(v, fallback, `${name} (a number of days, or never)`);
}

function onOff(value: string | undefined, fallback: boolean, name: string): boolean {
  const v = nonEmpty(value)?.toLowerCase();
  if (!v) return fallback;
  if (v === 'on' || v === 'true' || v === '1') return true;
  if (v === 'off' || v === 'false' || v === '0') return false;
  throw new Error(`${name}: on or off`);
}

const iceUrl = z.string().regex(/^(stun|stuns|turn|turns):\S+$/, { error: 'a stun:, stuns:, turn: or turns: URL' });
const iceServersSchema = z
  .array(
    z.object({
      urls: z.union([iceUrl, z.array(iceUrl).min(1)]),
      username: z.string().optional(),
      credential: z.string().optional(),
    }),
  )
  .max(10);

function iceConfig(env: NodeJS.ProcessEnv): AppConfig['ice'] {
  const raw = nonEmpty(env.ICE_SERVERS);
  let servers: AppConfig['ice']['servers'] = [];
  if (raw) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error('ICE_SERVERS: not JSON; e.g. [{"urls":"stun:stun.example.org:3478"}]');
    }
    const parsed = iceServersSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `ICE_SERVERS: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'} (a JSON array of RTCIceServer)`,
      );
    }
    servers = parsed.data;
  }
  const turnUrls = nonEmpty(env.TURN_URLS)
    ?.split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const secret = nonEmpty(env.TURN_SECRET);
  if (turnUrls?.length && !secret) throw new Error("TURN_URLS needs TURN_SECRET (coturn's static-auth-secret)");
  if (secret && !turnUrls?.length) throw new Error('TURN_SECRET needs TURN_URLS, e.g. turn:turn.example.org:3478');
  for (const url of turnUrls ?? []) {
    if (!/^turns?:\S+$/.test(url)) throw new Error(`TURN_URLS: not a turn: or turns: URL: ${url}`);
  }
  const ttlSeconds = Math.floor(positive(env.TURN_TTL_SECONDS, 4 * 3600, 'TURN_TTL_SECONDS'));
  const policy = nonEmpty(env.ICE_TRANSPORT_POLICY)?.toLowerCase() ?? 'all';
  if (policy !== 'all' && policy !== 'relay') throw new Error('ICE_TRANSPORT_POLICY: all or relay');
  return {
    servers,
    turn: secret && turnUrls?.length ? { urls: turnUrls, secret, ttlSeconds } : null,
    transportPolicy: policy,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(nonEmpty(env.PORT) ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: not a port number: ${env.PORT}`);
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL: only postgres:// URLs are supported');
  }
  const logLevel = nonEmpty(env.LOG_LEVEL)?.toLowerCase() ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}`);
  const origins = nonEmpty(env.ALLOWED_ORIGINS)
    ?.split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  return {
    port,
    // Relative to where the command was typed: `npm start` at the root keeps its data in ./data there.
    dataDir: resolve(nonEmpty(env.INIT_CWD) ?? process.cwd(), nonEmpty(env.DATA_DIR) ?? './data'),
    databaseUrl,
    allowedOrigins: origins?.length ? origins : null,
    adminToken: adminToken(env.ADMIN_TOKEN),
    allowedHosts: allowedHosts(env.ALLOWED_HOSTS),
    logLevel,
    redisUrl: nonEmpty(env.REDIS_URL),
    socketRate: {
      perSecond: positive(env.SOCKET_RATE_PER_SECOND, 20, 'SOCKET_RATE_PER_SECOND'),
      burst: positive(env.SOCKET_RATE_BURST, 40, 'SOCKET_RATE_BURST'),
    },
    addressSockets: {
      max: Math.floor(positive(env.MAX_SOCKETS_PER_ADDRESS, 500, 'MAX_SOCKETS_PER_ADDRESS')),
      perSecond: positive(env.SOCKET_RATE_PER_ADDRESS_PER_SECOND, 300, 'SOCKET_RATE_PER_ADDRESS_PER_SECOND'),
      burst: positive(env.SOCKET_RATE_PER_ADDRESS_BURST, 600, 'SOCKET_RATE_PER_ADDRESS_BURST'),
    },
    httpRate: {
      perMinute: positive(env.HTTP_RATE_PER_MINUTE, 120, 'HTTP_RATE_PER_MINUTE'),
      burst: positive(env.HTTP_RATE_BURST, 200, 'HTTP_RATE_BURST'),
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
    mediaQuotaBytes: Math.floor(positive(env.MEDIA_QUOTA_MB, 1024, 'MEDIA_QUOTA_MB') * 1024 * 1024),
    publicUrl: publicUrl(env.PUBLIC_URL),
    gameCacheBytes: Math.floor(positive(env.GAME_CACHE_MB, 512, 'GAME_CACHE_MB') * 1024 * 1024),
    maxGameCommands: Math.floor(positive(env.MAX_GAME_COMMANDS, 20_000, 'MAX_GAME_COMMANDS')),
    quotas: {
      setsPerAddress: Math.floor(positive(env.MAX_SETS_PER_ADDRESS, 100, 'MAX_SETS_PER_ADDRESS')),
      sets: Math.floor(positive(env.MAX_QUESTION_SETS, 10_000, 'MAX_QUESTION_SETS')),
      liveGamesPerAddress: Math.floor(positive(env.MAX_LIVE_GAMES_PER_ADDRESS, 200, 'MAX_LIVE_GAMES_PER_ADDRESS')),
      liveGames: Math.floor(positive(env.MAX_LIVE_GAMES, 20_000, 'MAX_LIVE_GAMES')),
    },
    retention: {
      finishedDays: days(env.GAME_RETENTION_DAYS, 30, 'GAME_RETENTION_DAYS'),
      idleDays: days(env.IDLE_GAME_DAYS, 7, 'IDLE_GAME_DAYS'),
      archive: onOff(env.GAME_ARCHIVE, true, 'GAME_ARCHIVE'),
      sweepEveryMs: positive(env.RETENTION_SWEEP_SECONDS, 3600, 'RETENTION_SWEEP_SECONDS') * 1000,
    },
    sqliteSynchronous: sqliteSynchronous(env.SQLITE_SYNCHRONOUS),
    sqliteCommitWindowMs: commitWindow(env.SQLITE_COMMIT_WINDOW_MS),
    ice: iceConfig(env),
  };
}

/**
 * The Origin check shared by HTTP CORS and the Socket.IO handshake. No Origin header at all
 * (a non-browser client) is allowed; a browser's Origin must be listed, or by default match the Host.
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, config: AppConfig): boolean {
  if (!origin) return true;
  const normalized = origin.replace(/\/+$/, '');
  if (config.allowedOrigins) return config.allowedOrigins.includes(normalized) || config.allowedOrigins.includes('*');
  try {
    return new URL(normalized).host === host;
  } catch {
    return false;
  }
}
