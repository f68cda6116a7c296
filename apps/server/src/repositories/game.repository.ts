import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type Command,
  createdState,
  type GameEvent,
  type GameSnapshot,
  type GameState,
  type HistoryEntry,
  historyChange,
  replay,
  restoreGame,
  snapshotOf,
} from '@slimste/engine';
import { clockDueAt } from '../common/clock-due.js';
import { DATABASE, type Db, STORAGE_DRIVER, type StorageDriver } from '../database/database.js';
import { isoTime, pushedEntryJson } from './event-row-text.js';
import {
  createEventWriter,
  type GameEventWriter,
  VersionConflictError,
  type WriterStats,
} from './game-event-writer.js';
import { SetDocumentRepository } from './set-document.repository.js';

export { VersionConflictError };

/** A game as loaded from storage: the engine state and the version it is at. */
export interface StoredGame {
  id: string;
  code: string;
  version: number;
  state: GameState;
}

export interface AppendedEvent {
  command: Command;
  actor: Actor;
  events: GameEvent[];
  at: number;
}

/** One stored event row: the accepted command that made `version`. */
export type StoredEvent = AppendedEvent & { version: number };

/** Where a game's history starts (see `GameRepository.origin`). */
export interface GameOrigin {
  id: string;
  code: string;
  /** ISO 8601. */
  createdAt: string;
  /** Version 0: the lobby as created. */
  state: GameState;
}

/** A snapshot every this many commands (and whenever a round begins): loading replays fewer than this. */
export const SNAPSHOT_EVERY = 64;

/**
 * All storage of games. A command appends one event row (with how it changed the undo log; its
 * primary key, game and version, is the optimistic version check) and touches the small games row
 * only when a phase, a clock or the end changed it; the state is snapshotted only now
 * and then, so a command costs the same in the third hour as in the first minute. Loading takes
 * the latest snapshot, folds the log from the event rows and applies the commands after it.
 */
@Injectable()
export class GameRepository {
  private readonly writer: GameEventWriter;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(STORAGE_DRIVER) driver: StorageDriver,
    private readonly sets: SetDocumentRepository,
  ) {
    this.writer = createEventWriter(driver);
  }

  /**
   * Games past their keeping: finished before `finishedBefore`, or unfinished and unchanged since
   * `idleBefore` (ISO times; null: none of that kind), at most `limit`, oldest first.
   */
  async expired(finishedBefore: string | null, idleBefore: string | null, limit: number): Promise<string[]> {
    if (!finishedBefore && !idleBefore) return [];
    const rows = await this.db
      .selectFrom('games')
      .select('id')
      .where((eb) =>
        eb.or([
          ...(finishedBefore
            ? [eb.and([eb('finished_at', 'is not', null), eb('finished_at', '<', finishedBefore)])]
            : []),
          ...(idleBefore ? [eb.and([eb('finished_at', 'is', null), eb('updated_at', '<', idleBefore)])] : []),
        ]),
      )
      .orderBy('updated_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Deletes a game with its events, snapshots and tokens. Its set's document stays: another node
   * may be creating a game of it this instant (set_documents is written once per document, and
   * each node remembers which it wrote), so deleting it could leave that game without its set.
   */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // Children first: PostgreSQL has the cascades too, SQLite only with foreign_keys on.
      await trx.deleteFrom('tokens').where('game_id', '=', id).execute();
      await trx.deleteFrom('game_snapshots').where('game_id', '=', id).execute();
      await trx.deleteFrom('game_events').where('game_id', '=', id).execute();
      const result = await trx.deleteFrom('games').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /** Games not yet finished, of `creator` (null: of everyone). */
  async liveCount(creator: string | null): Promise<number> {
    let query = this.db
      .selectFrom('games')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('finished_at', 'is', null);
    if (creator) query = query.where('created_by', '=', creator);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A new game (version 0, in its lobby): its row, its set's document (once per set) and a first snapshot. */
  async insert(game: StoredGame, createdBy: string | null = null): Promise<void> {
    const now = new Date().toISOString();
    const hash = await this.sets.store(game.state.set);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('games')
        .values({
          id: game.id,
          code: game.code,
          state: '',
          question_set: '',
          set_hash: hash,
          phase: game.state.phase,
          clock_due_at: clockDueAt(game.state),
          created_at: now,
          updated_at: now,
          finished_at: null,
          created_by: createdBy,
        })
        .execute();
      await trx
        .insertInto('game_snapshots')
        .values({
          game_id: game.id,
          slot: 'latest',
          version: game.version,
          state: JSON.stringify(snapshotOf(game.state)),
        })
        .execute();
    });
  }

  async codeExists(code: string): Promise<boolean> {
    const row = await this.db.selectFrom('games').select('id').where('code', '=', code).executeTakeFirst();
    return Boolean(row);
  }

  async idForCode(code: string): Promise<string | null> {
    const row = await this.db.selectFrom('games').select('id').where('code', '=', code).executeTakeFirst();
    return row?.id ?? null;
  }

  /** The version a game is stored at (its last event's; 0 before any), null when there is no such game. */
  async version(id: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('games')
      .leftJoin('game_events', 'game_events.game_id', 'games.id')
      .select((eb) => eb.fn.max('game_events.version').as('version'))
      .where('games.id', '=', id)
      .groupBy('games.id')
      .executeTakeFirst();
    return row ? Number(row.version ?? 0) : null;
  }

  async load(id: string): Promise<StoredGame | null> {
    const game = await this.db
      .selectFrom('games')
      .select(['id', 'code', 'set_hash'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!game?.set_hash) return null;
    const snapshots = await this.db
      .selectFrom('game_snapshots')
      .select(['slot', 'version', 'state'])
      .where('game_id', '=', id)
      .execute();
    const latest = snapshots.find((s) => s.slot === 'latest');
    if (!latest) return null;
    const origin = snapshots.find((s) => s.slot === 'origin');
    const at = Number(latest.version);
    const logRows = await this.db
      .selectFrom('game_events')
      .select(['history_keep', 'history_push'])
      .where('game_id', '=', id)
      .where('version', '<=', at)
      .orderBy('version')
      .execute();
    // The undo log as it was at the snapshot: each command kept a prefix of it and pushed its own entry.
    const entries: HistoryEntry[] = [];
    for (const row of logRows) {
      entries.length = Math.min(entries.length, Number(row.history_keep));
      entries.push(...(JSON.parse(row.history_push) as HistoryEntry[]));
    }
    const snapshot = JSON.parse(latest.state) as GameSnapshot;
    const set = await this.sets.get(game.set_hash);
    if (!set) return null;
    const log = origin ? { origin: JSON.parse(origin.state) as GameSnapshot, entries } : null;
    const restored: StoredGame = { id: game.id, code: game.code, version: at, state: restoreGame(snapshot, set, log) };
    return this.catchUp(restored);
  }

  /** Applies the commands stored after the version `game` is at (another node's, or those since the snapshot). */
  async catchUp(game: StoredGame): Promise<StoredGame> {
    const rows = await this.db
      .selectFrom('game_events')
      .select(['version', 'command', 'actor', 'at'])
      .where('game_id', '=', game.id)
      .where('version', '>', game.version)
      .orderBy('version')
      .execute();
    if (!rows.length) return game;
    const entries = rows.map((r) => ({
      command: JSON.parse(r.command) as Command,
      ctx: { actor: JSON.parse(r.actor) as Actor, now: Date.parse(r.at) },
    }));
    return { ...game, version: Number(rows.at(-1)?.version), state: replay(game.state, entries) };
  }

  /**
   * Appends one accepted command, moving the game from `previousVersion` to the next. Throws
   * VersionConflictError when the stored game is no longer at `previousVersion` (another node won).
   */
  async append(
    id: string,
    previousVersion: number,
    before: GameState,
    state: GameState,
    entry: AppendedEvent,
  ): Promise<number> {
    const version = previousVersion + 1;
    const at = isoTime(entry.at);
    const change = historyChange(before, state);
    const snapshots: { slot: 'latest' | 'origin'; state: string }[] = [];
    const started = before.phase === 'lobby' && state.phase !== 'lobby';
    if (
      started ||
      version % SNAPSHOT_EVERY === 0 ||
      state.roundIndex !== before.roundIndex ||
      state.phase !== before.phase
    ) {
      const json = JSON.stringify(snapshotOf(state));
      snapshots.push({ slot: 'latest', state: json });
      if (started) snapshots.push({ slot: 'origin', state: json });
    }
    const dueAt = clockDueAt(state);
    // The games row holds what a restart and the lists need; most commands leave it as it was.
    const rowChanged = state.phase !== before.phase || dueAt !== clockDueAt(before);
    const command = JSON.stringify(entry.command);
    const actor = JSON.stringify(entry.actor);
    await this.writer.append({
      gameId: id,
      previousVersion,
      version,
      game: rowChanged
        ? { phase: state.phase, clockDueAt: dueAt, finishedAt: state.phase === 'finished' ? at : null }
        : null,
      at,
      command,
      actor,
      events: JSON.stringify(entry.events),
      historyKeep: change.keep,
      historyPush: change.pushed
        ? pushedEntryJson(change.pushed, entry.command, command, entry.actor, actor, entry.at)
        : '[]',
      snapshots,
    });
    return version;
  }

  /** What the hot path stored since the process started (GET /api/stats). */
  writerStats(): WriterStats {
    return { ...this.writer.stats };
  }

  /** Games whose clock is running (due before `before`, when given), to arm their timers. */
  async gamesWithRunningClock(before?: number): Promise<{ id: string; dueAt: number }[]> {
    let query = this.db
      .selectFrom('games')
      .select(['id', 'clock_due_at'])
      .where('clock_due_at', 'is not', null)
      .where('finished_at', 'is', null);
    if (before !== undefined) query = query.where('clock_due_at', '<', before);
    const rows = await query.execute();
    return rows.map((r) => ({ id: r.id, dueAt: Number(r.clock_due_at) }));
  }

  /**
   * Where a game's history starts: its row and the state it was created with (version 0, the empty
   * lobby), rebuilt from a stored snapshot (`createdState`: the origin, else the latest). Null for
   * an unknown game.
   */
  async origin(id: string): Promise<GameOrigin | null> {
    const game = await this.db
      .selectFrom('games')
      .select(['id', 'code', 'set_hash', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!game?.set_hash) return null;
    const snapshots = await this.db
      .selectFrom('game_snapshots')
      .select(['slot', 'state'])
      .where('game_id', '=', id)
      .execute();
    const snapshot = snapshots.find((s) => s.slot === 'origin') ?? snapshots.find((s) => s.slot === 'latest');
    if (!snapshot) return null;
    const set = await this.sets.get(game.set_hash);
    if (!set) return null;
    return {
      id: game.id,
      code: game.code,
      createdAt: game.created_at,
      state: createdState(JSON.parse(snapshot.state) as GameSnapshot, set),
    };
  }

  /** Every stored event of a game, oldest first. */
  events(id: string): Promise<StoredEvent[]> {
    return this.eventRange(id, 1, null);
  }

  /**
   * The stored events of versions `from` to `to` (both included; `to` null: to the last), oldest
   * first. (PostgreSQL's integer column refuses a bound beyond 2^31, so no "infinite" number.)
   */
  async eventRange(id: string, from: number, to: number | null): Promise<StoredEvent[]> {
    let query = this.db
      .selectFrom('game_events')
      .select(['version', 'command', 'actor', 'events', 'at'])
      .where('game_id', '=', id)
      .where('version', '>=', from);
    if (to !== null) query = query.where('version', '<=', to);
    const rows = await query.orderBy('version').execute();
    return rows.map((r) => ({
      version: Number(r.version),
      command: JSON.parse(r.command) as Command,
      actor: JSON.parse(r.actor) as Actor,
      events: JSON.parse(r.events) as GameEvent[],
      at: Date.parse(r.at),
    }));
  }
}
