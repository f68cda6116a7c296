/**
 * A question set for the server tests: every round with enough items for 3 players, and answer
 * texts that carry a marker, so a test can grep any payload for an answer that leaked.
 */
export const SECRET = 'SECRET';

const answers = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}a${i + 1}`, text: `${SECRET} ${prefix} answer ${i + 1}` }));

export function testQuestionSet(title = 'Server test set') {
  return {
    format: 'slimste.question-set',
    version: 1,
    title,
    language: 'en',
    rounds: {
      threeSixNine: Array.from({ length: 15 }, (_, i) => ({
        id: `q${i + 1}`,
        question: `Question ${i + 1}?`,
        answer: `${SECRET} 369 answer ${i + 1}`,
      })),
      openDoor: Array.from({ length: 4 }, (_, i) => ({
        id: `d${i + 1}`,
        questioner: `Questioner ${i + 1}`,
        question: `Open door question ${i + 1}?`,
        // A clip for the host to play on the screen (`media.play`).
        media: { kind: 'video', url: `/media/uploads/door-${i + 1}.mp4` },
        answers: answers(`d${i + 1}`, 4),
      })),
      puzzle: Array.from({ length: 3 }, (_, p) => ({
        id: `p${p + 1}`,
        links: [0, 1, 2].map((l) => ({
          id: `p${p + 1}l${l + 1}`,
          answer: `${SECRET} link ${p + 1}-${l + 1}`,
          clues: [0, 1, 2, 3].map((c) => `clue ${p}-${l}-${c}`),
        })),
      })),
      gallery: Array.from({ length: 3 }, (_, g) => ({
        id: `g${g + 1}`,
        title: `Gallery ${g + 1}`,
        photos: Array.from({ length: 10 }, (_, i) => ({
          id: `g${g + 1}ph${i + 1}`,
          image: `/media/demo/test-${g}-${i}.svg`,
          answer: `${SECRET} photo ${g + 1}-${i + 1}`,
        })),
      })),
      collectiveMemory: Array.from({ length: 4 }, (_, i) => ({
        id: `c${i + 1}`,
        title: `Clip ${i + 1}`,
        summary: 'Something happened.',
        keywords: answers(`c${i + 1}`, 5),
      })),
      finale: Array.from({ length: 6 }, (_, i) => ({
        id: `f${i + 1}`,
        question: `Finale question ${i + 1}?`,
        answers: answers(`f${i + 1}`, 5),
      })),
    },
  };
}
