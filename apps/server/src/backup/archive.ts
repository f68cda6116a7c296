import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';
import { BackupError } from './backup-error.js';
import { type Digest, digestFile, filesUnder } from './file-digest.js';
import { checkFiles, isArchivePath, MANIFEST, type Manifest, parseManifest } from './manifest.js';

/**
 * Writes a gzipped tar of `paths` (relative to `cwd`, the manifest first) to `file`, readable by
 * its owner only: it holds every question set with its answers, and the hashes of every token.
 */
export async function writeArchive(file: string, cwd: string, paths: string[]): Promise<void> {
  await tar.c({ file, cwd, gzip: true, portable: true, strict: true, noDirRecurse: true, mode: 0o600 }, paths);
}

/**
 * Reads an archive through once, without writing anything: its manifest and the size and sha256
 * of every other entry, checked against it. Used on a backup just written, before it takes its name.
 */
export async function verifyArchive(file: string, source: string): Promise<Manifest> {
  await refuseNonGzip(file, source);
  const found = new Map<string, Digest>();
  const pending: Promise<void>[] = [];
  let manifestText: string | null = null;
  const seen = new Set<string>();
  let foreign: string | null = null;
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        const path = entry.path;
        if (entry.type !== 'File' || !isArchivePath(path) || seen.has(path)) {
          foreign ??= path;
          entry.resume();
          return;
        }
        seen.add(path);
        const hash = createHash('sha256');
        const chunks: Buffer[] = [];
        let size = 0;
        entry.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          size += chunk.length;
          if (path === MANIFEST) chunks.push(chunk);
        });
        pending.push(
          new Promise<void>((resolve, reject) => {
            entry.on('error', reject);
            entry.on('end', () => {
              found.set(path, { size, sha256: hash.digest('hex') });
              if (path === MANIFEST) manifestText = Buffer.concat(chunks).toString('utf8');
              resolve();
            });
          }),
        );
      },
    });
    await Promise.all(pending);
  } catch (err) {
    throw unreadable(err, source);
  }
  if (foreign)
    throw new BackupError(`${source} is not a Slimste backup: it holds ${foreign}, which a backup never has`);
  if (manifestText === null) throw new BackupError(`${source} is not a Slimste backup: it has no manifest.json`);
  const manifest = parseManifest(manifestText, source);
  found.delete(MANIFEST);
  checkFiles(manifest, found, source);
  return manifest;
}

/**
 * Extracts an archive into `dir` (an empty staging folder) and checks every file against the
 * manifest. Entries a backup never has (links, devices, paths outside its layout) are refused.
 */
export async function extractArchive(file: string, dir: string, source: string): Promise<Manifest> {
  await refuseNonGzip(file, source);
  let foreign: string | null = null;
  try {
    await tar.x({
      file,
      cwd: dir,
      strict: true,
      preserveOwner: false,
      filter: (path, entry) => {
        const type = 'type' in entry ? entry.type : entry.isFile() ? 'File' : 'Other';
        const ok = (type === 'File' && isArchivePath(path)) || type === 'Directory';
        if (!ok) foreign ??= path;
        return ok && type === 'File';
      },
    });
  } catch (err) {
    throw unreadable(err, source);
  }
  if (foreign)
    throw new BackupError(`${source} is not a Slimste backup: it holds ${foreign}, which a backup never has`);
  let manifestText: string;
  try {
    manifestText = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    throw new BackupError(`${source} is not a Slimste backup: it has no manifest.json`);
  }
  const manifest = parseManifest(manifestText, source);
  const found = new Map<string, Digest>();
  for (const path of await filesUnder(dir)) {
    if (path !== MANIFEST) found.set(path, await digestFile(join(dir, path)));
  }
  checkFiles(manifest, found, source);
  return manifest;
}

/** A gzip file starts with 1f 8b; anything else is not ours (and tar would read a plain tar too). */
async function refuseNonGzip(file: string, source: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BackupError(code === 'ENOENT' ? `${source} does not exist` : `${source} cannot be read (${code})`);
  }
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    if (bytesRead < 2 || head[0] !== 0x1f || head[1] !== 0x8b) {
      throw new BackupError(`${source} is not a Slimste backup: it is not a gzipped tar file`);
    }
  } finally {
    await handle.close();
  }
}

function unreadable(err: unknown, source: string): Error {
  if (err instanceof BackupError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new BackupError(`${source} is corrupt or truncated: the archive cannot be read (${detail})`);
}
