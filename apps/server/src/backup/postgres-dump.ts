import { spawn } from 'node:child_process';
import pg from 'pg';
import { BackupError } from './backup-error.js';

/**
 * `pg_dump -Fc` of DATABASE_URL into `file`, from a snapshot exported by a transaction of our own,
 * so the games counted for the operator are exactly the games in the dump.
 */
export async function dumpPostgres(url: string, file: string): Promise<{ games: number }> {
  const client = await connect(url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const games = (await countGames(client)) ?? 0;
    await runTool('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.id}`, `--file=${file}`], url);
    await client.query('COMMIT');
    return { games };
  } finally {
    await client.end();
  }
}

/** `pg_restore` into DATABASE_URL in one transaction: all of it or, on any error, nothing. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  await runTool(
    'pg_restore',
    ['--single-transaction', '--exit-on-error', '--clean', '--if-exists', '--no-owner', '--no-acl', file],
    url,
  );
}

/** Whether DATABASE_URL holds Slimste's tables, its games, and how many other sessions use it. */
export async function inspectPostgres(
  url: string,
): Promise<{ hasTables: boolean; games: number; otherSessions: number }> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ n: string }>(
      // Client sessions only: an autovacuum worker on the database is no reason to refuse.
      `select count(*) as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    const games = await countGames(client);
    return { hasTables: games !== null, games: games ?? 0, otherSessions: Number(rows[0]!.n) };
  } finally {
    await client.end();
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new BackupError(`cannot connect to the PostgreSQL database of DATABASE_URL: ${(err as Error).message}`);
  }
  return client;
}

/** The games stored, or null when there is no games table (a database no server has used). */
async function countGames(client: pg.Client): Promise<number | null> {
  const { rows } = await client.query<{ t: string | null }>("select to_regclass('games')::text as t");
  if (!rows[0]?.t) return null;
  const count = await client.query<{ n: string }>('select count(*) as n from games');
  return Number(count.rows[0]!.n);
}

/**
 * Runs pg_dump or pg_restore against `url`. The password goes in PGPASSWORD, not on the command
 * line (where `ps` would show it).
 */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${target.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (err) => {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new BackupError(
          missing
            ? `${tool} was not found: install the PostgreSQL client tools (the server's major version or newer) and put them on PATH`
            : `${tool} could not be started: ${err.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim() || 'no message'}`));
    });
  });
}
