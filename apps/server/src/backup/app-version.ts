import { createRequire } from 'node:module';

/** The server package's version (apps/server/package.json), recorded in every backup. */
export function appVersion(): string {
  // From src/backup and from dist/backup alike, the package's manifest is two folders up.
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
