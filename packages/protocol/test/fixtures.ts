import type { QuestionSetDocument } from '../src/question-set.js';

const answers = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i + 1}`, text: `${prefix} answer ${i + 1}` }));

/** A small, valid document: every round present with the fixed counts, one item each. */
export function minimalDocument(): QuestionSetDocument {
  return {
    format: 'slimste.question-set',
    version: 1,
    title: 'Tiny',
    language: 'en',
    rounds: {
      threeSixNine: [{ id: 'q1', question: 'What is 2 + 2?', answer: '4' }],
      openDoor: [{ id: 'd1', questioner: 'A friend', question: 'Name the four seasons.', answers: answers('a', 4) }],
      puzzle: [
        {
          id: 'p1',
          links: [0, 1, 2].map((l) => ({
            id: `l${l + 1}`,
            answer: `Link ${l + 1}`,
            clues: [0, 1, 2, 3].map((c) => `clue ${l}-${c}`),
          })),
        },
      ],
      gallery: [
        {
          id: 'g1',
          title: 'Shapes',
          photos: Array.from({ length: 10 }, (_, i) => ({
            id: `ph${i + 1}`,
            image: `/media/x${i}.svg`,
            answer: `x${i}`,
          })),
        },
      ],
      collectiveMemory: [{ id: 'c1', title: 'A clip', summary: 'Something happened.', keywords: answers('k', 5) }],
      finale: [{ id: 'f1', question: 'Name five colours.', answers: answers('f', 5) }],
    },
  };
}
