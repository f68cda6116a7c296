/**
 * Absolute path of packages/protocol/media (the demo sets' pictures, served at `/media`).
 * This file sits one level below the package root both as src/media.ts and as dist/media.js.
 * Plain URL arithmetic rather than node:url, so the module also loads in a browser bundle.
 */
function packageMediaDir(): string {
  const url = new URL('../media', import.meta.url);
  const path = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path; // Windows: /C:/x -> C:/x
}

export const DEMO_MEDIA_DIR = packageMediaDir();
