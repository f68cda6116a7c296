// Runs Debian's nginx with the repository's configuration (deploy/nginx/slimste.conf) in front of
// Slimste nodes on this machine: for the load-balancer test and `npm run loadtest -- --nodes N`.
// nginx runs in the foreground as the calling user, with every file in a folder of its own.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NGINX_CONF = join(ROOT, 'deploy', 'nginx', 'slimste.conf');
const NGINX_BIN = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null;

/** Whether nginx is installed (Debian: `apt-get install nginx`). */
export const nginxAvailable = () => NGINX_BIN !== null;

/**
 * deploy/nginx/slimste.conf with `ports` as the nodes of both upstreams and `listen` as its port:
 * the example nodes' lines are replaced, nothing else is touched.
 */
export function slimsteConf(ports, listen) {
  const text = readFileSync(NGINX_CONF, 'utf8');
  const nodes = (indent, options) => ports.map((p) => `${indent}server 127.0.0.1:${p}${options};`).join('\n');
  let out = text.replace(/^( *)listen 80;$/m, `$1listen 127.0.0.1:${listen};`);
  // Each upstream's run of example `server 127.0.0.1:300N ...;` lines becomes one line per node.
  out = out.replace(
    /^( *)server 127\.0\.0\.1:3001([^;\n]*);\n(?: *server 127\.0\.0\.1:300\d[^;\n]*;\n)*/gm,
    (_, indent, opts) => `${nodes(indent, opts)}\n`,
  );
  if (out === text) throw new Error(`${NGINX_CONF}: no example nodes to replace`);
  return out;
}

/**
 * Starts nginx on a free port in front of the nodes on `ports` (127.0.0.1) and waits until it
 * answers /api/health. `workers`: nginx worker processes (1 keeps the balancing order simple).
 */
export async function startNginx({ ports, workers = 1 }) {
  if (!NGINX_BIN) throw new Error('nginx is not installed (apt-get install nginx)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'slimste-nginx-'));
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, 'temp', t), { recursive: true });
  writeFileSync(join(dir, 'slimste.conf'), slimsteConf(ports, port));
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      // As root, nginx would run its workers as `nobody`, who cannot write this folder.
      asRoot ? 'user root root;' : '',
      `worker_processes ${workers};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      `pid ${join(dir, 'nginx.pid')};`,
      'events { worker_connections 16384; }',
      'http {',
      `  access_log ${join(dir, 'access.log')};`,
      ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (t) => `  ${t === 'body' ? 'client_body' : t}_temp_path ${join(dir, 'temp', t)};`,
      ),
      `  include ${join(dir, 'slimste.conf')};`,
      '}',
    ].join('\n'),
  );
  let output = '';
  const child = spawn(NGINX_BIN, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c) => {
    output += c;
  });
  child.stderr.on('data', (c) => {
    output += c;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const errors = () =>
    `${output}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${errors()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not answer in 15 s:\n${errors()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    pid: child.pid,
    /** The master's and the workers' pids (the workers do the proxying). */
    pids() {
      try {
        const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8');
        return [child.pid, ...children.trim().split(/\s+/).filter(Boolean).map(Number)];
      } catch {
        return [child.pid];
      }
    },
    /** nginx's error log (and anything it printed). */
    errors,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
