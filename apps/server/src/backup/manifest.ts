import { BackupError } from './backup-error.js';
import type { Digest } from './file-digest.js';

/** What `manifest.json`, the first entry of every backup file, says. */
export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  /** The server package's version that made it. */
  appVersion: string;
  driver: 'sqlite' | 'postgres';
  /** The database's file in the archive (`database/slimste.sqlite` or `database/postgres.dump`). */
  database: string;
  games: number;
  /** Every other file in the archive, with its size and sha256. */
  files: ({ path: string } & Digest)[];
}

export const FORMAT = 'slimste-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SQLITE_ENTRY = 'database/slimste.sqlite';
export const POSTGRES_ENTRY = 'database/postgres.dump';
export const MEDIA_PREFIX = 'media/';

/** Whether a path may be in a backup at all (anything else means a file not made by this tool). */
export function isArchivePath(path: string): boolean {
  if (path === MANIFEST || path === SQLITE_ENTRY || path === POSTGRES_ENTRY) return true;
  if (!path.startsWith(MEDIA_PREFIX) || path.length === MEDIA_PREFIX.length) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Reads and checks a manifest's JSON; a file that is not one of ours is refused in plain words. */
export function parseManifest(text: string, source: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupError(`${source} is not a Slimste backup: its manifest.json is not JSON`);
  }
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || m.format !== FORMAT) {
    throw new BackupError(`${source} is not a Slimste backup: its manifest.json is not a Slimste manifest`);
  }
  if (typeof m.formatVersion !== 'number' || m.formatVersion > FORMAT_VERSION) {
    throw new BackupError(
      `${source} was made by a newer Slimste (backup format ${String(m.formatVersion)}); this version reads format ${FORMAT_VERSION}: upgrade first`,
    );
  }
  const files = Array.isArray(m.files) ? m.files : null;
  const wellFormed =
    (m.driver === 'sqlite' || m.driver === 'postgres') &&
    m.database === (m.driver === 'sqlite' ? SQLITE_ENTRY : POSTGRES_ENTRY) &&
    typeof m.createdAt === 'string' &&
    typeof m.appVersion === 'string' &&
    typeof m.games === 'number' &&
    files?.every(
      (f) =>
        f &&
        typeof f.path === 'string' &&
        isArchivePath(f.path) &&
        f.path !== MANIFEST &&
        Number.isInteger(f.size) &&
        typeof f.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(f.sha256),
    ) &&
    files.some((f) => f.path === m.database) &&
    new Set(files.map((f) => f.path)).size === files.length;
  if (!wellFormed) throw new BackupError(`${source} is corrupt: its manifest.json is incomplete or malformed`);
  return m as Manifest;
}

/**
 * Checks the files found (path -> size and sha256; the manifest itself left out) against the
 * manifest: the same paths, each with its size and checksum. Throws on the first difference.
 */
export function checkFiles(manifest: Manifest, found: Map<string, Digest>, source: string): void {
  for (const f of manifest.files) {
    const actual = found.get(f.path);
    if (!actual) throw new BackupError(`${source} is corrupt: ${f.path} is missing`);
    if (actual.size !== f.size || actual.sha256 !== f.sha256) {
      throw new BackupError(`${source} is corrupt: ${f.path} does not match its checksum in the manifest`);
    }
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const path of found.keys()) {
    if (!listed.has(path)) throw new BackupError(`${source} is corrupt: ${path} is not in its manifest`);
  }
}

export function mediaFiles(manifest: Manifest): Manifest['files'] {
  return manifest.files.filter((f) => f.path.startsWith(MEDIA_PREFIX));
}
