import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  apply,
  type Command,
  configProblems,
  createGame,
  drawGridOrders,
  type EngineError,
  type GameConfigInput,
  type GameEvent,
  type GameState,
  resolveConfig,
  view,
} from '@slimste/engine';
import type { StateMessage } from '@slimste/protocol';
import type { Logger } from 'pino';
import { ApiError, badRequest, conflict, invalidConfig, notFound } from '../common/api-error.js';
import { ByteLruCache } from '../common/byte-lru-cache.js';
import { randomCode, randomId, randomPlayerId } from '../common/ids.js';
import { KeyedLock } from '../common/keyed-lock.js';
import { STORAGE_UNAVAILABLE, STORAGE_UNAVAILABLE_MESSAGE, storageUnavailable } from '../common/storage-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../logging/logger.js';
import { GameRepository, type StoredGame, VersionConflictError } from '../repositories/game.repository.js';
import { QuestionSetRepository } from '../repositories/question-set.repository.js';
import { SetDocumentRepository } from '../repositories/set-document.repository.js';
import { TokenRepository } from '../repositories/token.repository.js';
import { GameChangeBus } from './game-change-bus.js';
import { type GameRole, viewRole } from './game-role.js';
import { estimatedBytes } from './game-size.js';
import { DEFAULT_QUESTION_SET_ID } from './question-set.service.js';
import { QuestionSetAccess } from './question-set-access.js';
import { stateMessage } from './state-messages.js';
import { StorageHealth } from './storage-health.js';
import { StorageQuotas } from './storage-quotas.js';

export const SYSTEM: Actor = { role: 'system' };

export interface ServiceError {
  code: string;
  message: string;
}

export type ExecuteResult =
  | { ok: true; version: number; events: GameEvent[]; state: GameState }
  | { ok: false; error: ServiceError | EngineError };

/** What a socket receives as `state`: its role's view of the game, named and versioned. */
export type StatePayload = StateMessage;

export interface GameSummary {
  id: string;
  code: string;
  title: string;
  language: string;
  phase: GameState['phase'];
  maxPlayers: number;
  version: number;
  players: { id: string; name: string; seat: number; seconds: number }[];
}

const MAX_ATTEMPTS = 8;
const TOKEN_BYTES = 24;

/**
 * The games: create, join, and run every command through the engine. Each accepted command is
 * stored (one event row, the optimistic version check) before anyone hears of it.
 */
@Injectable()
export class GamesService {
  /** Loaded games, bounded by their estimated size (GAME_CACHE_MB); question sets are shared, not counted. */
  private readonly cache: ByteLruCache<string, StoredGame>;
  private readonly locks = new KeyedLock();
  /** PostgreSQL may be shared by several processes; an SQLite file belongs to this one. */
  private readonly sharedStorage: boolean;
  private readonly maxCommands: number;

  constructor(
    private readonly games: GameRepository,
    private readonly tokens: TokenRepository,
    private readonly questionSets: QuestionSetRepository,
    private readonly setDocuments: SetDocumentRepository,
    private readonly setAccess: QuestionSetAccess,
    private readonly bus: GameChangeBus,
    private readonly storage: StorageHealth,
    private readonly quotas: StorageQuotas,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sharedStorage = config.databaseUrl !== null;
    this.maxCommands = config.maxGameCommands;
    this.cache = new ByteLruCache(config.gameCacheBytes, (game) => estimatedBytes(game.state));
  }

  /**
   * Creates a game. The host view shows every answer, so a set other than a demo set needs its
   * edit token (or ADMIN_TOKEN) as bearer, exactly as reading it does. `authorization` is the
   * request's Authorization header.
   */
  async create(
    input: { questionSetId?: string; config?: GameConfigInput },
    authorization?: string,
    creator: string | null = null,
  ) {
    const setId = input.questionSetId ?? DEFAULT_QUESTION_SET_ID;
    const set = await this.questionSets.get(setId);
    if (!set) throw badRequest('unknown_question_set', `no question set "${setId}"`);
    this.setAccess.requireReader(set, authorization);
    const config = resolveConfig(input.config ?? {});
    const problems = configProblems(config, set.document);
    if (problems.length) throw invalidConfig(problems);
    // Every game of this set shares one copy of it in memory.
    const document = this.setDocuments.intern(set.document);
    // The puzzle grids' order from crypto randomness, each puzzle's on its own (see drawGridOrders).
    const state = createGame(
      document,
      config,
      randomInt(2 ** 31),
      drawGridOrders(document, (n) => randomInt(n)),
    );
    await this.quotas.requireRoomForGame(creator);
    const id = randomId();
    const hostToken = randomId(TOKEN_BYTES);
    const code = await this.insertWithUniqueCode(id, state, creator);
    await this.tokens.insert(hostToken, { gameId: id, role: 'host' });
    this.logger.info({ gameId: id, code, questionSetId: setId }, 'game created');
    return { id, code, hostToken };
  }

  /** Joins the lobby by code: a new player and their token. */
  async join(code: string, name: string) {
    const gameId = await this.games.idForCode(code.trim().toUpperCase());
    if (!gameId) throw notFound(`no game with code "${code}"`);
    const game = await this.current(gameId);
    if (!game) throw notFound(`no game with code "${code}"`);
    if (game.state.phase !== 'lobby') throw conflict('already_started', 'the game has already started');
    if (game.state.players.length >= game.state.config.players) throw conflict('game_full', 'the game is full');
    const playerId = randomPlayerId();
    const result = await this.execute(gameId, SYSTEM, { type: 'lobby.join', playerId, name });
    if (!result.ok) {
      if (result.error.code === 'game_full') throw conflict('game_full', result.error.message);
      if (result.error.code === 'name_taken') throw conflict('name_taken', result.error.message);
      if (result.error.code === 'wrong_phase') throw conflict('already_started', result.error.message);
      if (result.error.code === STORAGE_UNAVAILABLE) throw storageUnavailable();
      throw badRequest(result.error.code, result.error.message);
    }
    const token = randomId(TOKEN_BYTES);
    await this.tokens.insert(token, { gameId, role: 'player', playerId });
    this.logger.info({ gameId, playerId }, 'player joined');
    return { gameId, playerId, token };
  }

  /** The public summary of a game, by id or by join code. */
  async summary(idOrCode: string): Promise<GameSummary> {
    const id = (await this.games.idForCode(idOrCode.toUpperCase())) ?? idOrCode;
    const game = await this.current(id);
    if (!game) throw notFound(`no game "${idOrCode}"`);
    const v = view(game.state, { role: 'spectator' }, Date.now());
    return {
      id: game.id,
      code: game.code,
      title: v.title,
      language: v.language,
      phase: v.phase,
      maxPlayers: v.maxPlayers,
      version: game.version,
      players: v.players.map(({ id, name, seat, seconds }) => ({ id, name, seat, seconds })),
    };
  }

  /**
   * Decides who a token makes you in a game: no token is a spectator; a token must belong to this
   * game (a token of one game opens no other), and a player's token stops working once removed.
   */
  async authorize(gameId: string, token: string | undefined): Promise<GameRole | ServiceError> {
    const game = await this.current(gameId);
    if (!game) return { code: 'unknown_game', message: `no game "${gameId}"` };
    if (token === undefined) return { role: 'spectator' };
    const grant = await this.tokens.find(token);
    if (!grant || grant.gameId !== gameId) return { code: 'forbidden', message: 'this token does not open this game' };
    if (grant.role === 'host') return { role: 'host' };
    if (grant.role === 'screen') return { role: 'screen' };
    if (!game.state.players.some((p) => p.id === grant.playerId)) {
      return { code: 'forbidden', message: 'this player is no longer in the game' };
    }
    return { role: 'player', playerId: grant.playerId };
  }

  /** A role's `state` as of now (after a join: no events). */
  async state(gameId: string, role: GameRole): Promise<StatePayload | null> {
    const game = await this.current(gameId);
    return game ? stateMessage(game.id, game.version, game.state, viewRole(role), []) : null;
  }

  /** Lets a deleted game go from memory (GameRetentionService). */
  forget(gameId: string): void {
    this.cache.delete(gameId);
  }

  /** The games held in memory and their estimated bytes (for /api/stats). */
  cacheStats(): { cachedGames: number; cachedBytes: number } {
    return { cachedGames: this.cache.size, cachedBytes: this.cache.bytes };
  }

  /** Runs one command through the engine and stores it; a rejected command changes nothing. */
  execute(gameId: string, actor: Actor, command: Command): Promise<ExecuteResult> {
    return this.locks.run(gameId, () => this.executeLocked(gameId, actor, command));
  }

  private async executeLocked(gameId: string, actor: Actor, command: Command): Promise<ExecuteResult> {
    // Nearly always cached: then no promise to wait on.
    let game = this.cache.get(gameId) ?? (await this.loaded(gameId));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (!game) return { ok: false, error: { code: 'unknown_game', message: `no game "${gameId}"` } };
      if (game.version >= this.maxCommands) {
        const message = `this game has reached its limit of ${this.maxCommands} actions: start a new game (Play again keeps the players)`;
        return { ok: false, error: { code: 'game_too_long', message } };
      }
      const now = Date.now();
      const result = apply(game.state, command, { actor, now });
      if (!result.ok) {
        // With storage shared by several nodes the cache may be behind: a refusal must not rest on it.
        if (!this.sharedStorage) return result;
        const fresh = await this.caughtUp(game);
        if (!fresh || fresh.version === game.version) return result;
        game = fresh;
        continue;
      }
      let version: number;
      try {
        version = await this.games.append(gameId, game.version, game.state, result.state, {
          command,
          actor,
          events: result.events,
          at: now,
        });
      } catch (err) {
        // A full disk or a database gone away: nothing was stored, the cache keeps the stored
        // version, and the same command works again once storage does.
        if (this.storage.failed(err)) {
          return { ok: false, error: { code: STORAGE_UNAVAILABLE, message: STORAGE_UNAVAILABLE_MESSAGE } };
        }
        if (!(err instanceof VersionConflictError)) throw err;
        // Another node moved the game on: catch up with what it stored and apply again.
        game = await this.caughtUp(game);
        continue;
      }
      this.storage.succeeded();
      // A finished game leaves memory (its last screens are sent below; a later read loads it from
      // its end-of-game snapshot), so an evening of games does not fill the cache with finished ones.
      if (result.state.phase === 'finished') this.cache.delete(gameId);
      else this.cache.set(gameId, { ...game, version, state: result.state });
      if (command.type === 'lobby.remove') await this.tokens.revokePlayer(gameId, command.playerId);
      this.bus.publish({ gameId, version, state: result.state, events: result.events, command, actor });
      return { ok: true, version, events: result.events, state: result.state };
    }
    return { ok: false, error: { code: 'conflict', message: 'the game changed too often; try again' } };
  }

  /**
   * The game as stored now: the cache when it is at the stored version, else caught up. With
   * storage of its own (SQLite) nobody else writes, so the cache needs no check.
   */
  async current(gameId: string): Promise<StoredGame | null> {
    const cached = this.cache.get(gameId);
    if (!cached) return this.loaded(gameId);
    if (!this.sharedStorage) return cached;
    const version = await this.games.version(gameId);
    if (version === cached.version) return cached;
    if (version === null) {
      this.cache.delete(gameId);
      return null;
    }
    return this.caughtUp(cached);
  }

  /** The game from the cache, or loaded from storage (no freshness check: commands check by appending). */
  private async loaded(gameId: string): Promise<StoredGame | null> {
    const cached = this.cache.get(gameId);
    if (cached) return cached;
    const game = await this.games.load(gameId);
    if (game) this.keep(game);
    return game;
  }

  /** `game` with the commands other nodes stored since; null when the game is gone. */
  private async caughtUp(game: StoredGame): Promise<StoredGame | null> {
    try {
      const fresh = await this.games.catchUp(game);
      this.keep(fresh);
      return fresh;
    } catch (err) {
      // A log that does not replay onto the cached state (it should): start again from storage.
      this.logger.warn({ err, gameId: game.id }, 'could not catch up a cached game; loading it again');
      this.cache.delete(game.id);
      return this.loaded(game.id);
    }
  }

  /** Caches a game unless the cache already holds a later version of it. */
  private keep(game: StoredGame): void {
    const held = this.cache.peek(game.id);
    if (held && held.version >= game.version) return;
    this.cache.set(game.id, game);
    this.bus.publishLoaded(game.id, game.state);
  }

  private async insertWithUniqueCode(id: string, state: GameState, creator: string | null): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = randomCode();
      if (await this.games.codeExists(code)) continue;
      try {
        await this.games.insert({ id, code, version: 0, state }, creator);
        return code;
      } catch (err) {
        // A concurrent insert took the code between the check and the insert: try another.
        if (await this.games.codeExists(code)) continue;
        throw err;
      }
    }
    throw new ApiError(503, 'no_code', 'could not find a free join code');
  }
}
