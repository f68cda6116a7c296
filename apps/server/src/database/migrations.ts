import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { splitLegacyGames } from './migrations/0003-split-games.js';
import { fillQuestionSetCounts } from './migrations/0005-question-set-counts.js';

/** Migrations live in code (no files to find at run time) and use only types both dialects know. */
const migrations: Record<string, Migration> = {
  '0001_init': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('question_sets')
        .addColumn('id', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('language', 'varchar(20)', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('games')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('question_set', 'text', (c) => c.notNull())
        .addColumn('phase', 'varchar(20)', (c) => c.notNull())
        .addColumn('clock_due_at', 'double precision')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(40)')
        .execute();
      await db.schema.createIndex('games_clock_due_at').on('games').column('clock_due_at').execute();
      await db.schema
        .createTable('game_events')
        .addColumn('game_id', 'varchar(64)', (c) => c.notNull().references('games.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('command', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('game_events_pk', ['game_id', 'version'])
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('game_id', 'varchar(64)', (c) => c.notNull().references('games.id').onDelete('cascade'))
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('player_id', 'varchar(64)')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tokens_game_player').on('tokens').columns(['game_id', 'player_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['tokens', 'game_events', 'games', 'question_sets']) {
        await sql`drop table if exists ${sql.table(table)}`.execute(db);
      }
    },
  },
  '0002_question_set_edit_token': {
    async up(db: Kysely<unknown>) {
      // sha256 of the set's edit token; null for the demo sets and for sets imported before tokens existed
      // (only the operator's ADMIN_TOKEN opens those).
      await db.schema.alterTable('question_sets').addColumn('edit_token_hash', 'varchar(64)').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('question_sets').dropColumn('edit_token_hash').execute();
    },
  },
  '0003_event_log_and_snapshots': {
    // A command appends one small event row (with how it changed the undo log) and rewrites only a
    // small games row; the state is snapshotted now and then, the question set stored once.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('set_documents')
        .addColumn('hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('games').addColumn('set_hash', 'varchar(64)').execute();
      await db.schema
        .alterTable('game_events')
        .addColumn('history_keep', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('game_events')
        .addColumn('history_push', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema
        .createTable('game_snapshots')
        .addColumn('game_id', 'varchar(64)', (c) => c.notNull().references('games.id').onDelete('cascade'))
        .addColumn('slot', 'varchar(10)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('game_snapshots_pk', ['game_id', 'slot'])
        .execute();
      await splitLegacyGames(db);
    },
    async down() {
      throw new Error('0003 is not reversible: restore the backup taken before the upgrade');
    },
  },
  '0004_version_in_the_event_log': {
    // A command no longer rewrites the games row (one append-only event row per command): the
    // version is the last event's, checked by the event table's primary key.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('games').dropColumn('version').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema
        .alterTable('games')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update games set version = coalesce((select max(e.version) from game_events e where e.game_id = games.id), 0)`.execute(
        db,
      );
    },
  },
  '0005_question_set_counts': {
    // The list of sets shows each set's counts without reading its document (issue 9: the list
    // parsed every stored set on every call).
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('question_sets')
        .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await fillQuestionSetCounts(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('question_sets').dropColumn('counts').execute();
    },
  },
  '0006_storage_probe': {
    // One row that /api/health writes: a database that answers reads but refuses writes (a full
    // disk) is unhealthy, and a load balancer should know.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('storage_probe')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('storage_probe').execute();
    },
  },
  '0007_creators_and_retention': {
    // Quotas per address (issue 9): who made a set or a game (a hash of the address's group, never
    // the address), and the indexes the quota counts and the retention sweep read.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('question_sets').addColumn('created_by', 'varchar(64)').execute();
      await db.schema.alterTable('games').addColumn('created_by', 'varchar(64)').execute();
      await db.schema.createIndex('question_sets_created_by').on('question_sets').column('created_by').execute();
      await db.schema.createIndex('games_created_by').on('games').columns(['created_by', 'finished_at']).execute();
      await db.schema.createIndex('games_finished_at').on('games').column('finished_at').execute();
      await db.schema.createIndex('games_updated_at').on('games').column('updated_at').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const index of ['question_sets_created_by', 'games_created_by', 'games_finished_at', 'games_updated_at']) {
        await db.schema.dropIndex(index).execute();
      }
      await db.schema.alterTable('games').dropColumn('created_by').execute();
      await db.schema.alterTable('question_sets').dropColumn('created_by').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
