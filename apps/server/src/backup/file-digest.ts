import { createHash } from 'node:crypto';
import { createReadStream, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';

export interface Digest {
  size: number;
  sha256: string;
}

/** Size and sha256 of whatever a stream yields. */
export async function digestStream(stream: AsyncIterable<Buffer | string>): Promise<Digest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(bytes);
    size += bytes.length;
  }
  return { size, sha256: hash.digest('hex') };
}

export function digestFile(path: string): Promise<Digest> {
  return digestStream(createReadStream(path));
}

/**
 * Every file under `dir`, as paths relative to it with `/` separators, sorted; `skip` leaves out
 * files by name. A missing folder has no files. Anything but a file or a folder is left out.
 */
export async function filesUnder(dir: string, skip: (name: string) => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(join(dir, relative), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && relative === '') return;
      throw err;
    }
    for (const entry of entries) {
      const path = relative ? posix.join(relative, entry.name) : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !skip(entry.name)) found.push(path);
    }
  };
  await walk('');
  return found.sort();
}
