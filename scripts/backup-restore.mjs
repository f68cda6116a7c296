#!/usr/bin/env node
// `npm run backup -- FILE` and `npm run restore -- FILE [--force]`: runs the server's built
// backup tool (apps/server/dist/backup/cli.js) with the same settings as the server (DATA_DIR,
// DATABASE_URL). See docs/DEPLOY.md, "Backup and restore".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'server', 'dist', 'backup', 'cli.js');
if (!existsSync(cli)) {
  console.error(`The backup tool is not built (${cli} is missing): run \`npm run build\` first.`);
  process.exit(1);
}
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.error) {
  console.error(`could not run the backup tool: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
