import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, GameTable } from '../schema.js';

/** The tables as 0003 found them: the games row still had its version (dropped in 0004). */
type DatabaseAt0003 = Omit<Database, 'games'> & { games: GameTable & { version: number } };

/** What a game's `state` column held before 0003: the whole state, its log as an array beside it. */
interface LegacyState {
  phase: string;
  result?: { winnerId: string | null } | null;
  origin?: Record<string, unknown> | null;
  history?: unknown[];
  [key: string]: unknown;
}

/** Before 0003 the finale's line-up carried `winnerId: ''`; it is null until there is a winner now. */
function nullWinner<T extends { phase?: unknown; result?: { winnerId: string | null } | null }>(state: T): T {
  if (state.result && state.result.winnerId === '' && state.phase !== 'finished')
    return { ...state, result: { ...state.result, winnerId: null } };
  return state;
}

/**
 * Moves every game stored before 0003 to the new layout: its question set into `set_documents`
 * (once per distinct document), its state into a `latest` snapshot (and `origin`), and its undo
 * log onto its last event row, where loading folds it back.
 */
export async function splitLegacyGames(raw: Kysely<unknown>): Promise<void> {
  const db = raw as unknown as Kysely<DatabaseAt0003>;
  const now = new Date().toISOString();
  const ids = await db.selectFrom('games').select('id').where('state', '!=', '').execute();
  for (const { id } of ids) {
    const game = await db
      .selectFrom('games')
      .select(['id', 'version', 'state', 'question_set'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const hash = createHash('sha256').update(game.question_set).digest('hex');
    const { origin, history, ...core } = JSON.parse(game.state) as LegacyState;
    // PostgreSQL runs the whole migration in a transaction already (transactional DDL); SQLite does not.
    const atomically = <T>(fn: (trx: Kysely<DatabaseAt0003>) => Promise<T>) =>
      db.isTransaction ? fn(db) : db.transaction().execute(fn);
    await atomically(async (trx) => {
      const known = await trx.selectFrom('set_documents').select('hash').where('hash', '=', hash).executeTakeFirst();
      if (!known)
        await trx.insertInto('set_documents').values({ hash, document: game.question_set, created_at: now }).execute();
      await trx
        .insertInto('game_snapshots')
        .values({ game_id: id, slot: 'latest', version: Number(game.version), state: JSON.stringify(nullWinner(core)) })
        .execute();
      if (origin) {
        const start = await trx
          .selectFrom('game_events')
          .select('version')
          .where('game_id', '=', id)
          .where('command', '=', JSON.stringify({ type: 'game.start' }))
          .executeTakeFirst();
        await trx
          .insertInto('game_snapshots')
          .values({
            game_id: id,
            slot: 'origin',
            version: Number(start?.version ?? 0),
            state: JSON.stringify(nullWinner(origin)),
          })
          .execute();
      }
      if (history?.length) {
        await trx
          .updateTable('game_events')
          .set({ history_keep: 0, history_push: JSON.stringify(history) })
          .where('game_id', '=', id)
          .where('version', '=', Number(game.version))
          .execute();
      }
      await trx
        .updateTable('games')
        .set({ state: '', question_set: '', set_hash: hash })
        .where('id', '=', id)
        .execute();
    });
  }
}
