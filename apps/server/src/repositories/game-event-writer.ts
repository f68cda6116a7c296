import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { StorageDriver } from '../database/database.js';

/** Everything one accepted command writes: the small games row, its event row, maybe snapshots. */
export interface AppendRow {
  gameId: string;
  previousVersion: number;
  version: number;
  phase: string;
  clockDueAt: number | null;
  at: string;
  finishedAt: string | null;
  command: string;
  actor: string;
  events: string;
  historyKeep: number;
  historyPush: string;
  snapshots: { slot: 'latest' | 'origin'; state: string }[];
}

/** Thrown when the stored game is no longer at `previousVersion` (another writer won). */
export class VersionConflictError extends Error {
  constructor(gameId: string, version: number) {
    super(`game ${gameId} is no longer at version ${version}`);
  }
}

/**
 * The hot path of storage: appends one command. Statements are prepared once (Kysely would build
 * and prepare them again for every command); everything else goes through Kysely.
 */
export interface GameEventWriter {
  append(row: AppendRow): Promise<void>;
}

// The same SQL for both dialects but for the placeholders (SQLite `?`, PostgreSQL `$n`).
const UPDATE_GAME = `update games set version = ?, phase = ?, clock_due_at = ?, updated_at = ?, finished_at = ?
  where id = ? and version = ?`;
const INSERT_EVENT = `insert into game_events (game_id, version, command, actor, events, at, history_keep, history_push)
  values (?, ?, ?, ?, ?, ?, ?, ?)`;
const UPSERT_SNAPSHOT = `insert into game_snapshots (game_id, slot, version, state) values (?, ?, ?, ?)
  on conflict (game_id, slot) do update set version = excluded.version, state = excluded.state`;

const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/**
 * SQLite: the appends of one event-loop turn are committed together, in one transaction (one WAL
 * write instead of one per command); each is acked only after that commit.
 */
export class SqliteEventWriter implements GameEventWriter {
  private readonly updateGame: SqliteDatabase.Statement;
  private readonly insertEvent: SqliteDatabase.Statement;
  private readonly upsertSnapshot: SqliteDatabase.Statement;
  private readonly commitBatch: (batch: Pending[]) => void;
  private queue: Pending[] = [];

  constructor(file: SqliteDatabase.Database) {
    this.updateGame = file.prepare(UPDATE_GAME);
    this.insertEvent = file.prepare(INSERT_EVENT);
    this.upsertSnapshot = file.prepare(UPSERT_SNAPSHOT);
    this.commitBatch = file.transaction((batch: Pending[]) => {
      for (const pending of batch) pending.conflict = !this.write(pending.row);
    });
  }

  append(row: AppendRow): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ row, resolve, reject, conflict: false });
    });
  }

  /** Writes one command; false (and nothing written) when the game is not at the expected version. */
  private write(r: AppendRow): boolean {
    const moved = this.updateGame.run(
      r.version,
      r.phase,
      r.clockDueAt,
      r.at,
      r.finishedAt,
      r.gameId,
      r.previousVersion,
    );
    if (moved.changes !== 1) return false;
    this.insertEvent.run(r.gameId, r.version, r.command, r.actor, r.events, r.at, r.historyKeep, r.historyPush);
    for (const s of r.snapshots) this.upsertSnapshot.run(r.gameId, s.slot, r.version, s.state);
    return true;
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    try {
      this.commitBatch(batch);
    } catch (err) {
      // Nothing of the batch was committed: every command in it is refused.
      for (const pending of batch) pending.reject(err);
      return;
    }
    for (const p of batch) {
      if (p.conflict) p.reject(new VersionConflictError(p.row.gameId, p.row.previousVersion));
      else p.resolve();
    }
  }
}

interface Pending {
  row: AppendRow;
  resolve: () => void;
  reject: (err: unknown) => void;
  conflict: boolean;
}

/**
 * PostgreSQL: one round trip per command. The games row moves and the event is inserted in one
 * statement (a CTE: atomic on its own), prepared once per connection; the version check is the
 * update's `where`, so two nodes appending the same version never both succeed.
 */
export class PostgresEventWriter implements GameEventWriter {
  constructor(private readonly pool: pg.Pool) {}

  private static readonly APPEND = numbered(`with moved as (
      update games set version = ?, phase = ?, clock_due_at = ?, updated_at = ?, finished_at = ?
      where id = ? and version = ? returning id
    ), appended as (
      insert into game_events (game_id, version, command, actor, events, at, history_keep, history_push)
      select id, ?, ?, ?, ?, ?, ?, ? from moved returning 1
    )
    select count(*)::int as n from appended`);
  private static readonly SNAPSHOT = numbered(UPSERT_SNAPSHOT);

  async append(r: AppendRow): Promise<void> {
    const values = [
      ...[r.version, r.phase, r.clockDueAt, r.at, r.finishedAt, r.gameId, r.previousVersion],
      ...[r.version, r.command, r.actor, r.events, r.at, r.historyKeep, r.historyPush],
    ];
    if (!r.snapshots.length) {
      const result = await this.pool.query({ name: 'slimste_append', text: PostgresEventWriter.APPEND, values });
      if (result.rows[0]?.n !== 1) throw new VersionConflictError(r.gameId, r.previousVersion);
      return;
    }
    // Now and then a snapshot goes with it: then a transaction of its own.
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await client.query({ name: 'slimste_append', text: PostgresEventWriter.APPEND, values });
      if (result.rows[0]?.n !== 1) {
        await client.query('rollback');
        throw new VersionConflictError(r.gameId, r.previousVersion);
      }
      for (const s of r.snapshots) {
        await client.query({
          name: 'slimste_snapshot',
          text: PostgresEventWriter.SNAPSHOT,
          values: [r.gameId, s.slot, r.version, s.state],
        });
      }
      await client.query('commit');
    } catch (err) {
      if (!(err instanceof VersionConflictError)) await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}

export function createEventWriter(driver: StorageDriver): GameEventWriter {
  return driver.kind === 'sqlite' ? new SqliteEventWriter(driver.file) : new PostgresEventWriter(driver.pool);
}
