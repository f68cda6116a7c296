import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config.js';
import { type BackupSummary, createBackup } from './backup.js';
import { BackupError } from './backup-error.js';
import { type RestoreSummary, restoreBackup } from './restore.js';

const USAGE = `usage:
  npm run backup -- FILE             write every game, question set and uploaded media file to FILE
                                     (a gzipped tar; the server may keep running)
  npm run restore -- FILE [--force]  put FILE's data in place of this server's (stop the server first;
                                     --force when there is data already: it is kept aside, not deleted)
Both read the server's settings: DATA_DIR, DATABASE_URL (see docs/DEPLOY.md, "Backup and restore").`;

/** `backup FILE` or `restore FILE [--force]`; returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, file: given, force, help } = parsed;
  if (help) {
    console.log(USAGE);
    return 0;
  }
  // A relative FILE is where the command was typed (npm sets INIT_CWD), like DATA_DIR.
  const file = resolve(env.INIT_CWD?.trim() || process.cwd(), given);
  try {
    const config = loadConfig(env);
    if (command === 'backup') print(await createBackup(config, file));
    else print(await restoreBackup(config, file, { force }));
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`${command} failed: ${message}`);
    if (!(err instanceof BackupError) && err instanceof Error && env.LOG_LEVEL === 'debug') console.error(err.stack);
    return 1;
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const [command, file, ...rest] = positionals;
  if (values.help) return { command: 'backup', file: '', force: false, help: true };
  if (command !== 'backup' && command !== 'restore') throw new Error('say what to do: backup or restore');
  if (!file) throw new Error(`${command}: name the backup file`);
  if (rest.length) throw new Error(`${command}: one file only (got also ${rest.join(' ')})`);
  if (command === 'backup' && values.force) throw new Error('backup: --force is for restore only');
  return { command, file, force: values.force, help: false };
}

function print(summary: BackupSummary | RestoreSummary): void {
  if ('bytes' in summary) {
    console.log(`Backed up to ${summary.file} (${size(summary.bytes)}) in ${seconds(summary.ms)}`);
    console.log(
      `  database: ${driverName(summary.driver)}, ${count(summary.games, 'game')} (${size(summary.databaseBytes)} uncompressed)`,
    );
    console.log(`  media:    ${count(summary.mediaFiles, 'file')}, ${size(summary.mediaBytes)}`);
    return;
  }
  const m = summary.manifest;
  console.log(`Restored ${summary.file} in ${seconds(summary.ms)}`);
  console.log(`  made:     ${m.createdAt} by Slimste ${m.appVersion}`);
  console.log(`  database: ${driverName(m.driver)}, ${count(m.games, 'game')}`);
  console.log(`  media:    ${count(summary.mediaFiles, 'file')}, ${size(summary.mediaBytes)}`);
  for (const path of summary.keptAside) console.log(`  kept aside: ${path}`);
  console.log('Start the server to use it.');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function driverName(driver: 'sqlite' | 'postgres'): string {
  return driver === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// Run as a program (node dist/backup/cli.js ...), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
