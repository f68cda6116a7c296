import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { isStorageUnavailable } from '../common/storage-errors.js';
import type { StorageDriver } from '../database/database.js';

/** The games row's columns that change during a game (rarely: a phase, a clock, the end). */
export interface GameRowChange {
  phase: string;
  clockDueAt: number | null;
  finishedAt: string | null;
}

/** Everything one accepted command writes: its event row, the games row when it changed, maybe snapshots. */
export interface AppendRow {
  gameId: string;
  previousVersion: number;
  version: number;
  /** Null when the command left the games row as it was (most do: seconds, answers, picks). */
  game: GameRowChange | null;
  at: string;
  command: string;
  actor: string;
  events: string;
  historyKeep: number;
  historyPush: string;
  snapshots: { slot: 'latest' | 'origin'; state: string }[];
}

/**
 * Thrown when the stored game is no longer at `previousVersion` (another writer won): the event
 * table's primary key (game, version) is the version check, so two writers of the same version
 * never both succeed. Also thrown when the game is gone (deleted).
 */
export class VersionConflictError extends Error {
  constructor(gameId: string, version: number) {
    super(`game ${gameId} is no longer at version ${version}`);
  }
}

/**
 * The hot path of storage: appends one command, one new row (and the games row only when a phase,
 * a clock or the end changed it). Statements are prepared once (Kysely would build and prepare
 * them again for every command); everything else goes through Kysely.
 */
export interface GameEventWriter {
  append(row: AppendRow): Promise<void>;
  /** What it stored since the process started (GET /api/stats; the load tool reads it). */
  readonly stats: WriterStats;
}

export interface WriterStats {
  /** Transactions committed with commands in them (PostgreSQL: one per command). */
  commits: number;
  /** Commands stored. */
  commands: number;
  /** The event loop's time in SQLite's commits, ms; null on PostgreSQL, whose commit is a wait, not work here. */
  commitMs: number | null;
}

// The same SQL for both dialects but for the placeholders (SQLite `?`, PostgreSQL `$n`).
const UPDATE_GAME = 'update games set phase = ?, clock_due_at = ?, updated_at = ?, finished_at = ? where id = ?';
const INSERT_EVENT = `insert into game_events (game_id, version, command, actor, events, at, history_keep, history_push)
  values (?, ?, ?, ?, ?, ?, ?, ?)`;
const UPSERT_SNAPSHOT = `insert into game_snapshots (game_id, slot, version, state) values (?, ?, ?, ?)
  on conflict (game_id, slot) do update set version = excluded.version, state = excluded.state`;

const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/**
 * SQLite: the appends that wait together are committed together, in one transaction (one WAL
 * write instead of one per command); each is acked only after that commit. While commands of
 * several games come in together (the last commit held more than one), a commit follows the one
 * before by at least `commitWindowMs` (SQLITE_COMMIT_WINDOW_MS), so those of a few milliseconds
 * share it (its system calls are most of a command's storage cost). A command with no company (a
 * quiet server, or one game's commands one after the other, which cannot share a commit) is
 * committed at the next turn.
 */
export class SqliteEventWriter implements GameEventWriter {
  private readonly updateGame: SqliteDatabase.Statement;
  private readonly insertEvent: SqliteDatabase.Statement;
  private readonly upsertSnapshot: SqliteDatabase.Statement;
  private readonly commitBatch: (batch: Pending[]) => void;
  private queue: Pending[] = [];
  /** When the last commit began (performance.now()). */
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  /** How many commands the last commit held: more than one, and the next waits for company. */
  private lastBatchSize = 0;
  readonly stats: WriterStats = { commits: 0, commands: 0, commitMs: 0 };

  constructor(
    file: SqliteDatabase.Database,
    private readonly commitWindowMs = 0,
  ) {
    this.updateGame = file.prepare(UPDATE_GAME);
    this.insertEvent = file.prepare(INSERT_EVENT);
    this.upsertSnapshot = file.prepare(UPSERT_SNAPSHOT);
    this.commitBatch = file.transaction((batch: Pending[]) => {
      for (const pending of batch) pending.conflict = !this.write(pending.row);
    });
  }

  append(row: AppendRow): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) this.scheduleFlush();
      this.queue.push({ row, resolve, reject, conflict: false });
    });
  }

  /** Writes one command; false (and nothing written) when the version is taken or the game gone. */
  private write(r: AppendRow): boolean {
    try {
      this.insertEvent.run(r.gameId, r.version, r.command, r.actor, r.events, r.at, r.historyKeep, r.historyPush);
    } catch (err) {
      // Only this statement is undone: the other commands of the batch still commit.
      if (isSqliteConflict(err)) return false;
      throw err;
    }
    const g = r.game;
    if (g) this.updateGame.run(g.phase, g.clockDueAt, r.at, g.finishedAt, r.gameId);
    for (const s of r.snapshots) this.upsertSnapshot.run(r.gameId, s.slot, r.version, s.state);
    return true;
  }

  private scheduleFlush(): void {
    const wait = this.lastBatchSize > 1 ? this.windowLeft() : 0;
    // Timers count whole milliseconds: a wait under one is the next turn's.
    if (wait >= 1) setTimeout(() => this.flushAfterWindow(), wait);
    else setImmediate(() => this.flush());
  }

  /** Milliseconds until the window since the last commit has passed (negative once it has). */
  private windowLeft(): number {
    return this.lastCommitAt + this.commitWindowMs - performance.now();
  }

  /** A timer counts from the event loop's time as of its turn's start, so it may come early: wait out the rest. */
  private flushAfterWindow(): void {
    const left = this.windowLeft();
    if (left >= 1) setTimeout(() => this.flushAfterWindow(), left);
    else this.flush();
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    const started = performance.now();
    this.lastCommitAt = started;
    this.lastBatchSize = batch.length;
    try {
      this.commitBatch(batch);
    } catch (err) {
      // Nothing of the batch was committed: every command in it is refused.
      for (const pending of batch) pending.reject(err);
      return;
    }
    this.stats.commits++;
    this.stats.commitMs = (this.stats.commitMs ?? 0) + (performance.now() - started);
    for (const p of batch) {
      if (p.conflict) p.reject(new VersionConflictError(p.row.gameId, p.row.previousVersion));
      else {
        this.stats.commands++;
        p.resolve();
      }
    }
  }
}

/** The version is already stored (primary key) or the game is gone (foreign key). */
const isSqliteConflict = (err: unknown) =>
  (err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
  (err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';

/** The same for PostgreSQL: unique_violation, foreign_key_violation. */
const isPostgresConflict = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { code?: string }).code === '23503';

interface Pending {
  row: AppendRow;
  resolve: () => void;
  reject: (err: unknown) => void;
  conflict: boolean;
}

/**
 * PostgreSQL: one round trip per command: the event row inserted and, when the command changed
 * it, the games row moved in the same statement (a CTE: atomic on its own), prepared once per
 * connection. The event's primary key is the version check, so two nodes appending the same
 * version never both succeed: the second gets a unique violation, a VersionConflictError here.
 */
export class PostgresEventWriter implements GameEventWriter {
  readonly stats: WriterStats = { commits: 0, commands: 0, commitMs: null };

  constructor(private readonly pool: pg.Pool) {}

  private static readonly INSERT = numbered(INSERT_EVENT);
  private static readonly INSERT_AND_MOVE = numbered(`with appended as (
      ${INSERT_EVENT} returning game_id
    )
    update games set phase = ?, clock_due_at = ?, updated_at = ?, finished_at = ?
    where id = (select game_id from appended)`);
  private static readonly SNAPSHOT = numbered(UPSERT_SNAPSHOT);

  /** The statement for one command, named so each connection prepares it once. */
  private static statement(r: AppendRow): pg.QueryConfig {
    const event = [r.gameId, r.version, r.command, r.actor, r.events, r.at, r.historyKeep, r.historyPush];
    if (!r.game) return { name: 'slimste_append', text: PostgresEventWriter.INSERT, values: event };
    const g = r.game;
    return {
      name: 'slimste_append_move',
      text: PostgresEventWriter.INSERT_AND_MOVE,
      values: [...event, g.phase, g.clockDueAt, r.at, g.finishedAt],
    };
  }

  async append(r: AppendRow): Promise<void> {
    await this.write(r);
    this.stats.commits++;
    this.stats.commands++;
  }

  private async write(r: AppendRow): Promise<void> {
    const conflict = (err: unknown) =>
      isPostgresConflict(err) ? new VersionConflictError(r.gameId, r.previousVersion) : err;
    if (!r.snapshots.length) {
      await this.pool.query(PostgresEventWriter.statement(r)).catch((err) => {
        throw conflict(err);
      });
      return;
    }
    // Now and then a snapshot goes with it: then a transaction of its own.
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      await client.query(PostgresEventWriter.statement(r));
      for (const s of r.snapshots) {
        await client.query({
          name: 'slimste_snapshot',
          text: PostgresEventWriter.SNAPSHOT,
          values: [r.gameId, s.slot, r.version, s.state],
        });
      }
      await client.query('commit');
    } catch (err) {
      // A connection that failed goes back to the pool as broken, so it is closed, not reused.
      if (isStorageUnavailable(err)) broken = err as Error;
      else await client.query('rollback').catch(() => {});
      throw conflict(err);
    } finally {
      client.release(broken);
    }
  }
}

export function createEventWriter(driver: StorageDriver): GameEventWriter {
  return driver.kind === 'sqlite'
    ? new SqliteEventWriter(driver.file, driver.commitWindowMs)
    : new PostgresEventWriter(driver.pool);
}
