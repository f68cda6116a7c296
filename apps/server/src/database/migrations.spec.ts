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
import { countQuestions, demoSets } from '@slimste/protocol';
import { type Kysely, Migrator } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GameRepository } from '../repositories/game.repository.js';
import { QuestionSetRepository } from '../repositories/question-set.repository.js';
import { SetDocumentRepository } from '../repositories/set-document.repository.js';
import { createStorage, migrateToLatest, type Storage } from './database.js';
import { migrationProvider } from './migrations.js';

const DATABASE = 'slimste_migration_test';
const targets = [{ name: 'sqlite', databaseUrl: null as string | null }];
if (process.env.TEST_DATABASE_URL) {
  // A database of its own: the other test files share TEST_DATABASE_URL's at the same time.
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${DATABASE}`;
  targets.push({ name: 'postgresql', databaseUrl: url.toString() });
}

/** Creates the PostgreSQL test database afresh (the test user may create databases). */
async function freshPostgresDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${DATABASE}`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

/** The root of the undo log keeps the state right after `game.start`. */
function originOf(state: GameState): GameState {
  let node = state.history;
  while (node?.prev) node = node.prev;
  return node?.checkpoint as GameState;
}

// A database written before 0003 (state and log in one column, the set copied per game) must load
// after the upgrade exactly as it was, undo included. PostgreSQL runs this on a schema of its own.
describe.each(targets)('migration 0003 ($name)', ({ databaseUrl }) => {
  let dir: string;
  let storage: Storage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slimste-migrate-'));
    if (databaseUrl) await freshPostgresDatabase();
    storage = createStorage({ dataDir: dir, databaseUrl });
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves games stored before it to snapshots, one stored set and the event log', async () => {
    const db = storage.db;
    const migrator = new Migrator({ db, provider: migrationProvider });
    const before = await migrator.migrateTo('0002_question_set_edit_token');
    expect(before.error).toBeUndefined();

    // A game played the way the server did then: the state with `origin` and `history` beside it.
    let state = createGame(demoSets[0]!, resolveConfig({ players: 2, rounds: ['threeSixNine', 'finale'] }), 3);
    const steps: [Command, Actor][] = [
      [{ type: 'lobby.join', playerId: 'p1', name: 'Ann' }, { role: 'system' }],
      [{ type: 'lobby.join', playerId: 'p2', name: 'Bert' }, { role: 'system' }],
      [{ type: 'game.start' }, { role: 'host' }],
      [{ type: 'answer.wrong' }, { role: 'host' }],
      [{ type: 'seconds.adjust', playerId: 'p1', delta: 7 }, { role: 'host' }],
    ];
    const now = Date.UTC(2026, 10, 1);
    const rows = [];
    for (const [i, [command, actor]] of steps.entries()) {
      const result = apply(state, command, { actor, now: now + i * 1000 });
      if (!result.ok) throw new Error(result.error.message);
      state = result.state;
      rows.push({
        game_id: 'legacy-game',
        version: i + 1,
        command: JSON.stringify(command),
        actor: JSON.stringify(actor),
        events: JSON.stringify(result.events),
        at: new Date(now + i * 1000).toISOString(),
      });
    }
    const legacy = { ...snapshotOf(state), origin: snapshotOf(originOf(state)), history: historyEntries(state) };
    const at = new Date(now).toISOString();
    const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await raw
      .insertInto('games')
      .values({
        id: 'legacy-game',
        code: 'LEGACY',
        version: steps.length,
        state: JSON.stringify(legacy),
        question_set: JSON.stringify(state.set),
        phase: state.phase,
        clock_due_at: null,
        created_at: at,
        updated_at: at,
        finished_at: null,
      })
      .execute();
    await raw.insertInto('game_events').values(rows).execute();

    await migrateToLatest(db);
    const repository = new GameRepository(db, storage.driver, new SetDocumentRepository(db));
    const loaded = await repository.load('legacy-game');
    expect(loaded?.version).toBe(steps.length);
    expect(snapshotOf(loaded?.state as GameState)).toEqual(snapshotOf(state));
    expect(historyEntries(loaded?.state as GameState)).toEqual(historyEntries(state));
    // Undo on the upgraded game gives what undo gave before.
    const a = apply(state, { type: 'undo' }, { actor: { role: 'host' }, now: now + 60_000 });
    const b = apply(loaded?.state as GameState, { type: 'undo' }, { actor: { role: 'host' }, now: now + 60_000 });
    if (!a.ok || !b.ok) throw new Error('undo refused');
    expect(snapshotOf(b.state)).toEqual(snapshotOf(a.state));
    const game = await db.selectFrom('games').select(['state', 'question_set', 'set_hash']).executeTakeFirst();
    expect(game).toMatchObject({ state: '', question_set: '' });
    expect(game?.set_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

// Sets stored before 0005 get their counts column filled from their documents, so the list (which
// no longer reads documents) shows them as before.
describe.each(targets)('migration 0005 ($name)', ({ databaseUrl }) => {
  let dir: string;
  let storage: Storage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slimste-migrate-'));
    if (databaseUrl) await freshPostgresDatabase();
    storage = createStorage({ dataDir: dir, databaseUrl });
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills the counts of the sets already stored; the list reads only that column', async () => {
    const db = storage.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0004_version_in_the_event_log')).error).toBeUndefined();
    const set = demoSets[0]!;
    const row = (id: string, document: string) => ({
      id,
      title: id,
      language: 'nl',
      document,
      builtin: 0,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    await db
      .insertInto('question_sets')
      .values([row('old-set', JSON.stringify({ ...set, id: 'old-set' })), row('broken', 'not json')])
      .execute();
    await migrateToLatest(storage.db);
    const listed = await new QuestionSetRepository(storage.db).list({ limit: 100, offset: 0 });
    expect(listed.find((s) => s.id === 'old-set')?.counts).toEqual(countQuestions(set));
    // A document that does not parse no longer breaks the whole list: it shows no questions.
    expect(listed.find((s) => s.id === 'broken')?.counts).toEqual({
      threeSixNine: 0,
      openDoor: 0,
      puzzle: 0,
      gallery: 0,
      collectiveMemory: 0,
      finale: 0,
    });
  });
});
