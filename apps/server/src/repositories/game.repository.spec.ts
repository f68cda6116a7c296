import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  apply,
  type Command,
  createGame,
  type GameState,
  historyEntries,
  resolveConfig,
  snapshotOf,
} from '@slimste/engine';
import { demoSets } from '@slimste/protocol';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, type Db, migrateToLatest, type Storage } from '../database/database.js';
import { GameRepository, SNAPSHOT_EVERY, type StoredGame, VersionConflictError } from './game.repository.js';
import { SetDocumentRepository } from './set-document.repository.js';
import { TokenRepository } from './token.repository.js';

// Medium tests: the repositories against a real SQLite file (and PostgreSQL when TEST_DATABASE_URL is set).
const targets = [{ name: 'sqlite', databaseUrl: null as string | null }];
if (process.env.TEST_DATABASE_URL) targets.push({ name: 'postgresql', databaseUrl: process.env.TEST_DATABASE_URL });

const HOST: Actor = { role: 'host' };
const SYSTEM: Actor = { role: 'system' };

describe.each(targets)('GameRepository and TokenRepository ($name)', ({ databaseUrl }) => {
  let dir: string;
  let storage: Storage;
  let db: Db;
  let games: GameRepository;
  let tokens: TokenRepository;
  let sets: SetDocumentRepository;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slimste-repo-'));
    storage = createStorage({ dataDir: dir, databaseUrl });
    db = storage.db;
    await migrateToLatest(db);
    await migrateToLatest(db); // idempotent
    sets = new SetDocumentRepository(db);
    games = new GameRepository(db, storage.driver, sets);
    tokens = new TokenRepository(db);
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const newGame = (): StoredGame => {
    const state = createGame(demoSets[0]!, resolveConfig({ players: 2 }), 7);
    const id = `g-${Math.random().toString(36).slice(2)}`;
    return { id, code: id.slice(-6).toUpperCase(), version: 0, state };
  };

  /** Applies and stores commands as the games service does. */
  async function play(game: StoredGame, steps: [Command, Actor][], start = 1_700_000_000_000): Promise<StoredGame> {
    let current = game;
    let now = start + current.version * 1_000;
    for (const [command, actor] of steps) {
      now += 1_000;
      const result = apply(current.state, command, { actor, now });
      if (!result.ok) throw new Error(`${command.type}: ${result.error.message}`);
      const version = await games.append(current.id, current.version, current.state, result.state, {
        command,
        actor,
        events: result.events,
        at: now,
      });
      current = { ...current, version, state: result.state };
    }
    return current;
  }

  const lobby = (): [Command, Actor][] => [
    [{ type: 'lobby.join', playerId: 'p1', name: 'Ann' }, SYSTEM],
    [{ type: 'lobby.join', playerId: 'p2', name: 'Bert' }, SYSTEM],
    [{ type: 'game.start' }, HOST],
  ];
  const same = (a: StoredGame | null, b: StoredGame) => {
    expect(a?.version).toBe(b.version);
    expect(snapshotOf(a?.state as GameState)).toEqual(snapshotOf(b.state));
    expect(historyEntries(a?.state as GameState)).toEqual(historyEntries(b.state));
  };

  it('stores a game and loads it back whole, with its question set', async () => {
    const game = newGame();
    await games.insert(game);
    const loaded = await games.load(game.id);
    same(loaded, game);
    expect(loaded?.state.set).toEqual(game.state.set);
    expect(await games.idForCode(game.code)).toBe(game.id);
  });

  it('appends events with increasing versions and refuses a stale version', async () => {
    const game = newGame();
    await games.insert(game);
    const joined = await play(game, lobby().slice(0, 1));
    expect(joined.version).toBe(1);
    const again = apply(game.state, { type: 'lobby.join', playerId: 'p9', name: 'Late' }, { actor: SYSTEM, now: 1 });
    if (!again.ok) throw new Error('join refused');
    await expect(
      games.append(game.id, 0, game.state, again.state, {
        command: { type: 'game.start' },
        actor: HOST,
        events: [],
        at: 1,
      }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect(await games.version(game.id)).toBe(1);
    const log = await games.events(game.id);
    expect(log.map((e) => e.version)).toEqual([1]);
    expect(log[0]).toMatchObject({ command: { type: 'lobby.join', playerId: 'p1' }, actor: SYSTEM });
    expect((await games.load(game.id))?.state.players).toHaveLength(1);
  });

  it('a long game: one small row per command, a snapshot now and then, loaded back with its undo log', async () => {
    const game = newGame();
    await games.insert(game);
    const steps: [Command, Actor][] = [...lobby()];
    for (let i = 0; i < 3 * SNAPSHOT_EVERY + 9; i++) {
      steps.push([{ type: 'seconds.adjust', playerId: i % 2 ? 'p1' : 'p2', delta: (i % 5) - 2 }, HOST]);
    }
    let played = await play(game, steps);
    // An undo in the middle: the log loses an entry, and the stored log must agree.
    played = await play(played, [
      [{ type: 'undo' }, HOST],
      [{ type: 'undo' }, HOST],
    ]);
    const loaded = await games.load(game.id);
    same(loaded, played);
    // The snapshot is not rewritten by every command: only 2 slots, the latest a few commands behind.
    const snaps = await db
      .selectFrom('game_snapshots')
      .select(['slot', 'version'])
      .where('game_id', '=', game.id)
      .execute();
    expect(snaps.map((s) => s.slot).sort()).toEqual(['latest', 'origin']);
    const latest = Number(snaps.find((s) => s.slot === 'latest')?.version);
    expect(latest).toBeLessThan(played.version);
    expect(played.version - latest).toBeLessThan(SNAPSHOT_EVERY);
    // The loaded game undoes back to the start exactly as the live one.
    let live = played;
    let back = loaded as StoredGame;
    for (let i = 0; i < 3 * SNAPSHOT_EVERY; i++) {
      const now = 1_800_000_000_000 + i;
      const a = apply(live.state, { type: 'undo' }, { actor: HOST, now });
      const b = apply(back.state, { type: 'undo' }, { actor: HOST, now });
      if (!a.ok || !b.ok) throw new Error('undo refused');
      live = { ...live, state: a.state };
      back = { ...back, state: b.state };
    }
    expect(snapshotOf(back.state)).toEqual(snapshotOf(live.state));
  });

  it('touches the games row only when its phase or clock changes; the event key checks the version', async () => {
    const game = newGame();
    await games.insert(game);
    const row = () =>
      db.selectFrom('games').select(['phase', 'updated_at']).where('id', '=', game.id).executeTakeFirstOrThrow();
    const started = await play(game, lobby());
    const afterStart = await row();
    expect(afterStart.phase).toBe('playing');
    const adjusted = await play(started, [[{ type: 'seconds.adjust', playerId: 'p1', delta: 5 }, HOST]]);
    expect(await row()).toEqual(afterStart); // a command that changes nothing of the row leaves it be
    expect(await games.version(game.id)).toBe(adjusted.version);
    // Two writers of the same next version in one batch (one tick): one wins, the other is refused,
    // and a third game's command in the same batch is stored all the same.
    const other = newGame();
    await games.insert(other);
    const next = apply(adjusted.state, { type: 'seconds.adjust', playerId: 'p2', delta: 1 }, { actor: HOST, now: 2 });
    const join = apply(other.state, { type: 'lobby.join', playerId: 'p1', name: 'Ann' }, { actor: SYSTEM, now: 2 });
    if (!next.ok || !join.ok) throw new Error('refused');
    const entry = (delta: number) => ({
      command: { type: 'seconds.adjust', playerId: 'p2', delta } as Command,
      actor: HOST,
      events: [],
      at: 2,
    });
    const results = await Promise.allSettled([
      games.append(game.id, adjusted.version, adjusted.state, next.state, entry(1)),
      games.append(game.id, adjusted.version, adjusted.state, next.state, entry(2)),
      games.append(other.id, 0, other.state, join.state, {
        ...entry(0),
        command: { type: 'lobby.join', playerId: 'p1', name: 'Ann' },
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect(await games.version(game.id)).toBe(adjusted.version + 1);
    expect(await games.version(other.id)).toBe(1);
    expect(await games.version('no-such-game')).toBeNull();
  });

  it('gives the state a game was created with (in its lobby and long after) and any range of its events', async () => {
    const game = newGame();
    await games.insert(game);
    // Version 0 only: the latest snapshot is the created state itself.
    expect((await games.origin(game.id))?.state).toEqual(game.state);
    const steps: [Command, Actor][] = [...lobby()];
    for (let i = 0; i < 2 * SNAPSHOT_EVERY + 3; i++)
      steps.push([{ type: 'game.pause' }, HOST], [{ type: 'game.resume' }, HOST]);
    await play(game, steps);
    // Started: from the origin snapshot, the same lobby (its set shared, as loaded games share it).
    const origin = await games.origin(game.id);
    expect(origin).toMatchObject({ id: game.id, code: game.code });
    expect(Number.isNaN(Date.parse(origin?.createdAt ?? ''))).toBe(false);
    expect(origin?.state).toEqual(game.state);
    const all = await games.events(game.id);
    expect(all.map((e) => e.version)).toEqual(steps.map((_, i) => i + 1));
    const range = await games.eventRange(game.id, 64, 70);
    expect(range).toEqual(all.slice(63, 70));
    expect(await games.eventRange(game.id, all.length + 1, all.length + 9)).toEqual([]);
    expect(await games.origin('no-such-game')).toBeNull();
  });

  it('catches a cached game up with what another writer stored', async () => {
    const game = newGame();
    await games.insert(game);
    const early = await play(game, lobby());
    const later = await play(early, [[{ type: 'seconds.adjust', playerId: 'p1', delta: 5 }, HOST]]);
    same(await games.catchUp(early), later);
  });

  it('stores a question set once, however many games play it', async () => {
    const a = newGame();
    const b = newGame();
    await games.insert(a);
    await games.insert(b);
    const hashes = await db.selectFrom('games').select('set_hash').where('id', 'in', [a.id, b.id]).execute();
    expect(new Set(hashes.map((h) => h.set_hash)).size).toBe(1);
    const stored = await db
      .selectFrom('set_documents')
      .select(sql<number>`count(*)`.as('n'))
      .where('hash', '=', hashes[0]?.set_hash as string)
      .executeTakeFirst();
    expect(Number(stored?.n)).toBe(1);
    // Loaded games share one parsed copy.
    const fresh = new GameRepository(db, storage.driver, sets);
    const [la, lb] = [await fresh.load(a.id), await fresh.load(b.id)];
    expect(la?.state.set).toBe(lb?.state.set);
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
