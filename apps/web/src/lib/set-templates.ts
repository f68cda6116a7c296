import type { QuestionSet } from './types';

type Rounds = QuestionSet['rounds'];

export const newId = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
const answers = (n: number, prefix: string) => Array.from({ length: n }, () => ({ id: newId(prefix), text: '' }));

/** A blank item of each round, with the TV's counts (4 answers, 3 links of 4 clues, 10 photos, 5 keywords). */
export const blankItem = {
  threeSixNine: (): Rounds['threeSixNine'][number] => ({ id: newId('q'), question: '', answer: '' }),
  openDoor: (): Rounds['openDoor'][number] => ({
    id: newId('od'),
    questioner: '',
    question: '',
    answers: answers(4, 'a'),
  }),
  puzzle: (): Rounds['puzzle'][number] => ({
    id: newId('pz'),
    links: Array.from({ length: 3 }, () => ({ id: newId('l'), answer: '', clues: ['', '', '', ''] })),
  }),
  gallery: (): Rounds['gallery'][number] => ({
    id: newId('g'),
    title: '',
    photos: Array.from({ length: 10 }, () => ({ id: newId('p'), image: '', answer: '' })),
  }),
  collectiveMemory: (): Rounds['collectiveMemory'][number] => ({
    id: newId('cm'),
    title: '',
    keywords: answers(5, 'k'),
  }),
  finale: (): Rounds['finale'][number] => ({ id: newId('f'), question: '', answers: answers(5, 'a') }),
};

export function blankSet(language: string): QuestionSet {
  return {
    id: '',
    title: '',
    language,
    rounds: { threeSixNine: [], openDoor: [], puzzle: [], gallery: [], collectiveMemory: [], finale: [] },
  };
}
