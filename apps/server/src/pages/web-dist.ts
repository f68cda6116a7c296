import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the built web app lives: WEB_DIST_DIR, else the @slimste/web workspace's dist. */
export function webDistDir(): string {
  if (process.env.WEB_DIST_DIR) return process.env.WEB_DIST_DIR;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@slimste/web/package.json')), 'dist');
}
