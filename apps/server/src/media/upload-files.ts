import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';

/** Where uploaded media are kept: DATA_DIR/media (served under /media/uploads). */
export function uploadsDir(config: Pick<AppConfig, 'dataDir'>): string {
  return join(config.dataDir, 'media');
}

/**
 * An upload is written under a name like this first and renamed when complete, so a file under its
 * own name is always whole (a backup copies only those). The leading dot keeps it from being served.
 */
export function partialUploadName(name: string): string {
  return `.upload-${name}.partial`;
}

export function isPartialUpload(name: string): boolean {
  return name.startsWith('.upload-') && name.endsWith('.partial');
}
