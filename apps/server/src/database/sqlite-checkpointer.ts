import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the WAL is checkpointed into the database file. */
const CHECKPOINT_EVERY_MS = 1000;

// The worker is plain CommonJS given as text, so it runs the same from the sources and the build.
const WORKER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.everyMs);
require('node:worker_threads').parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/**
 * Checkpoints SQLite's WAL from a thread of its own. A checkpoint copies the WAL into the database
 * and syncs both to disk, which can take tens of milliseconds on a busy disk; done by the committing
 * connection (SQLite's default) it would stall every game on the server meanwhile. The server's own
 * connection turns automatic checkpoints off (`wal_autocheckpoint = 0`) and commits only to the WAL.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;

  constructor(file: string) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, module, everyMs: CHECKPOINT_EVERY_MS } });
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await new Promise((resolve) => this.worker.once('exit', resolve));
  }
}
