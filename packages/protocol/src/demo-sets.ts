import type { QuestionSet } from '@slimste/engine';
import en from './demo/en.json' with { type: 'json' };
import nl from './demo/nl.json' with { type: 'json' };
import { parseQuestionSet } from './question-set.js';

/** The bundled sets are checked by the same schema as an upload: a mistake in them fails loudly at start-up. */
function load(document: unknown, name: string): QuestionSet {
  const result = parseQuestionSet(document);
  if (!result.ok) throw new Error(`demo question set ${name} is invalid:\n${result.errors.join('\n')}`);
  return result.value;
}

/** Complete demo sets (every round, enough for 4 players): Dutch first, it is the default. */
export const demoSets: QuestionSet[] = [load(nl, 'nl'), load(en, 'en')];

export const DEFAULT_DEMO_SET_ID = 'demo-nl';
