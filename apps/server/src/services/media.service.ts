import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error.js';
import { randomId } from '../common/ids.js';
import { KeyedLock } from '../common/keyed-lock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { sniffMediaType } from '../media/media-type.js';
import { partialUploadName, uploadsDir } from '../media/upload-files.js';

export const UPLOADS_URL = '/media/uploads';

export { uploadsDir };

/** Uploaded media: checked by content, stored under DATA_DIR/media with a random name. */
@Injectable()
export class MediaService {
  /** The quota check and the write go one upload at a time, so two at once cannot both slip under it. */
  private readonly writes = new KeyedLock();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async store(content: Buffer, originalName: string) {
    const type = sniffMediaType(content, originalName);
    if (!type) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'accepted: svg, png, jpeg, webp, gif, mp3, ogg, wav, mp4, webm',
      );
    }
    const dir = uploadsDir(this.config);
    const name = `${randomId(12)}.${type.ext}`;
    await this.writes.run('uploads', async () => {
      await mkdir(dir, { recursive: true });
      // A size limit per file is not enough: many uploads would still fill the disk.
      if ((await bytesIn(dir)) + content.length > this.config.mediaQuotaBytes) {
        throw new ApiError(507, 'media_quota', 'the media storage is full: the operator can raise MEDIA_QUOTA_MB');
      }
      // Written aside, then renamed: a backup (or a reader) never sees half a file under its name.
      const partial = join(dir, partialUploadName(name));
      try {
        await writeFile(partial, content, { flag: 'wx' });
        await rename(partial, join(dir, name));
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
    });
    return { url: `${UPLOADS_URL}/${name}`, kind: type.kind, type: type.mime, size: content.length };
  }
}

/** Bytes taken by the files in a folder (uploads are rare, so a fresh count each time is fine). */
async function bytesIn(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(dir, entry.name))).size;
  }
  return total;
}
