import { Inject, Injectable } from '@nestjs/common';
import type { QuestionSet } from '@slimste/engine';
import { countQuestions, type QuestionSetCounts, type QuestionSetListItem } from '@slimste/protocol';
import { DATABASE, type Db } from '../database/database.js';

export interface QuestionSetRecord {
  id: string;
  title: string;
  language: string;
  builtIn: boolean;
  /** sha256 of the set's edit token (hex); null for the demo sets and sets older than edit tokens. */
  editTokenHash: string | null;
  createdAt: string;
  updatedAt: string;
  document: QuestionSet;
}

/** All storage of question sets. The document is stored whole, as JSON text. */
@Injectable()
export class QuestionSetRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  /**
   * One page of metadata and counts, from their columns: no document is read (they may be
   * megabytes each). The demo sets first, then by title (and id, so pages never overlap).
   */
  async list(page: { limit: number; offset: number }): Promise<QuestionSetListItem[]> {
    const rows = await this.db
      .selectFrom('question_sets')
      .select(['id', 'title', 'language', 'builtin', 'counts', 'updated_at'])
      .orderBy('builtin', 'desc')
      .orderBy('title')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      language: r.language,
      builtIn: Boolean(r.builtin),
      counts: JSON.parse(r.counts) as QuestionSetCounts,
      updatedAt: r.updated_at,
    }));
  }

  /** How many sets are stored. */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('question_sets')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async get(id: string): Promise<QuestionSetRecord | null> {
    const r = await this.db.selectFrom('question_sets').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    return {
      id: r.id,
      title: r.title,
      language: r.language,
      builtIn: Boolean(r.builtin),
      editTokenHash: r.edit_token_hash,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      document: JSON.parse(r.document) as QuestionSet,
    };
  }

  async exists(id: string): Promise<boolean> {
    const r = await this.db.selectFrom('question_sets').select('id').where('id', '=', id).executeTakeFirst();
    return Boolean(r);
  }

  /** A set of a quizmaster's own (`editTokenHash` given) or a bundled one (`builtIn`). */
  /** How many sets `creator` imported (and still has). */
  async countBy(creator: string): Promise<number> {
    const row = await this.db
      .selectFrom('question_sets')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('created_by', '=', creator)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(
    set: QuestionSet,
    owner: { editTokenHash: string; createdBy: string | null } | { builtIn: true },
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .insertInto('question_sets')
      .values({
        id: set.id,
        title: set.title,
        language: set.language,
        document: JSON.stringify(set),
        counts: JSON.stringify(countQuestions(set)),
        builtin: 'builtIn' in owner ? 1 : 0,
        edit_token_hash: 'editTokenHash' in owner ? owner.editTokenHash : null,
        created_by: 'createdBy' in owner ? owner.createdBy : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  /** Replaces the document (the edit token stays). Returns false when no set has this id. */
  async update(set: QuestionSet): Promise<boolean> {
    const result = await this.db
      .updateTable('question_sets')
      .set({
        title: set.title,
        language: set.language,
        document: JSON.stringify(set),
        counts: JSON.stringify(countQuestions(set)),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', set.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Inserts or replaces a bundled set (boot-time load of the demo sets). */
  async upsertBuiltin(set: QuestionSet): Promise<void> {
    if (await this.exists(set.id)) {
      await this.db
        .updateTable('question_sets')
        .set({
          title: set.title,
          language: set.language,
          document: JSON.stringify(set),
          counts: JSON.stringify(countQuestions(set)),
          builtin: 1,
          edit_token_hash: null,
        })
        .where('id', '=', set.id)
        .execute();
    } else {
      await this.insert(set, { builtIn: true });
    }
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('question_sets').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
