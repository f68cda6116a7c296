import { existsSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { BackupError } from './backup-error.js';

/**
 * A consistent copy of the SQLite database while the server keeps writing to it: SQLite's online
 * backup, all pages in one step, so it reads one snapshot (in WAL mode the server's commits go on
 * meanwhile; copied in small steps, every commit elsewhere would start the copy over).
 */
export async function copySqlite(source: string, destination: string): Promise<{ games: number }> {
  if (!existsSync(source)) throw new BackupError(`there is no database at ${source}: check DATA_DIR`);
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(source, { fileMustExist: true, timeout: 5000 });
  } catch (err) {
    throw new BackupError(
      `cannot open the database at ${source} (${(err as Error).message}): run the backup as the user the server runs as`,
    );
  }
  try {
    await db.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  return inspectCopy(destination, destination);
}

/**
 * Makes a copy self-contained (rollback journal, so no -wal file belongs to it; the server turns
 * WAL on again when it opens it), checks it and counts its games.
 */
export function inspectCopy(file: string, source: string): { games: number } {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${source}: the database fails SQLite's check (${String(check)})`);
    return { games: countGames(db) };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${source}: not a readable SQLite database (${(err as Error).message})`);
  } finally {
    db.close();
  }
}

function countGames(db: SqliteDatabase.Database): number {
  const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'games'").get();
  if (!table) return 0;
  return (db.prepare('select count(*) as n from games').get() as { n: number }).n;
}

/**
 * Whether another process has the database open (a running server): it holds a shared lock on the
 * file, so an exclusive transaction cannot start. Also counts the games for the operator.
 * The connection is closed again before anything is moved.
 */
export function probeInUse(file: string): { inUse: boolean; games: number } {
  const db = new SqliteDatabase(file, { fileMustExist: true, timeout: 200 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return { inUse: true, games: 0 };
      throw err;
    }
    const games = countGames(db);
    db.exec('COMMIT');
    return { inUse: false, games };
  } finally {
    db.close();
  }
}
