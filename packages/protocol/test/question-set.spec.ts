import { describe, expect, it } from 'vitest';
import { parseQuestionSet, toQuestionSetDocument } from '../src/question-set.js';
import { minimalDocument } from './fixtures.js';

type Doc = ReturnType<typeof minimalDocument>;
// biome-ignore lint/suspicious/noExplicitAny: broken documents are deliberately not well-typed
type Loose = any;

/** Each row breaks a valid document in one way and names the message(s) it must produce. */
const broken: [string, (doc: Loose) => void, string[]][] = [
  ['wrong format', (d) => (d.format = 'quiz'), ['format: expected "slimste.question-set"']],
  ['newer version', (d) => (d.version = 2), ['version: unsupported version 2, expected 1']],
  ['missing title', (d) => delete d.title, ['title: required']],
  ['blank title', (d) => (d.title = '   '), ['title: must not be empty']],
  ['unknown top-level field', (d) => (d.author = 'me'), ['(document): unknown field "author"']],
  [
    'bad language',
    (d) => (d.language = 'Dutch language'),
    ['language: must be a language tag such as "nl" or "en-GB"'],
  ],
  ['missing round', (d) => delete d.rounds.finale, ['rounds.finale: required']],
  [
    'puzzle link with 3 clues',
    (d) => d.rounds.puzzle[0].links[2].clues.pop(),
    ['rounds.puzzle[0].links[2].clues: expected 4 clues, got 3'],
  ],
  ['puzzle with 2 links', (d) => d.rounds.puzzle[0].links.pop(), ['rounds.puzzle[0].links: expected 3 links, got 2']],
  [
    'repeated clue across links',
    (d) => (d.rounds.puzzle[0].links[1].clues[3] = 'Clue 0-1'),
    ['rounds.puzzle[0].links[1].clues[3]: duplicate clue "Clue 0-1" (also at links[0].clues[1])'],
  ],
  [
    'duplicate answer id',
    (d) => (d.rounds.openDoor[0].answers[1].id = 'a1'),
    ['rounds.openDoor[0].answers[1].id: duplicate id "a1"'],
  ],
  [
    'open door with 5 answers',
    (d) => d.rounds.openDoor[0].answers.push({ id: 'a5', text: 'x' }),
    ['rounds.openDoor[0].answers: expected 4 answers, got 5'],
  ],
  [
    'gallery with 9 photos',
    (d) => d.rounds.gallery[0].photos.pop(),
    ['rounds.gallery[0].photos: expected 10 photos, got 9'],
  ],
  [
    'clip with 4 keywords',
    (d) => d.rounds.collectiveMemory[0].keywords.pop(),
    ['rounds.collectiveMemory[0].keywords: expected 5 keywords, got 4'],
  ],
  [
    'finale with 4 answers',
    (d) => d.rounds.finale[0].answers.pop(),
    ['rounds.finale[0].answers: expected 5 answers, got 4'],
  ],
  [
    'duplicate question id',
    (d) => d.rounds.threeSixNine.push({ id: 'q1', question: 'Again?', answer: 'yes' }),
    ['rounds.threeSixNine[1].id: duplicate id "q1"'],
  ],
  ['empty id', (d) => (d.rounds.threeSixNine[0].id = ''), ['rounds.threeSixNine[0].id: must not be empty']],
  [
    'number as answer',
    (d) => (d.rounds.threeSixNine[0].answer = 4),
    ['rounds.threeSixNine[0].answer: expected string, received number'],
  ],
  [
    'javascript url',
    (d) => (d.rounds.gallery[0].photos[3].image = 'javascript:alert(1)'),
    ['rounds.gallery[0].photos[3].image: must be a path starting with "/" or an http(s) address'],
  ],
  [
    'bad media kind',
    (d) => (d.rounds.threeSixNine[0].media = { kind: 'gif', url: '/a.gif' }),
    ['rounds.threeSixNine[0].media.kind: expected "image" or "audio" or "video"'],
  ],
  [
    'unknown field in an answer',
    (d) => (d.rounds.finale[0].answers[0].points = 3),
    ['rounds.finale[0].answers[0]: unknown field "points"'],
  ],
  [
    'control character in a clue',
    (d) => (d.rounds.puzzle[0].links[0].clues[0] = 'a\u0007b'),
    ['rounds.puzzle[0].links[0].clues[0]: must not contain control characters'],
  ],
  [
    'overlong answer',
    (d) => (d.rounds.threeSixNine[0].answer = 'x'.repeat(201)),
    ['rounds.threeSixNine[0].answer: at most 200 characters, got 201'],
  ],
  [
    'several problems at once',
    (d) => {
      d.rounds.puzzle[0].links[1].clues.pop();
      d.rounds.openDoor[0].answers[3].id = 'a2';
    },
    ['rounds.openDoor[0].answers[3].id: duplicate id "a2"', 'rounds.puzzle[0].links[1].clues: expected 4 clues, got 3'],
  ],
];

describe('parseQuestionSet', () => {
  it('accepts a minimal valid document and leaves a missing id empty', () => {
    const result = parseQuestionSet(minimalDocument());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.id).toBe('');
      expect(result.value.rounds.puzzle[0]?.links).toHaveLength(3);
    }
  });

  it.each(broken)('rejects a document with %s', (_name, breakIt, expected) => {
    const doc: Doc = minimalDocument();
    breakIt(doc);
    const result = parseQuestionSet(doc);
    expect(result).toEqual({ ok: false, errors: expected });
  });

  it('rejects things that are not documents', () => {
    expect(parseQuestionSet(null)).toEqual({ ok: false, errors: ['(document): expected object, received null'] });
    expect(parseQuestionSet('x')).toEqual({ ok: false, errors: ['(document): expected object, received string'] });
  });

  it('rejects a huge list quickly by its length, without a message per entry', () => {
    const doc: Loose = minimalDocument();
    doc.rounds.threeSixNine = Array.from({ length: 200_000 }, (_, i) => ({ id: `q${i}`, question: 7, answer: 'x' }));
    const result = parseQuestionSet(doc);
    expect(result).toEqual({ ok: false, errors: ['rounds.threeSixNine: at most 100 questions, got 200000'] });
  });

  it('caps the number of messages', () => {
    const doc: Loose = minimalDocument();
    doc.rounds.threeSixNine = Array.from({ length: 100 }, (_, i) => ({ id: `q${i}`, question: 7, answer: 'x' }));
    const result = parseQuestionSet(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(51);
      expect(result.errors[50]).toBe('(50 more problems not shown)');
    }
  });

  it('trims display text', () => {
    const doc = minimalDocument();
    doc.title = '  Tiny  ';
    const result = parseQuestionSet(doc);
    expect(result.ok && result.value.title).toBe('Tiny');
  });
});

describe('toQuestionSetDocument', () => {
  it('round-trips: parse -> export -> parse gives the same set', () => {
    const doc = { ...minimalDocument(), id: 'tiny' };
    const first = parseQuestionSet(doc);
    if (!first.ok) throw new Error(first.errors.join('\n'));
    const exported = toQuestionSetDocument(first.value);
    expect(exported).toEqual(doc);
    const second = parseQuestionSet(JSON.parse(JSON.stringify(exported)));
    expect(second).toEqual(first);
  });

  it('leaves an empty id out', () => {
    const first = parseQuestionSet(minimalDocument());
    if (!first.ok) throw new Error(first.errors.join('\n'));
    expect('id' in toQuestionSetDocument(first.value)).toBe(false);
  });
});
