import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { QuestionSet } from '@slimste/engine';
import { DATABASE, type Db } from '../database/database.js';

/**
 * The question sets games play, stored once per distinct document (named by its sha256) and held
 * in memory once: every game of a set shares one parsed copy for as long as any game holds it.
 * Games keep the document they were created with, so editing a set never changes a game.
 */
const hashOf = (document: string) => createHash('sha256').update(document).digest('hex');

@Injectable()
export class SetDocumentRepository {
  private readonly parsed = new Map<string, WeakRef<QuestionSet>>();
  private readonly hashes = new WeakMap<QuestionSet, string>();
  /** Hashes known to be in `set_documents`. */
  private readonly stored = new Set<string>();
  private readonly forget = new FinalizationRegistry<string>((hash) => {
    if (!this.parsed.get(hash)?.deref()) this.parsed.delete(hash);
  });

  constructor(@Inject(DATABASE) private readonly db: Db) {}

  /** Stores the document (if new) and returns its hash. */
  async store(set: QuestionSet): Promise<string> {
    const document = JSON.stringify(set);
    const hash = this.hashes.get(set) ?? hashOf(document);
    if (this.stored.has(hash)) return hash;
    await this.db
      .insertInto('set_documents')
      .values({ hash, document, created_at: new Date().toISOString() })
      .onConflict((c) => c.column('hash').doNothing())
      .execute();
    this.stored.add(hash);
    return hash;
  }

  /** The shared copy of a document: `set` itself unless an equal one is held already. */
  intern(set: QuestionSet): QuestionSet {
    const hash = hashOf(JSON.stringify(set));
    const held = this.parsed.get(hash)?.deref();
    if (held) return held;
    this.remember(hash, set);
    return set;
  }

  async get(hash: string): Promise<QuestionSet | null> {
    const held = this.parsed.get(hash)?.deref();
    if (held) return held;
    const row = await this.db
      .selectFrom('set_documents')
      .select('document')
      .where('hash', '=', hash)
      .executeTakeFirst();
    if (!row) return null;
    // Another load may have parsed it meanwhile: keep one copy.
    const again = this.parsed.get(hash)?.deref();
    if (again) return again;
    const set = JSON.parse(row.document) as QuestionSet;
    this.remember(hash, set);
    this.stored.add(hash);
    return set;
  }

  /** How many distinct documents are held in memory now (for tests and figures). */
  get held(): number {
    return [...this.parsed.values()].filter((ref) => ref.deref()).length;
  }

  private remember(hash: string, set: QuestionSet): void {
    this.parsed.set(hash, new WeakRef(set));
    this.hashes.set(set, hash);
    this.forget.register(set, hash);
  }
}
