import { Injectable } from '@nestjs/common';
import { apply, type GameState, type HistoryEntry, historyChange, type Role } from '@slimste/engine';
import { type GameLog, REPLAY_PAGE_DEFAULT, type ReplayPage, type StateMessage } from '@slimste/protocol';
import { ApiError, badRequest, notFound } from '../common/api-error.js';
import { ByteLruCache } from '../common/byte-lru-cache.js';
import { type GameOrigin, GameRepository, type StoredEvent } from '../repositories/game.repository.js';
import { toCsv } from './csv.js';
import { gameResults, resultCells } from './game-results.js';
import { estimatedBytes } from './game-size.js';
import { GamesService } from './games.service.js';
import { requireHost } from './host-access.js';
import { stateMessage } from './state-messages.js';

const SCREEN: Role = { role: 'spectator' };

/** A replay keeps the state at every this many versions, so a page replays fewer than this many commands first. */
export const REPLAY_CHECKPOINT_EVERY = 100;
/** Memory for those checkpoints, all games together (estimated as the game cache does). */
export const REPLAY_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * A finished (or running) game's history, for its host: the event log as stored, the results as
 * CSV, and the replay, the screen's `state` at every version. The replay starts from the state the
 * game was created with (`createdState`) and applies the stored commands in order, each with its
 * stored actor and time, as loading a game does; checkpoints every 100 versions (in a bounded
 * cache) make paging through a long game cheap.
 */
@Injectable()
export class GameHistoryService {
  private readonly checkpoints = new ByteLruCache<string, GameState>(REPLAY_CACHE_BYTES, estimatedBytes);

  constructor(
    private readonly games: GamesService,
    private readonly repository: GameRepository,
  ) {}

  /** `GET /api/games/{id}/log`. */
  async log(gameId: string, authorization: string | undefined): Promise<GameLog> {
    await requireHost(this.games, gameId, authorization, 'download the log');
    return this.logOf(gameId);
  }

  /** The whole log of a game, without a check of who asks (the retention sweep archives it). */
  async logOf(gameId: string): Promise<GameLog> {
    const origin = await this.origin(gameId);
    const events = await this.repository.events(gameId);
    return {
      format: 'slimste.game-log',
      gameId,
      code: origin.code,
      createdAt: origin.createdAt,
      version: events.at(-1)?.version ?? 0,
      events: events.map((e) => ({
        version: e.version,
        at: new Date(e.at).toISOString(),
        actor: e.actor,
        command: e.command,
        events: e.events,
      })),
    };
  }

  /** `GET /api/games/{id}/replay`: the screen's state at `count` versions from `from`. */
  async replay(
    gameId: string,
    authorization: string | undefined,
    from: number,
    count = REPLAY_PAGE_DEFAULT,
  ): Promise<ReplayPage> {
    await requireHost(this.games, gameId, authorization, 'replay the game');
    const game = await this.games.current(gameId);
    if (!game) throw notFound(`no game "${gameId}"`);
    if (from > game.version)
      throw badRequest('invalid_range', `from: the game has versions 0 to ${game.version}`, [
        `from: must be at most ${game.version}`,
      ]);
    const to = Math.min(from + count - 1, game.version);
    // The nearest state kept at or before `from`: a checkpoint, else the created state.
    let at = from - (from % REPLAY_CHECKPOINT_EVERY);
    let state: GameState | undefined;
    for (; at > 0; at -= REPLAY_CHECKPOINT_EVERY) {
      state = this.checkpoints.get(key(gameId, at));
      if (state) break;
    }
    let createdAt = 0;
    if (!state) {
      const origin = await this.origin(gameId);
      state = origin.state;
      createdAt = Date.parse(origin.createdAt);
      at = 0;
    }
    const rows = await this.repository.eventRange(gameId, Math.max(at, 1), to);
    const states: StateMessage[] = [];
    if (at === 0 && from === 0) states.push(stateMessage(gameId, 0, state, SCREEN, [], createdAt));
    for (const row of rows) {
      if (row.version > at) {
        state = this.step(gameId, state, row);
        if (row.version % REPLAY_CHECKPOINT_EVERY === 0) this.checkpoints.set(key(gameId, row.version), state);
      }
      if (row.version >= from) states.push(stateMessage(gameId, row.version, state, SCREEN, row.events, row.at));
    }
    return { gameId, code: game.code, from, version: game.version, states };
  }

  /** `GET /api/games/{id}/results.csv`: who found what, what was missed, corrections, seconds after each round. */
  async resultsCsv(gameId: string, authorization: string | undefined): Promise<{ code: string; csv: string }> {
    await requireHost(this.games, gameId, authorization, 'download the results');
    const origin = await this.origin(gameId);
    const events = await this.repository.events(gameId);
    // Replayed from the start, noting the version that pushed each entry of the undo log.
    const versions = new WeakMap<HistoryEntry, number>();
    let state = origin.state;
    for (const row of events) {
      const next = this.step(gameId, state, row);
      const pushed = historyChange(state, next).pushed;
      if (pushed) versions.set(pushed, row.version);
      state = next;
    }
    const rows = gameResults(state, (entry) => versions.get(entry) ?? null);
    return { code: origin.code, csv: toCsv(resultCells(rows)) };
  }

  private async origin(gameId: string): Promise<GameOrigin> {
    const origin = await this.repository.origin(gameId);
    if (!origin) throw notFound(`no game "${gameId}"`);
    return origin;
  }

  /** One stored command applied as it was: its actor, its time. It was accepted once, so it is again. */
  private step(gameId: string, state: GameState, row: StoredEvent): GameState {
    const result = apply(state, row.command, { actor: row.actor, now: row.at });
    if (!result.ok)
      throw new ApiError(
        500,
        'internal_error',
        `game ${gameId}: version ${row.version} does not replay (${result.error.code})`,
      );
    return result.state;
  }
}

const key = (gameId: string, version: number) => `${gameId}@${version}`;
