import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The load tool users run (npm run loadtest) keeps working: a tiny run against a server it starts
// and against the bare yardstick. Figures are not checked here (benchmarks print, tests assert).
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const run = promisify(execFile);

async function loadtest(...args: string[]) {
  const { stdout } = await run(process.execPath, [join(ROOT, 'scripts', 'loadtest.mjs'), ...args, '--json'], {
    cwd: ROOT,
    timeout: 120_000,
  });
  return JSON.parse(stdout);
}

describe('npm run loadtest', () => {
  it('plays games over the real protocol and reports every delivery, CPU and memory', async () => {
    const r = await loadtest(
      '--games',
      '3',
      '--spectators',
      '2',
      '--interval',
      '200',
      '--duration',
      '2',
      '--warmup',
      '1',
    );
    expect(r).toMatchObject({ target: 'slimste', games: 3, sockets: 17, missed: 0, unacked: 0, errors: 0 });
    expect(r.commandsAcked).toBeGreaterThan(10);
    // Every measured command reached every socket of its game.
    expect(r.deliveries).toBeGreaterThanOrEqual(r.commandsSent * 5);
    expect(r.cpuMsPerCommand).toBeGreaterThan(0);
    expect(r.bytesPerSocket).not.toBeNull();
    // The server's own count of the window's commands (GET /api/stats) agrees with the tool's.
    expect(r.storage.commands).toBeGreaterThanOrEqual(r.commandsAcked - 3);
    expect(r.storage.commandsPerCommit).toBeGreaterThanOrEqual(1);
    expect(r.storage.commitUsPerCommand).toBeGreaterThan(0);
  });

  it('runs the same load against the bare Socket.IO yardstick', async () => {
    const r = await loadtest('--bare-only', '--games', '2', '--interval', '200', '--duration', '1', '--warmup', '1');
    expect(r).toMatchObject({ target: 'bare', games: 2, sockets: 10, missed: 0, errors: 0 });
    expect(r.commandsAcked).toBeGreaterThan(5);
  });

  it('compares a long game early and late', async () => {
    const runs = await loadtest('--long', '40', '--stretch', '10', '--undos', '5', '--runs', '1');
    expect(runs[0]).toMatchObject({ commands: 40 });
    expect(runs[0].last.ackP50).toBeGreaterThan(0);
    expect(runs[0].undoLate.cpuMsPerCommand).not.toBeNull();
  });
});
