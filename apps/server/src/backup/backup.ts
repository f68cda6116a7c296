import { copyFile, link, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { sqliteFile } from '../database/database.js';
import { isPartialUpload, uploadsDir } from '../media/upload-files.js';
import { appVersion } from './app-version.js';
import { verifyArchive, writeArchive } from './archive.js';
import { BackupError } from './backup-error.js';
import { digestFile, filesUnder } from './file-digest.js';
import {
  FORMAT,
  FORMAT_VERSION,
  MANIFEST,
  type Manifest,
  MEDIA_PREFIX,
  POSTGRES_ENTRY,
  SQLITE_ENTRY,
} from './manifest.js';
import { dumpPostgres } from './postgres-dump.js';
import { copySqlite } from './sqlite-copy.js';

export interface BackupSummary {
  file: string;
  bytes: number;
  ms: number;
  driver: Manifest['driver'];
  games: number;
  databaseBytes: number;
  mediaFiles: number;
  mediaBytes: number;
}

/**
 * Writes every game, question set and uploaded media file into one gzipped tar at `file`, while
 * the server runs: first a consistent copy of the database (SQLite's online backup, or pg_dump),
 * then the media (so every file the copied database names is there: an upload is complete, under
 * its name, before its address is handed out). Written to `file.partial-<pid>`, read back and
 * checked, and only then renamed to `file`.
 */
export async function createBackup(
  config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>,
  file: string,
): Promise<BackupSummary> {
  const started = performance.now();
  await requireFolder(dirname(file));
  const partial = `${file}.partial-${process.pid}`;
  if (!config.databaseUrl) await requireDatabase(sqliteFile(config.dataDir));
  await mkdir(config.dataDir, { recursive: true });
  const staging = await mkdtemp(join(config.dataDir, '.backup-'));
  try {
    await mkdir(join(staging, 'database'));
    const driver = config.databaseUrl ? 'postgres' : 'sqlite';
    const database = driver === 'sqlite' ? SQLITE_ENTRY : POSTGRES_ENTRY;
    const { games } = config.databaseUrl
      ? await dumpPostgres(config.databaseUrl, join(staging, database))
      : await copySqlite(sqliteFile(config.dataDir), join(staging, database));

    const media = await stageMedia(uploadsDir(config), join(staging, 'media'));
    const files: Manifest['files'] = [];
    for (const path of [database, ...media]) files.push({ path, ...(await digestFile(join(staging, path))) });
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      appVersion: appVersion(),
      driver,
      database,
      games,
      files,
    };
    await writeFile(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

    await writeArchive(partial, staging, [MANIFEST, ...files.map((f) => f.path)]);
    await verifyArchive(partial, partial);
    await rename(partial, file);
    const mediaOnly = files.filter((f) => f.path.startsWith(MEDIA_PREFIX));
    return {
      file,
      bytes: (await stat(file)).size,
      ms: performance.now() - started,
      driver,
      games,
      databaseBytes: files[0]!.size,
      mediaFiles: mediaOnly.length,
      mediaBytes: mediaOnly.reduce((sum, f) => sum + f.size, 0),
    };
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Puts every complete upload into the staging folder: a hard link (an upload never changes once
 * under its name, so a link is as good as a copy and costs nothing), or a copy where links fail.
 * Returns their archive paths (`media/...`).
 */
async function stageMedia(from: string, to: string): Promise<string[]> {
  const paths = await filesUnder(from, isPartialUpload);
  for (const path of paths) {
    const target = join(to, path);
    await mkdir(dirname(target), { recursive: true });
    try {
      await link(join(from, path), target);
    } catch {
      await copyFile(join(from, path), target);
    }
  }
  return paths.map((p) => posix.join('media', p));
}

async function requireDatabase(file: string): Promise<void> {
  if (!(await stat(file).catch(() => null))?.isFile()) {
    throw new BackupError(`there is no database at ${file}: check DATA_DIR`);
  }
}

async function requireFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new BackupError(`the folder ${dir} does not exist: create it first`);
}
