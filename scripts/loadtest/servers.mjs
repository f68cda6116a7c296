// Starts the servers the load tool compares: Slimste (the BUILT server, apps/server/dist) on its
// embedded defaults or PostgreSQL, and the bare Socket.IO yardstick. Each on a free port, as a
// child process whose pid the tool reads CPU and memory of.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../free-port.mjs';
import { startNginx } from '../nginx.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// SLIMSTE_SERVER_MAIN points at another build (e.g. an older commit's) to compare two versions.
const SERVER_MAIN = process.env.SLIMSTE_SERVER_MAIN ?? join(ROOT, 'apps', 'server', 'dist', 'main.js');
const BARE_MAIN = join(ROOT, 'scripts', 'loadtest', 'bare-server.mjs');

/**
 * The settings a load test needs: the per-address limits lifted (every client is one address),
 * and the per-socket one for --long (a host sending as fast as acks come back).
 */
export const LOAD_TEST_ENV = {
  HTTP_RATE_BURST: '1000000000',
  HTTP_RATE_PER_MINUTE: '1000000000',
  SOCKET_RATE_PER_SECOND: '1000000',
  SOCKET_RATE_BURST: '1000000',
  SOCKET_RATE_PER_ADDRESS_PER_SECOND: '1000000000',
  SOCKET_RATE_PER_ADDRESS_BURST: '1000000000',
  MAX_SOCKETS_PER_ADDRESS: '1000000',
  MAX_LIVE_GAMES_PER_ADDRESS: '1000000',
  MAX_LIVE_GAMES: '1000000',
  MAX_SETS_PER_ADDRESS: '1000000',
  LOG_LEVEL: 'warn',
  // The tool reads the server's storage counters (GET /api/stats) of the servers it starts.
  ADMIN_TOKEN: 'slimste-loadtest-admin-token',
};

async function waitForHealth(url, child, output) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer /api/health in 30 s:\n${output()}`);
}

/** SLIMSTE_NODE_ARGS: node flags for the servers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them. */
const NODE_ARGS = (process.env.SLIMSTE_NODE_ARGS ?? '').split(' ').filter(Boolean);
/**
 * The flags `npm start` runs Slimste with (apps/server/package.json, `start:built`);
 * SLIMSTE_SERVER_FLAGS replaces them (e.g. '' for an older build that ran without).
 */
const SLIMSTE_FLAGS = (process.env.SLIMSTE_SERVER_FLAGS ?? '--max-semi-space-size=32').split(' ').filter(Boolean);

function start(args, env, cleanup = () => {}, inspect = false) {
  return async () => {
    const port = await freePort();
    let out = '';
    const flags = [...NODE_ARGS, ...(inspect ? ['--inspect=127.0.0.1:0'] : [])];
    const child = spawn(process.execPath, [...flags, ...args(port)], {
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c) => {
      out = (out + c).slice(-20_000);
    });
    child.stderr.on('data', (c) => {
      out = (out + c).slice(-20_000);
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child, () => out);
    return {
      url,
      pid: child.pid,
      /** The inspector's ws:// address, when started with `inspect`. */
      inspector: /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1] ?? null,
      output: () => out,
      async stop() {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await new Promise((r) => child.once('exit', r));
        }
        cleanup();
      },
    };
  };
}

/** Slimste as `npm start` runs it (SQLite in a fresh data folder, or DATABASE_URL), limits lifted. */
export function startSlimste({ env: extraEnv = {}, inspect = false } = {}) {
  if (!existsSync(SERVER_MAIN)) throw new Error('apps/server/dist is missing: run `npm run build` first');
  const dataDir = mkdtempSync(join(process.env.LOADTEST_DATA_ROOT ?? tmpdir(), 'slimste-load-'));
  const env = { ...LOAD_TEST_ENV, DATA_DIR: dataDir, ...extraEnv };
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  return start(() => [...SLIMSTE_FLAGS, SERVER_MAIN], env, cleanup, inspect)();
}

/** The bare Socket.IO yardstick, sending `sampleFile` (a real `state`) as its payload. */
export function startBare(sampleFile, { inspect = false } = {}) {
  return start(
    (port) => [BARE_MAIN, String(port), sampleFile],
    {},
    () => {},
    inspect,
  )();
}

/**
 * `nodes` Slimste processes sharing DATABASE_URL (PostgreSQL) and REDIS_URL, behind nginx with
 * deploy/nginx/slimste.conf: what docs/DEPLOY.md describes, on this machine.
 */
export async function startCluster(nodes, { inspect = false } = {}) {
  if (!process.env.DATABASE_URL?.startsWith('postgres') || !process.env.REDIS_URL) {
    throw new Error('--nodes needs DATABASE_URL=postgres://... and REDIS_URL=redis://... (the nodes share them)');
  }
  const servers = [];
  try {
    for (let i = 0; i < nodes; i++) servers.push(await startSlimste({ inspect }));
    const proxy = await startNginx({ ports: servers.map((s) => Number(new URL(s.url).port)) });
    return {
      url: proxy.url,
      pids: servers.map((s) => s.pid),
      /** The first node, for --profile. */
      first: servers[0],
      proxyPids: proxy.pids(),
      async stop() {
        await proxy.stop();
        await Promise.all(servers.map((s) => s.stop()));
      },
    };
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    throw err;
  }
}
