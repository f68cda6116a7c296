import { countQuestions, type QuestionSetCounts } from '@slimste/protocol';
import type { Kysely } from 'kysely';

/** The question_sets table as 0005 finds it. */
interface DatabaseAt0005 {
  question_sets: { id: string; document: string; counts: string };
}

/**
 * The list of question sets used to read and parse every stored document to count its items (a
 * public call that 60 large sets made cost over a second). The counts become a column written
 * with the document; this fills it for the sets already stored, one at a time.
 */
export async function fillQuestionSetCounts(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<DatabaseAt0005>;
  const ids = await typed.selectFrom('question_sets').select('id').execute();
  for (const { id } of ids) {
    const row = await typed.selectFrom('question_sets').select('document').where('id', '=', id).executeTakeFirst();
    if (!row) continue;
    let counts: QuestionSetCounts;
    try {
      counts = countQuestions(JSON.parse(row.document));
    } catch {
      counts = { threeSixNine: 0, openDoor: 0, puzzle: 0, gallery: 0, collectiveMemory: 0, finale: 0 };
    }
    await typed
      .updateTable('question_sets')
      .set({ counts: JSON.stringify(counts) })
      .where('id', '=', id)
      .execute();
  }
}
