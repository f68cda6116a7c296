import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGame, resolveConfig } from '@slimste/engine';
import { demoSets } from '@slimste/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db, migrateToLatest } from '../database/database.js';
import { GameRepository, VersionConflictError } from './game.repository.js';
import { TokenRepository } from './token.repository.js';

// Medium tests: the repositories against a real SQLite file (and PostgreSQL when TEST_DATABASE_URL is set).
const targets = [{ name: 'sqlite', databaseUrl: null as string | null }];
if (process.env.TEST_DATABASE_URL) targets.push({ name: 'postgresql', databaseUrl: process.env.TEST_DATABASE_URL });

describe.each(targets)('GameRepository and TokenRepository ($name)', ({ databaseUrl }) => {
  let dir: string;
  let db: Db;
  let games: GameRepository;
  let tokens: TokenRepository;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slimste-repo-'));
    db = createDatabase({ dataDir: dir, databaseUrl });
    await migrateToLatest(db);
    await migrateToLatest(db); // idempotent
    games = new GameRepository(db);
    tokens = new TokenRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const newGame = () => {
    const state = createGame(demoSets[0]!, resolveConfig({ players: 2 }), 7);
    const id = `g-${Math.random().toString(36).slice(2)}`;
    return { id, code: id.slice(-6).toUpperCase(), version: 0, state };
  };

  it('stores a game and loads it back whole, with its question set', async () => {
    const game = newGame();
    await games.insert(game);
    const loaded = await games.load(game.id);
    expect(loaded).toEqual(game);
    expect(await games.idForCode(game.code)).toBe(game.id);
  });

  it('appends events with increasing versions and refuses a stale version', async () => {
    const game = newGame();
    await games.insert(game);
    const joined = { ...game.state, players: [{ id: 'p1', name: 'Ann', seat: 1, ms: 60_000 }] };
    const entry = {
      command: { type: 'lobby.join' as const, playerId: 'p1', name: 'Ann' },
      actor: { role: 'system' as const },
      events: [{ type: 'player.joined' as const, playerId: 'p1' }],
      at: Date.now(),
    };
    expect(await games.append(game.id, 0, joined, entry)).toBe(1);
    await expect(games.append(game.id, 0, joined, entry)).rejects.toBeInstanceOf(VersionConflictError);
    expect(await games.version(game.id)).toBe(1);
    const log = await games.events(game.id);
    expect(log.map((e) => e.version)).toEqual([1]);
    expect(log[0]).toMatchObject({ command: entry.command, actor: entry.actor, events: entry.events });
    expect((await games.load(game.id))?.state.players).toHaveLength(1);
  });

  it('keeps tokens as hashes only', async () => {
    const game = newGame();
    await games.insert(game);
    // Unique per run: the PostgreSQL database outlives a test run.
    const hostToken = `host-${game.id}`;
    const playerToken = `player-${game.id}`;
    await tokens.insert(hostToken, { gameId: game.id, role: 'host' });
    await tokens.insert(playerToken, { gameId: game.id, role: 'player', playerId: 'p1' });
    expect(await tokens.find(hostToken)).toEqual({ gameId: game.id, role: 'host' });
    expect(await tokens.find(playerToken)).toEqual({ gameId: game.id, role: 'player', playerId: 'p1' });
    expect(await tokens.find('nope')).toBeNull();
    const stored = await db.selectFrom('tokens').select('hash').where('game_id', '=', game.id).execute();
    for (const row of stored) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    await tokens.revokePlayer(game.id, 'p1');
    expect(await tokens.find(playerToken)).toBeNull();
    expect(await tokens.find(hostToken)).not.toBeNull();
  });
});
