/**
 * Server throughput: many games at once, each host sending commands over its socket as fast as
 * acks come back (pause/resume pairs: each is stored, broadcast to 5 audiences and acked).
 * Run after `npm run build`: `npm run bench -w apps/server` (GAMES=50 COMMANDS=200 to change).
 */
import { connect, emit, join } from '../test/support/clients.js';
import { createGame, importTestSet, seat } from '../test/support/games.js';
import { removeDir, startServer } from '../test/support/server.js';

const GAMES = Number(process.env.GAMES ?? 20);
const COMMANDS = Number(process.env.COMMANDS ?? 200);

const server = await startServer({
  env: { LOG_LEVEL: 'warn', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) },
});
try {
  const testSet = await importTestSet(server);
  const tables = [];
  for (let i = 0; i < GAMES; i++) {
    const game = await createGame(server, { set: testSet, players: 3 });
    const table = await seat(server, game);
    await emit(table.host, 'command', { type: 'game.start' });
    tables.push(table);
  }
  const idle = await connect(server.url);
  await join(idle, 'warm-up');
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    tables.map(async (table) => {
      for (let i = 0; i < COMMANDS; i++) {
        const t0 = performance.now();
        const ack = await emit(table.host, 'command', { type: i % 2 === 0 ? 'game.pause' : 'game.resume' });
        latencies.push(performance.now() - t0);
        if (!ack.ok) throw new Error(JSON.stringify(ack));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1);
  const total = GAMES * COMMANDS;
  console.log(`storage: ${process.env.DATABASE_URL ? 'postgresql' : 'sqlite'}`);
  console.log(`${GAMES} games x ${COMMANDS} commands = ${total} commands in ${seconds.toFixed(2)} s`);
  console.log(`${Math.round(total / seconds)} commands/s (stored, broadcast to 5 sockets each, acked)`);
  console.log(`ack latency ms: p50 ${pct(0.5)}, p95 ${pct(0.95)}, p99 ${pct(0.99)}`);
  for (const t of tables) for (const s of t.all) s.disconnect();
  idle.disconnect();
} finally {
  await server.stop();
  removeDir(server.dataDir);
}
