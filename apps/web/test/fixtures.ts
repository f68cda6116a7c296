import type { GameView, PlayerView, RoundView, Scoring } from '../src/lib/types';

export const players: PlayerView[] = [
  { id: 'p1', name: 'Ann', seat: 1, seconds: 60, ms: 60_000 },
  { id: 'p2', name: 'Bert', seat: 2, seconds: 75, ms: 74_200 },
  { id: 'p3', name: 'Chris', seat: 3, seconds: 50, ms: 50_000 },
];

/** The default rules' seconds per found answer. */
export const scoring: Scoring = {
  threeSixNine: { bonusEvery: 3, bonusSeconds: 10 },
  openDoor: 20,
  puzzle: 30,
  gallery: 15,
  collectiveMemoryStep: 10,
  finale: 20,
};

export function gameView(round: RoundView | null, extra: Partial<GameView> = {}): GameView {
  return {
    title: 'Test set',
    language: 'en',
    phase: 'playing',
    maxPlayers: 3,
    startSeconds: 60,
    rounds: ['threeSixNine', 'openDoor', 'puzzle', 'gallery', 'collectiveMemory', 'finale'],
    roundIndex: 0,
    players,
    clock: null,
    paused: false,
    mediaCue: 0,
    round,
    result: null,
    go: null,
    next: { command: null, key: 'judge_answer', playerId: 'p1' },
    scoring,
    canUndo: true,
    ...extra,
  };
}

const turn = { ownerId: 'p3', itemId: 'x', stage: 'answering' as const, answererId: 'p3', passed: [], revealed: false };

export const rounds = {
  threeSixNine: {
    kind: 'threeSixNine',
    id: 'q6',
    number: 6,
    total: 15,
    worth: 10,
    question: 'What is the capital of Belgium?',
    stage: 'answering',
    answererId: 'p2',
    tried: [],
    correctBy: null,
    results: [
      { number: 1, by: 'p1', seconds: 0 },
      { number: 2, by: null, seconds: 0 },
      { number: 3, by: 'p2', seconds: 10 },
      { number: 4, by: 'p2', seconds: 0 },
      { number: 5, by: null, seconds: 0 },
    ],
  },
  openDoor: {
    kind: 'openDoor',
    questioners: [
      { id: 'od1', name: 'Questioner A', used: true },
      { id: 'od2', name: 'Questioner B', used: false },
    ],
    turnsTaken: [],
    turn: {
      ...turn,
      itemId: 'od1',
      question: 'Name a Belgian beer',
      answers: [
        { id: 'a1', text: 'Duvel', found: true, by: 'p3', seconds: 20 },
        { id: 'a2', found: false, by: null, seconds: null },
        { id: 'a3', found: false, by: null, seconds: null },
        { id: 'a4', found: false, by: null, seconds: null },
      ],
    },
  },
  puzzle: {
    kind: 'puzzle',
    turnsTaken: [],
    turn: {
      ...turn,
      itemId: 'pz1',
      grid: [
        ...['Rome', 'Paris', 'Madrid', 'Berlin'].map((clue) => ({ clue, linkId: 'l1' })),
        ...['Apple', 'Pear', 'Plum', 'Fig', 'Red', 'Blue', 'Green', 'Pink'].map((clue) => ({ clue, linkId: null })),
      ],
      links: [
        { id: 'l1', text: 'Capitals', found: true, by: 'p3', seconds: 30 },
        { id: 'l2', found: false, by: null, seconds: null },
        { id: 'l3', found: false, by: null, seconds: null },
      ],
    },
  },
  gallery: {
    kind: 'gallery',
    turnsTaken: [],
    turn: {
      ...turn,
      itemId: 'g1',
      title: 'Flags',
      currentPhotoId: 'ph2',
      photos: [
        { id: 'ph1', text: 'Belgium', found: true, by: 'p3', seconds: 15, image: '/media/be.svg' },
        { id: 'ph2', found: false, by: null, seconds: null, image: '/media/nl.svg' },
        { id: 'ph3', found: false, by: null, seconds: null },
      ],
    },
  },
  collectiveMemory: {
    kind: 'collectiveMemory',
    clips: [
      { id: 'c1', title: 'The 1986 World Cup', used: true },
      { id: 'c2', title: 'Expo 58', used: false },
    ],
    turnsTaken: [],
    turn: {
      ...turn,
      itemId: 'c1',
      title: 'The 1986 World Cup',
      memoryHidden: true,
      keywords: [
        { id: 'k1', text: 'Mexico', found: true, by: 'p3', seconds: 20 },
        { id: 'k2', text: 'Scifo', found: true, by: 'p3', seconds: 10 },
        { id: 'k3', found: false, by: null, seconds: null },
        { id: 'k4', found: false, by: null, seconds: null },
        { id: 'k5', found: false, by: null, seconds: null },
      ],
    },
  },
  finale: {
    kind: 'finale',
    rule: 'leaderWins',
    finalists: ['p1', 'p3'],
    number: 2,
    total: 8,
    question: 'Name Belgian provinces',
    stage: 'answering',
    starterId: 'p3',
    answererId: 'p3',
    passed: [],
    revealed: false,
    answers: [
      { id: 'f1', text: 'Limburg', found: true, by: 'p3', seconds: 20 },
      { id: 'f2', found: false, by: null, seconds: null },
      { id: 'f3', found: false, by: null, seconds: null },
      { id: 'f4', found: false, by: null, seconds: null },
      { id: 'f5', found: false, by: null, seconds: null },
    ],
  },
} satisfies Record<string, RoundView>;

/** The host sees every text. */
export function hostVersion<T extends RoundView>(round: T): T {
  const copy = structuredClone(round) as T & { turn?: { answers?: unknown[] } };
  const fill = (list: { text?: string; id: string }[]) => {
    for (const a of list) a.text ??= `answer ${a.id}`;
  };
  if (copy.kind === 'finale') fill(copy.answers);
  if (copy.kind === 'openDoor' && copy.turn) fill(copy.turn.answers);
  if (copy.kind === 'puzzle' && copy.turn) fill(copy.turn.links);
  if (copy.kind === 'collectiveMemory' && copy.turn) fill(copy.turn.keywords);
  if (copy.kind === 'gallery' && copy.turn) fill(copy.turn.photos);
  if (copy.kind === 'threeSixNine') copy.answer = 'Brussels';
  return copy;
}
