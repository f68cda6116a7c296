import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';

export const DATABASE = Symbol('DATABASE');
export type Db = Kysely<Database>;

/**
 * The driver under Kysely, for the one hot path that prepares its statements once (appending a
 * command: see game-event-writer.ts). Everything else goes through Kysely.
 */
export type StorageDriver =
  | {
      kind: 'sqlite';
      file: SqliteDatabase.Database;
      /** SQLITE_COMMIT_WINDOW_MS (SqliteEventWriter). */
      commitWindowMs: number;
    }
  | { kind: 'postgres'; pool: pg.Pool };
export const STORAGE_DRIVER = Symbol('STORAGE_DRIVER');

export interface Storage {
  db: Db;
  driver: StorageDriver;
  /** Closes the database (and SQLite's checkpointing thread). */
  close(): Promise<void>;
}

/** The SQLite database file under DATA_DIR (the server's, the backup's and the restore's). */
export function sqliteFile(dataDir: string): string {
  return join(dataDir, SQLITE_FILE_NAME);
}
export const SQLITE_FILE_NAME = 'slimste.sqlite';

/**
 * The WAL file is cut back to this size whenever SQLite starts it over (after a checkpoint that
 * copied all of it). Without a limit it keeps the largest size it ever reached: under steady load
 * the passive checkpoints seldom catch up, and the file grew to 300-500 MB.
 */
export const SQLITE_JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** `SQLITE_SYNCHRONOUS`: `normal` (default) survives a killed process; `full` also a power cut. */
export type SqliteSynchronous = 'normal' | 'full';

/** SQLite file under DATA_DIR by default; PostgreSQL when DATABASE_URL is set. */
export function createStorage(
  config: Pick<AppConfig, 'dataDir' | 'databaseUrl'> & {
    sqliteSynchronous?: SqliteSynchronous;
    sqliteCommitWindowMs?: number;
  },
  logPoolError: (err: Error) => void = () => {},
): Storage {
  if (config.databaseUrl) {
    // A connection that cannot be made in 5 s fails the command (storage_unavailable) instead of
    // queueing it for ever while PostgreSQL is down.
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle connection that PostgreSQL closes (a restart) emits `error` on the pool: without a
    // listener that would end the process. The pool drops the connection and makes a new one.
    pool.on('error', (err) => logPoolError(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, driver: { kind: 'postgres', pool }, close: () => db.destroy() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const path = sqliteFile(config.dataDir);
  const file = new SqliteDatabase(path);
  // WAL: a committed transaction is in the WAL file before the ack, so it survives a killed
  // process (synchronous=NORMAL); FULL also syncs the WAL to disk at every commit (a power cut).
  file.pragma('journal_mode = WAL');
  file.pragma(`synchronous = ${config.sqliteSynchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // Checkpoints (and their disk syncs) happen on a thread of their own, not between two commands.
  file.pragma('wal_autocheckpoint = 0');
  file.pragma(`journal_size_limit = ${SQLITE_JOURNAL_SIZE_LIMIT}`);
  const checkpointer = new SqliteCheckpointer(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
  return {
    db,
    driver: { kind: 'sqlite', file, commitWindowMs: config.sqliteCommitWindowMs ?? 0 },
    async close() {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

/** Kysely alone (tests and tools that need no hot path). */
export function createDatabase(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>): Db {
  return createStorage(config).db;
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration failed: ${failed?.migrationName ?? ''} ${String(error)}`);
}
