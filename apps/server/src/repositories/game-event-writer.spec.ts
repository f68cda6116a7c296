import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGame, resolveConfig } from '@slimste/engine';
import { demoSets } from '@slimste/protocol';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, migrateToLatest, type Storage, sqliteFile } from '../database/database.js';
import { GameRepository } from './game.repository.js';
import { type AppendRow, SqliteEventWriter, VersionConflictError } from './game-event-writer.js';
import { SetDocumentRepository } from './set-document.repository.js';

// SQLite's group commit (SQLITE_COMMIT_WINDOW_MS), against a real database file, read back through
// a second connection: what a command's ack promises is on disk, whoever reads it.
describe('SqliteEventWriter: commits grouped over a window', () => {
  const WINDOW_MS = 200;
  let dir: string;
  let storage: Storage;
  let reader: SqliteDatabase.Database;
  let writer: SqliteEventWriter;
  const gameIds: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slimste-writer-'));
    storage = createStorage({ dataDir: dir, databaseUrl: null });
    await migrateToLatest(storage.db);
    const games = new GameRepository(storage.db, storage.driver, new SetDocumentRepository(storage.db));
    for (let i = 0; i < 3; i++) {
      const id = `writer-${i}`;
      await games.insert({ id, code: `WRT00${i}`, version: 0, state: createGame(demoSets[0]!, resolveConfig({}), 7) });
      gameIds.push(id);
    }
    if (storage.driver.kind !== 'sqlite') throw new Error('expected SQLite');
    writer = new SqliteEventWriter(storage.driver.file, WINDOW_MS);
    reader = new SqliteDatabase(sqliteFile(dir), { readonly: true });
  });
  afterAll(async () => {
    reader.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (gameId: string, version: number): AppendRow => ({
    gameId,
    previousVersion: version - 1,
    version,
    game: null,
    at: new Date().toISOString(),
    command: JSON.stringify({ type: 'seconds.adjust', playerId: 'p1', delta: version }),
    actor: '{"role":"host"}',
    events: '[]',
    historyKeep: 0,
    historyPush: '[]',
    snapshots: [],
  });
  /** What another connection sees of a game's events now. */
  const stored = (gameId: string) =>
    (
      reader.prepare('select version from game_events where game_id = ? order by version').all(gameId) as {
        version: number;
      }[]
    ).map((r) => r.version);

  it('commits a command with no company at the next turn', async () => {
    // A game's commands one after the other (each waits for the ack of the one before).
    const started = performance.now();
    for (let version = 1; version <= 3; version++) await writer.append(row(gameIds[0]!, version));
    expect(performance.now() - started).toBeLessThan(WINDOW_MS);
    expect(stored(gameIds[0]!)).toEqual([1, 2, 3]);
  });

  it('acks each append only once it is committed; while games come in together, those of a window share a commit', async () => {
    // Two games at once: one commit of two, so the next commit waits for company.
    await Promise.all([writer.append(row(gameIds[1]!, 1)), writer.append(row(gameIds[2]!, 1))]);
    const lastCommitAt = performance.now();
    expect([stored(gameIds[1]!), stored(gameIds[2]!)]).toEqual([[1], [1]]);

    // Three more at once, within the window after that commit: none is acked (nor stored) before
    // the window ends, and when the first is acked all three are stored.
    const acked: number[] = [];
    const seenAtFirstAck: number[][] = [];
    const appends = [row(gameIds[0]!, 4), row(gameIds[1]!, 2), row(gameIds[2]!, 2)].map((r, i) =>
      writer.append(r).then(() => {
        if (!acked.length) seenAtFirstAck.push(...gameIds.map(stored));
        acked.push(i);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS / 4));
    expect(acked).toEqual([]);
    expect(stored(gameIds[1]!)).toEqual([1]);
    await Promise.all(appends);
    expect(performance.now() - lastCommitAt).toBeGreaterThanOrEqual(WINDOW_MS - 1);
    expect(seenAtFirstAck).toEqual([
      [1, 2, 3, 4],
      [1, 2],
      [1, 2],
    ]);
    expect(acked.sort()).toEqual([0, 1, 2]);
  });

  it('refuses a taken version alone: the others of its commit are stored and acked', async () => {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const results = await Promise.allSettled([
      writer.append(row(gameIds[1]!, 2)), // version 2 of this game is taken
      writer.append(row(gameIds[1]!, 3)),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected' });
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect(results[1]).toMatchObject({ status: 'fulfilled' });
    expect(stored(gameIds[1]!)).toEqual([1, 2, 3]);
  });
});
