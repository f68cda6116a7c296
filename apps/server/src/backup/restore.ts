import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { sqliteFile } from '../database/database.js';
import { isPartialUpload, uploadsDir } from '../media/upload-files.js';
import { extractArchive } from './archive.js';
import { BackupError } from './backup-error.js';
import { filesUnder } from './file-digest.js';
import { type Manifest, mediaFiles } from './manifest.js';
import { dumpPostgres, inspectPostgres, restorePostgres } from './postgres-dump.js';
import { inspectCopy, probeInUse } from './sqlite-copy.js';

export interface RestoreSummary {
  file: string;
  ms: number;
  manifest: Manifest;
  mediaFiles: number;
  mediaBytes: number;
  /** What was there before, kept under a new name (or, for PostgreSQL, dumped). */
  keptAside: string[];
}

/**
 * Puts a backup's database and media in place of this configuration's. Nothing is touched until
 * the whole file has been extracted into a staging folder and every file checked against the
 * manifest. SQLite: refused while a server has the database open; data already there needs
 * `force` and is renamed aside (`*.before-restore-<time>`), never deleted. PostgreSQL: pg_restore
 * in one transaction; data already there needs `force` and is dumped aside first.
 */
export async function restoreBackup(
  config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>,
  file: string,
  options: { force: boolean },
): Promise<RestoreSummary> {
  const started = performance.now();
  await mkdir(config.dataDir, { recursive: true });
  const staging = await mkdtemp(join(config.dataDir, '.restore-'));
  try {
    const manifest = await extractArchive(file, staging, file);
    const driver = config.databaseUrl ? 'postgres' : 'sqlite';
    if (manifest.driver !== driver) {
      throw new BackupError(
        `${file} holds a ${name(manifest.driver)} database, but this configuration uses ${name(driver)}` +
          ` (DATABASE_URL ${config.databaseUrl ? 'is set' : 'is not set'}): restore it with the storage it was made with`,
      );
    }
    const media = uploadsDir(config);
    const mediaThere = (await filesUnder(media, isPartialUpload)).length;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const staged = join(staging, manifest.database);
    const keptAside = config.databaseUrl
      ? await replacePostgres(config.databaseUrl, staged, { ...options, mediaThere, stamp, dataDir: config.dataDir })
      : await replaceSqlite(sqliteFile(config.dataDir), staged, { ...options, mediaThere, stamp, source: file });
    keptAside.push(...(await replaceMedia(media, join(staging, 'media'), mediaThere, stamp)));
    const restoredMedia = mediaFiles(manifest);
    return {
      file,
      ms: performance.now() - started,
      manifest,
      mediaFiles: restoredMedia.length,
      mediaBytes: restoredMedia.reduce((sum, f) => sum + f.size, 0),
      keptAside,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

interface Replacing {
  force: boolean;
  /** Media files already in DATA_DIR/media (data too, for `--force`). */
  mediaThere: number;
  stamp: string;
}

/** The checked SQLite file into place; what was there renamed aside. Returns the names aside. */
async function replaceSqlite(db: string, staged: string, options: Replacing & { source: string }) {
  inspectCopy(staged, options.source);
  const dbThere = existsSync(db);
  let games = 0;
  if (dbThere) {
    const probe = probeInUse(db);
    if (probe.inUse) throw new BackupError(`a server (or another program) is using ${db}: stop it first, then restore`);
    games = probe.games;
  }
  requireForce(options.force, dbThere, games, options.mediaThere, db);
  const keptAside: string[] = [];
  for (const path of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]) {
    if (existsSync(path)) keptAside.push(await moveAside(path, options.stamp));
  }
  await rename(staged, db);
  return keptAside;
}

/** pg_restore of the checked dump; what was there dumped aside first. Returns the dump's name. */
async function replacePostgres(url: string, staged: string, options: Replacing & { dataDir: string }) {
  const now = await inspectPostgres(url);
  if (now.otherSessions > 0) {
    throw new BackupError(
      `${now.otherSessions} other session(s) are connected to the database of DATABASE_URL (a running server?): stop every server first`,
    );
  }
  requireForce(options.force, now.hasTables, now.games, options.mediaThere, 'the database of DATABASE_URL');
  const keptAside: string[] = [];
  if (now.hasTables) {
    const aside = join(options.dataDir, `postgres.before-restore-${options.stamp}.dump`);
    await dumpPostgres(url, aside);
    keptAside.push(aside);
  }
  await restorePostgres(url, staged);
  return keptAside;
}

/**
 * The backup's media folder into place. One with files in it is kept aside; an empty one (or one
 * with only unfinished uploads) is simply replaced.
 */
async function replaceMedia(media: string, fromBackup: string, mediaThere: number, stamp: string) {
  const keptAside: string[] = [];
  if (mediaThere > 0) keptAside.push(await moveAside(media, stamp));
  else await rm(media, { recursive: true, force: true });
  if (existsSync(fromBackup)) await rename(fromBackup, media);
  else await mkdir(media);
  return keptAside;
}

function requireForce(force: boolean, dbThere: boolean, games: number, media: number, where: string): void {
  if (force || (!dbThere && media === 0)) return;
  const held = [
    dbThere ? `a database (${games} game${games === 1 ? '' : 's'}) at ${where}` : null,
    media ? `${media} media file${media === 1 ? '' : 's'}` : null,
  ];
  throw new BackupError(
    `there is data here already: ${held.filter(Boolean).join(' and ')}. Add --force to replace it` +
      ' (what is there now is kept aside, not deleted)',
  );
}

async function moveAside(path: string, stamp: string): Promise<string> {
  const aside = `${path}.before-restore-${stamp}`;
  await rename(path, aside);
  return aside;
}

function name(driver: Manifest['driver']): string {
  return driver === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}
