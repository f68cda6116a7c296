/**
 * What a live game costs in memory, for the game cache's byte estimate (services/game-size.ts):
 * N games of one shared question set, each after `depth` commands, heap measured after a full GC.
 * Run: `node --expose-gc --import tsx bench/game-memory.bench.ts` in apps/server (or `npm run bench:memory -w apps/server`).
 */
import { apply, type Command, createGame, type GameState, resolveConfig } from '@slimste/engine';
import { demoSets } from '@slimste/protocol';
import { estimatedBytes } from '../src/services/game-size.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const GAMES = 500;
const set = demoSets[0]!;

function game(depth: number, seed: number): GameState {
  let state = createGame(set, resolveConfig({ players: 3 }), seed);
  let now = 1_700_000_000_000;
  const run = (command: Command, actor: 'host' | 'system' = 'host') => {
    now += 1000;
    const r = apply(state, command, { actor: actor === 'host' ? { role: 'host' } : { role: 'system' }, now });
    if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
    state = r.state;
  };
  for (const p of ['p1', 'p2', 'p3']) run({ type: 'lobby.join', playerId: p, name: `Speler ${p}` }, 'system');
  run({ type: 'game.start' });
  for (let i = 0; i < depth; i++)
    run({ type: 'seconds.adjust', playerId: `p${(i % 3) + 1}`, delta: i % 2 ? 1 : -1, reason: 'jury' });
  return state;
}

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

console.log(`${GAMES} games of one shared set (${set.title}), heap per game after a full GC:`);
console.log('commands   measured KiB   estimated KiB');
for (const depth of [0, 100, 500, 2000]) {
  const before = heap();
  const games = Array.from({ length: GAMES }, (_, i) => game(depth, i));
  const perGame = (heap() - before) / GAMES;
  const estimate = estimatedBytes(games[0]!);
  console.log(
    `${String(depth).padStart(8)}   ${(perGame / 1024).toFixed(1).padStart(12)}   ${(estimate / 1024).toFixed(1).padStart(13)}`,
  );
  games.length = 0;
}
