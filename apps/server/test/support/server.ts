import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'slimste-test-'));
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hooks, no flushing. */
  kill(): Promise<void>;
  request(
    path: string,
    init?: RequestInit & { json?: unknown },
    // biome-ignore lint/suspicious/noExplicitAny: JSON of every endpoint's shape; each test reads the fields it checks
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
}

/** When TEST_DATABASE_URL is set, the storage tests run against PostgreSQL too. */
export function storageModes(): { name: string; env: Record<string, string> }[] {
  const modes = [{ name: 'sqlite', env: {} as Record<string, string> }];
  const pg = process.env.TEST_DATABASE_URL;
  if (pg) modes.push({ name: 'postgresql', env: { DATABASE_URL: pg } });
  return modes;
}

/** Starts the BUILT server (`node dist/main.js`) on a free port and waits until /api/health answers. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDataDir();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: SERVER_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      LOG_LEVEL: 'debug',
      // Scripted games play faster than any human; the rate-limit test sets its own.
      SOCKET_RATE_PER_SECOND: '100000',
      SOCKET_RATE_BURST: '100000',
      SOCKET_RATE_PER_ADDRESS_PER_SECOND: '1000000',
      SOCKET_RATE_PER_ADDRESS_BURST: '1000000',
      MAX_SOCKETS_PER_ADDRESS: '100000',
      // Every test client is one address; the quota test sets its own.
      MAX_LIVE_GAMES_PER_ADDRESS: '100000',
      MAX_SETS_PER_ADDRESS: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const request = requester(url);

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    dataDir,
    output: () => output,
    request,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** HTTP requests to `url` (a server, or a proxy in front of servers), JSON in and out. */
export function requester(url: string): RunningServer['request'] {
  return async (path, init = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('content-type', 'application/json');
    const res = await fetch(url + path, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body, headers: res.headers };
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
