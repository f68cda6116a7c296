import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Command, GameEvent, GameState, QuestionSet } from '@slimste/engine';
import { clockDueAt } from '../common/clock-due.js';
import { DATABASE, type Db } from '../database/database.js';

/** A game as loaded from storage: the engine state and the version it is at. */
export interface StoredGame {
  id: string;
  code: string;
  version: number;
  state: GameState;
}

export interface AppendedEvent {
  command: Command;
  actor: Actor;
  events: GameEvent[];
  at: number;
}

/** Thrown by `append` when another writer moved the game on first; the caller reloads and retries. */
export class VersionConflictError extends Error {
  constructor(gameId: string, version: number) {
    super(`game ${gameId} is no longer at version ${version}`);
  }
}

type StateWithoutSet = Omit<GameState, 'set'>;

/** The state is stored without its question set, which is written once per game. */
function splitState(state: GameState): string {
  const { set: _set, ...rest } = state;
  return JSON.stringify(rest satisfies StateWithoutSet);
}

/** All storage of games: snapshots, their event log and the optimistic version check. */
@Injectable()
export class GameRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  async insert(game: StoredGame): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .insertInto('games')
      .values({
        id: game.id,
        code: game.code,
        version: game.version,
        state: splitState(game.state),
        question_set: JSON.stringify(game.state.set),
        phase: game.state.phase,
        clock_due_at: clockDueAt(game.state),
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .execute();
  }

  async codeExists(code: string): Promise<boolean> {
    const row = await this.db.selectFrom('games').select('id').where('code', '=', code).executeTakeFirst();
    return Boolean(row);
  }

  async idForCode(code: string): Promise<string | null> {
    const row = await this.db.selectFrom('games').select('id').where('code', '=', code).executeTakeFirst();
    return row?.id ?? null;
  }

  async version(id: string): Promise<number | null> {
    const row = await this.db.selectFrom('games').select('version').where('id', '=', id).executeTakeFirst();
    return row ? Number(row.version) : null;
  }

  async load(id: string): Promise<StoredGame | null> {
    const row = await this.db
      .selectFrom('games')
      .select(['id', 'code', 'version', 'state', 'question_set'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const rest = JSON.parse(row.state) as StateWithoutSet;
    const set = JSON.parse(row.question_set) as QuestionSet;
    return { id: row.id, code: row.code, version: Number(row.version), state: { ...rest, set } };
  }

  /**
   * Appends one accepted command and the new snapshot in one transaction, moving the game from
   * `previousVersion` to `previousVersion + 1`. Throws VersionConflictError when the stored game
   * is no longer at `previousVersion` (another node or request won).
   */
  async append(id: string, previousVersion: number, state: GameState, entry: AppendedEvent): Promise<number> {
    const version = previousVersion + 1;
    const at = new Date(entry.at).toISOString();
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('games')
        .set({
          version,
          state: splitState(state),
          phase: state.phase,
          clock_due_at: clockDueAt(state),
          updated_at: at,
          finished_at: state.phase === 'finished' ? at : null,
        })
        .where('id', '=', id)
        .where('version', '=', previousVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new VersionConflictError(id, previousVersion);
      await trx
        .insertInto('game_events')
        .values({
          game_id: id,
          version,
          command: JSON.stringify(entry.command),
          actor: JSON.stringify(entry.actor),
          events: JSON.stringify(entry.events),
          at,
        })
        .execute();
    });
    return version;
  }

  /** Games whose clock is running (due before `before`, when given), to arm their timers. */
  async gamesWithRunningClock(before?: number): Promise<{ id: string; dueAt: number }[]> {
    let query = this.db
      .selectFrom('games')
      .select(['id', 'clock_due_at'])
      .where('clock_due_at', 'is not', null)
      .where('finished_at', 'is', null);
    if (before !== undefined) query = query.where('clock_due_at', '<', before);
    const rows = await query.execute();
    return rows.map((r) => ({ id: r.id, dueAt: Number(r.clock_due_at) }));
  }

  async events(id: string): Promise<(AppendedEvent & { version: number })[]> {
    const rows = await this.db
      .selectFrom('game_events')
      .selectAll()
      .where('game_id', '=', id)
      .orderBy('version')
      .execute();
    return rows.map((r) => ({
      version: Number(r.version),
      command: JSON.parse(r.command) as Command,
      actor: JSON.parse(r.actor) as Actor,
      events: JSON.parse(r.events) as GameEvent[],
      at: Date.parse(r.at),
    }));
  }
}
