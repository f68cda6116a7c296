import { z } from 'zod';

/** C0/C1 controls, bidi overrides/isolates and line/paragraph separators: never wanted in a name or a label. */
const UNWANTED_CHARS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** Length in code points, so an emoji counts as one character. */
export const charCount = (s: string): number => [...s].length;

/**
 * Display text: trimmed, 1..max characters, no control characters.
 * `what` names the value in messages ("must not be empty").
 */
export function text(max: number, options: { multiline?: boolean } = {}) {
  return z
    .string()
    .max(max * 2 + 64, { error: `at most ${max} characters` })
    .trim()
    .min(1, { error: 'must not be empty' })
    .check((ctx) => {
      const value = ctx.value;
      if (charCount(value) > max)
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `at most ${max} characters, got ${charCount(value)}`,
        });
      const bad = options.multiline ? value.replace(/[\n\t]/g, ' ') : value;
      if (UNWANTED_CHARS.test(bad))
        ctx.issues.push({ code: 'custom', input: value, message: 'must not contain control characters' });
    });
}

/** An id within its list: 1..64 characters, no spaces or control characters. */
export const idSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'at most 64 characters' })
  .regex(/^[^\s\p{Cc}]*$/u, { error: 'must not contain spaces or control characters' });

/**
 * A list with a fixed number of entries: `expected 4 clues, got 3`.
 * The length is checked before the entries, so a huge list fails fast.
 */
export function exactly<T extends z.ZodType>(item: T, count: number, noun: string) {
  return z.array(item).length(count, {
    error: (issue) => {
      const input = issue.input;
      return `expected ${count} ${noun}, got ${Array.isArray(input) ? input.length : 'something else'}`;
    },
  });
}

/** A list of 1..max entries, named in messages. */
export function between<T extends z.ZodType>(item: T, min: number, max: number, noun: string) {
  return z
    .array(item)
    .min(min, { error: `needs at least ${min} ${noun}` })
    .max(max, { error: (issue) => `at most ${max} ${noun}, got ${(issue.input as unknown[]).length}` });
}

/** Reports a second (third...) use of an id within one list, on the entry's `id`: `duplicate id "a2"`. */
export function uniqueIds<T extends { id: string }>(list: T[], ctx: z.core.ParsePayload<T[]>): void {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    if (seen.has(entry.id))
      ctx.issues.push({ code: 'custom', input: entry.id, path: [index, 'id'], message: `duplicate id "${entry.id}"` });
    seen.add(entry.id);
  });
}
