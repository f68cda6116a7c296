import type { QuestionSet } from '@slimste/engine';
import { z } from 'zod';
import { formatIssues } from './issues.js';
import { between, exactly, idSchema, text, uniqueIds } from './text.js';

export const QUESTION_SET_FORMAT = 'slimste.question-set';
export const QUESTION_SET_VERSION = 1;

/** Upper bounds, so a huge or hostile upload is a clear error instead of a slow parse. */
export const QUESTION_SET_LIMITS = {
  title: 200,
  shortText: 200,
  question: 1000,
  summary: 4000,
  url: 2000,
  threeSixNine: 100,
  openDoor: 20,
  puzzle: 20,
  gallery: 20,
  collectiveMemory: 20,
  finale: 100,
} as const;

const L = QUESTION_SET_LIMITS;

/** A path on this server (`/media/...`) or an http(s) address; nothing that could run script. */
export const mediaUrlSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(L.url, { error: `at most ${L.url} characters` })
  .regex(/^(\/(?!\/)|https?:\/\/)\S*$/, { error: 'must be a path starting with "/" or an http(s) address' });

export const mediaSchema = z.strictObject({
  kind: z.enum(['image', 'audio', 'video']),
  url: mediaUrlSchema,
});

export const answerSchema = z.strictObject({ id: idSchema, text: text(L.shortText) });

/** An id-carrying list: fixed or bounded length, then unique ids. */
function withUniqueIds<T extends { id: string }>(schema: z.ZodType<T[]>) {
  return schema.check((ctx) => uniqueIds(ctx.value, ctx));
}

const threeSixNineSchema = z.strictObject({
  id: idSchema,
  question: text(L.question, { multiline: true }),
  answer: text(L.shortText),
  media: mediaSchema.optional(),
});

const openDoorSchema = z.strictObject({
  id: idSchema,
  questioner: text(L.shortText),
  question: text(L.question, { multiline: true }),
  media: mediaSchema.optional(),
  answers: withUniqueIds(exactly(answerSchema, 4, 'answers')),
});

const puzzleLinkSchema = z.strictObject({
  id: idSchema,
  answer: text(L.shortText),
  clues: exactly(text(L.shortText), 4, 'clues'),
});

/** The 12 clues share one grid, so none may appear twice (compared without case or surrounding spaces). */
const puzzleSchema = z
  .strictObject({
    id: idSchema,
    links: withUniqueIds(exactly(puzzleLinkSchema, 3, 'links')),
  })
  .check((ctx) => {
    const seen = new Map<string, string>();
    ctx.value.links.forEach((link, li) => {
      link.clues.forEach((clue, ci) => {
        const key = clue.toLocaleLowerCase();
        if (seen.has(key))
          ctx.issues.push({
            code: 'custom',
            input: clue,
            path: ['links', li, 'clues', ci],
            message: `duplicate clue "${clue}" (also at ${seen.get(key)})`,
          });
        else seen.set(key, `links[${li}].clues[${ci}]`);
      });
    });
  });

const galleryPhotoSchema = z.strictObject({ id: idSchema, image: mediaUrlSchema, answer: text(L.shortText) });

const gallerySchema = z.strictObject({
  id: idSchema,
  title: text(L.shortText),
  photos: withUniqueIds(exactly(galleryPhotoSchema, 10, 'photos')),
});

const memoryClipSchema = z.strictObject({
  id: idSchema,
  title: text(L.shortText),
  summary: text(L.summary, { multiline: true }).optional(),
  media: mediaSchema.optional(),
  keywords: withUniqueIds(exactly(answerSchema, 5, 'keywords')),
});

const finaleSchema = z.strictObject({
  id: idSchema,
  question: text(L.question, { multiline: true }),
  media: mediaSchema.optional(),
  answers: withUniqueIds(exactly(answerSchema, 5, 'answers')),
});

/** Exactly the engine's `QuestionSet['rounds']`. A round the game does not play may be an empty list. */
export const roundsSchema = z.strictObject({
  threeSixNine: withUniqueIds(between(threeSixNineSchema, 0, L.threeSixNine, 'questions')),
  openDoor: withUniqueIds(between(openDoorSchema, 0, L.openDoor, 'questioners')),
  puzzle: withUniqueIds(between(puzzleSchema, 0, L.puzzle, 'puzzles')),
  gallery: withUniqueIds(between(gallerySchema, 0, L.gallery, 'galleries')),
  collectiveMemory: withUniqueIds(between(memoryClipSchema, 0, L.collectiveMemory, 'clips')),
  finale: withUniqueIds(between(finaleSchema, 0, L.finale, 'questions')),
});

/** The JSON file a quizmaster writes, uploads and exports. */
export const questionSetDocumentSchema = z.strictObject({
  format: z.literal(QUESTION_SET_FORMAT, { error: `expected "${QUESTION_SET_FORMAT}"` }),
  version: z.literal(QUESTION_SET_VERSION, {
    error: (issue) => `unsupported version ${JSON.stringify(issue.input)}, expected ${QUESTION_SET_VERSION}`,
  }),
  id: idSchema.optional(),
  title: text(L.title),
  /** A BCP 47 language tag such as `nl`, `nl-BE` or `en`. */
  language: z
    .string()
    .max(35, { error: 'at most 35 characters' })
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { error: 'must be a language tag such as "nl" or "en-GB"' }),
  rounds: roundsSchema,
});

export type QuestionSetDocument = z.infer<typeof questionSetDocumentSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Reads a question set document (already JSON-parsed). The id stays `''` when the document has none:
 * the server assigns one.
 */
export function parseQuestionSet(input: unknown): ParseResult<QuestionSet> {
  const parsed = questionSetDocumentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error) };
  const { id, title, language, rounds } = parsed.data;
  return { ok: true, value: { id: id ?? '', title, language, rounds } };
}

/** The document for a set, ready for `JSON.stringify` (an empty id is left out). */
export function toQuestionSetDocument(set: QuestionSet): QuestionSetDocument {
  const rounds: QuestionSet['rounds'] = JSON.parse(JSON.stringify(set.rounds)); // plain JSON data: a deep copy
  return {
    format: QUESTION_SET_FORMAT,
    version: QUESTION_SET_VERSION,
    ...(set.id ? { id: set.id } : {}),
    title: set.title,
    language: set.language,
    rounds,
  };
}

// The document's rounds must stay exactly the engine's shape, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const roundsMatchEngine: Same<z.infer<typeof roundsSchema>, QuestionSet['rounds']> = true;
void roundsMatchEngine;
