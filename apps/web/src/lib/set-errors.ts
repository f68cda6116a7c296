import { translate } from '../composables/useI18n';
import { roundName } from './error-text';
import type { MessageKey } from './messages';

/**
 * The server's 400 details look like `rounds.puzzle[1].links[2].clues: expected 4 clues, got 3`.
 * These helpers put each message beside the field its path names.
 */
export interface PathError {
  path: string;
  message: string;
}

export function parseDetails(details: string[]): PathError[] {
  return details.map((d) => {
    const i = d.indexOf(': ');
    return i < 0 ? { path: '', message: d } : { path: d.slice(0, i), message: d.slice(i + 2) };
  });
}

/** Errors at `path` itself or inside it (`path.x`, `path[0]`). */
export function errorsAt(errors: PathError[], path: string, exact = false): string[] {
  return errors
    .filter((e) => e.path === path || (!exact && (e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`))))
    .map((e) => (e.path === path ? e.message : `${e.path.slice(path.length).replace(/^\./, '')}: ${e.message}`));
}

/** The list names inside a set, and how one of their entries is called ("link 3"). */
const ENTRY: Record<string, 'path.link' | 'path.photo' | 'path.answer' | 'path.keyword' | 'path.clue'> = {
  links: 'path.link',
  photos: 'path.photo',
  answers: 'path.answer',
  keywords: 'path.keyword',
  clues: 'path.clue',
};
/** Field names as the editor labels them. */
const FIELD: Record<string, MessageKey> = {
  title: 'edit.setTitle',
  language: 'edit.language',
  question: 'edit.question',
  answer: 'edit.answer',
  answers: 'edit.answers',
  questioner: 'edit.questioner',
  clues: 'edit.clues',
  keywords: 'edit.keywords',
  summary: 'edit.summary',
  media: 'edit.media',
  image: 'edit.image',
  photos: 'board.photos',
};

/**
 * A path of the server's details as a person reads it: `rounds.puzzle[1].links[2].clues` ->
 * "Puzzle 2, link 3, clues" (in the page's language); `(document)` is the file itself.
 */
export function humanPath(path: string): string {
  if (!path || path === '(document)') return translate('path.document');
  const tokens = path.match(/[^.[\]]+|\[\d+\]/g) ?? [path];
  const parts: string[] = [];
  let list = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const index = /^\[(\d+)\]$/.exec(token);
    if (token === 'rounds' && tokens[i + 1]) {
      list = tokens[++i]!;
      parts.push(roundName(list));
    } else if (index) {
      const n = Number(index[1]) + 1;
      const entry = ENTRY[list];
      if (entry) parts[parts.length - 1] = translate(entry, { n });
      else if (parts.length) parts[parts.length - 1] = translate('path.item', { round: parts[parts.length - 1]!, n });
      else parts.push(String(n));
    } else {
      list = token;
      const field = FIELD[token];
      parts.push(field ? translate(field).toLowerCase() : token);
    }
  }
  return parts.join(', ');
}

/** A detail line of the server with its path made readable (the message after it stays as sent). */
export function humanDetail(detail: string): string {
  const { path, message } = parseDetails([detail])[0]!;
  return path ? `${humanPath(path)}: ${message}` : message;
}
