import { clockMs, secondsOf } from './clock.js';
import { cloneData } from './clone.js';
import type { Answer, Puzzle } from './questions.js';
import { seededShuffle } from './random.js';
import { threeSixNineWorth } from './rounds/three-six-nine.js';
import { itemAnswers } from './rounds/turn-round.js';
import type {
  FinaleStateRound,
  Found,
  GameEvent,
  GameState,
  ThreeSixNineState,
  TurnRoundState,
  TurnState,
} from './types.js';
import type {
  AnswerView,
  FinaleView,
  GameView,
  GoView,
  NextStep,
  PlayerView,
  Role,
  RoundView,
  ThreeSixNineView,
  TurnView,
} from './view-types.js';

export { clockMs, secondsOf };

/**
 * What a role may see. The host sees everything; a player and the screen never receive the text
 * of an answer, link, photo name or keyword that has not been found or revealed.
 */
export function view(state: GameState, role: Role, _now?: number): GameView {
  const host = role.role === 'host';
  // title, language, maxPlayers, startSeconds, rounds and scoring come from the set and the config
  // alone: the server serializes them once per game (apps/server state-messages.ts). Keep them so.
  return {
    title: state.set.title,
    language: state.set.language,
    phase: state.phase,
    maxPlayers: state.config.players,
    startSeconds: state.config.startSeconds,
    rounds: state.config.rounds,
    roundIndex: state.roundIndex,
    players: [...state.players].sort((a, b) => a.seat - b.seat).map(playerView),
    clock: state.clock ? { ...state.clock } : null,
    paused: state.paused !== null,
    mediaCue: state.mediaCue,
    round: roundView(state, host),
    result: state.result && state.phase === 'finished' ? cloneData(state.result) : finaleLineUpOnly(state),
    go: goOf(state),
    next: nextStep(state),
    scoring: scoringOf(state),
    canUndo: host && (state.history?.depth ?? 0) > 0,
  };
}

function scoringOf({ config }: GameState): GameView['scoring'] {
  return {
    threeSixNine: { bonusEvery: config.threeSixNine.bonusEvery, bonusSeconds: config.threeSixNine.bonusSeconds },
    openDoor: config.openDoor.secondsPerAnswer,
    puzzle: config.puzzle.secondsPerLink,
    gallery: config.gallery.secondsPerPhoto,
    collectiveMemoryStep: config.collectiveMemory.secondsStep,
    finale: config.finale.secondsPerAnswer,
  };
}

/**
 * The events of one action as a role may hear them: players and the screen get answers named
 * the way their view names them (by place), never by the set's ids.
 */
export function viewEvents(state: GameState, events: readonly GameEvent[], role: Role): GameEvent[] {
  if (role.role === 'host') return [...events];
  return events.map((e) => (e.type === 'answer.found' ? { ...e, answerId: shownAnswerId(state, e.answerId) } : e));
}

/** The place ("1".."n") of an answer of the question or turn in play, as non-host views name it. */
function shownAnswerId(state: GameState, answerId: string): string {
  const r = state.round;
  if (!r) return '';
  if (r.kind === 'threeSixNine') return String(r.index + 1);
  if (r.kind === 'finale') return shownId(state.set.rounds.finale[r.index]?.answers ?? [], answerId, false);
  const itemId = r.turn?.itemId;
  return itemId ? shownId(itemAnswers(state.set, r.kind, itemId), answerId, false) : '';
}

function playerView(p: { id: string; name: string; seat: number; ms: number }): PlayerView {
  return { id: p.id, name: p.name, seat: p.seat, seconds: secondsOf(p.ms), ms: p.ms };
}

/** During the finale the line-up (and the slimste van de dag) is public; the winner comes at the end. */
function finaleLineUpOnly(state: GameState): GameView['result'] {
  return state.result ? { ...cloneData(state.result), winnerId: null } : null;
}

/** Whose go it is, the same way in every round: null between questions and turns, in the lobby and at the end. */
function goOf(state: GameState): GoView | null {
  const r = state.round;
  if (state.phase !== 'playing' || !r) return null;
  if (r.kind === 'threeSixNine') return r.stage === 'answering' ? { playerId: r.answererId, stage: 'answering' } : null;
  if (r.kind === 'finale') return r.stage === 'done' ? null : { playerId: r.answererId, stage: r.stage };
  const t = r.turn;
  if (!t || t.stage === 'done') return null;
  return { playerId: t.stage === 'pick' ? t.ownerId : t.answererId, stage: t.stage };
}

/**
 * Collectief Geheugen tests memory: the clip or summary is there before the clock starts; from the
 * first go of the turn on, players and the screen no longer get it (the host still does).
 */
function memoryHidden(t: TurnState): boolean {
  return t.stage === 'answering' || (t.stage === 'ready' && t.passed.length > 0);
}

/**
 * The id a role sees for an answer: the host gets the set's own ids (to mark answers by); players
 * and the screen get the answer's place in its list ("1", "2"...), since a set's author may have
 * written the answer into its id ("beatles-john").
 */
function shownId(answers: readonly { id: string }[], id: string, host: boolean): string {
  return host ? id : String(answers.findIndex((a) => a.id === id) + 1);
}

function answersView(answers: Answer[], found: Found[], revealed: boolean, host: boolean): AnswerView[] {
  return answers.map((a, i) => {
    const f = found.find((x) => x.answerId === a.id);
    const visible = host || revealed || f !== undefined;
    return {
      id: host ? a.id : String(i + 1),
      ...(visible ? { text: a.text } : {}),
      found: !!f,
      by: f?.by ?? null,
      seconds: f?.seconds ?? null,
    };
  });
}

function turnView(t: TurnState): TurnView {
  return {
    ownerId: t.ownerId,
    itemId: t.itemId,
    stage: t.stage,
    answererId: t.answererId,
    passed: [...t.passed],
    revealed: t.revealed,
  };
}

function roundView(state: GameState, host: boolean): RoundView | null {
  const r = state.round;
  if (!r) return null;
  switch (r.kind) {
    case 'threeSixNine':
      return threeSixNineView(state, r, host);
    case 'finale':
      return finaleView(state, r, host);
    default:
      return turnRoundView(state, r, host);
  }
}

function threeSixNineView(state: GameState, r: ThreeSixNineState, host: boolean): ThreeSixNineView {
  const q = state.set.rounds.threeSixNine[r.index] as (typeof state.set.rounds.threeSixNine)[number];
  const shown = host || r.stage === 'done';
  return {
    kind: 'threeSixNine',
    // Players and the screen get the question's number: only the host marks it by id.
    id: host ? q.id : String(r.index + 1),
    number: r.index + 1,
    total: state.config.threeSixNine.questions,
    worth: threeSixNineWorth(state, r.index),
    question: q.question,
    ...(q.media ? { media: q.media } : {}),
    ...(shown ? { answer: q.answer } : {}),
    stage: r.stage,
    answererId: r.answererId,
    tried: [...r.tried],
    correctBy: r.correctBy,
    results: (r.results ?? []).flatMap((by, i) =>
      by === undefined ? [] : [{ number: i + 1, by, seconds: by ? threeSixNineWorth(state, i) : 0 }],
    ),
  };
}

function finaleView(state: GameState, r: FinaleStateRound, host: boolean): FinaleView {
  const q = state.set.rounds.finale[r.index] as (typeof state.set.rounds.finale)[number];
  return {
    kind: 'finale',
    rule: state.config.finale.rule,
    finalists: [...r.finalists],
    number: r.index + 1,
    total: state.set.rounds.finale.length,
    question: q.question,
    ...(q.media ? { media: q.media } : {}),
    stage: r.stage,
    starterId: r.starterId,
    answererId: r.answererId,
    passed: [...r.passed],
    revealed: r.revealed,
    answers: answersView(q.answers, r.found, r.revealed || r.stage === 'done', host),
  };
}

function turnRoundView(state: GameState, r: TurnRoundState, host: boolean): RoundView {
  const t = r.turn;
  const turnsTaken = [...r.turnsTaken];
  const set = state.set.rounds;
  switch (r.kind) {
    case 'openDoor': {
      const q = t?.itemId ? set.openDoor.find((x) => x.id === t.itemId) : undefined;
      return {
        kind: 'openDoor',
        questioners: r.itemIds.map((id) => ({
          id,
          name: set.openDoor.find((x) => x.id === id)?.questioner ?? id,
          used: r.usedItemIds.includes(id),
        })),
        turnsTaken,
        turn: t && {
          ...turnView(t),
          question: q?.question ?? null,
          ...(q?.media ? { media: q.media } : {}),
          answers: q ? answersView(q.answers, t.found, t.revealed, host) : [],
        },
      };
    }
    case 'puzzle': {
      const puzzle = t?.itemId ? set.puzzle.find((x) => x.id === t.itemId) : undefined;
      if (!t || !puzzle) return { kind: 'puzzle', turnsTaken, turn: null };
      const linkAnswers = itemAnswers(state.set, 'puzzle', puzzle.id);
      const links = answersView(linkAnswers, t.found, t.revealed, host);
      const visible = new Set(links.filter((l) => l.text !== undefined).map((l) => l.id));
      const grid = puzzleGrid(puzzle, state).map((c) => {
        const linkId = shownId(linkAnswers, c.linkId, host);
        return { clue: c.clue, linkId: visible.has(linkId) ? linkId : null };
      });
      return { kind: 'puzzle', turnsTaken, turn: { ...turnView(t), grid, links } };
    }
    case 'gallery': {
      const gallery = t?.itemId ? set.gallery.find((x) => x.id === t.itemId) : undefined;
      if (!t || !gallery) return { kind: 'gallery', turnsTaken, turn: null };
      const current = t.stage === 'answering' ? (t.sequence[t.position] ?? null) : null;
      const seen = new Set(seenPhotos(t, current));
      const answers = answersView(itemAnswers(state.set, 'gallery', gallery.id), t.found, t.revealed, host);
      const photos = answers.map((a, i) => {
        const photo = gallery.photos[i] as (typeof gallery.photos)[number];
        const showImage = host || seen.has(photo.id) || t.stage === 'done';
        return { ...a, ...(showImage ? { image: photo.image } : {}) };
      });
      const currentPhotoId = current === null ? null : shownId(gallery.photos, current, host);
      return {
        kind: 'gallery',
        turnsTaken,
        turn: { ...turnView(t), title: gallery.title, currentPhotoId, photos },
      };
    }
    case 'collectiveMemory': {
      const clip = t?.itemId ? set.collectiveMemory.find((x) => x.id === t.itemId) : undefined;
      const hidden = !!t && memoryHidden(t);
      const shown = host || !hidden;
      return {
        kind: 'collectiveMemory',
        clips: r.itemIds.map((id) => ({
          id,
          title: set.collectiveMemory.find((x) => x.id === id)?.title ?? id,
          used: r.usedItemIds.includes(id),
        })),
        turnsTaken,
        turn: t && {
          ...turnView(t),
          title: clip?.title ?? null,
          ...(clip?.summary && shown ? { summary: clip.summary } : {}),
          ...(clip?.media && shown ? { media: clip.media } : {}),
          memoryHidden: hidden,
          keywords: clip ? answersView(clip.keywords, t.found, t.revealed, host) : [],
        },
      };
    }
  }
}

/** Galerij photos already on screen in this turn: found ones, and the current answerer's up to now. */
function seenPhotos(t: TurnState, current: string | null): string[] {
  const upToNow = t.stage === 'answering' ? t.sequence.slice(0, t.position) : [];
  return [...t.found.map((f) => f.answerId), ...upToNow, ...(current ? [current] : [])];
}

/** Memo of shuffled grids per puzzle object and seed: views are built for every audience on every action. */
const gridMemo = new WeakMap<Puzzle, Map<number, { clue: string; linkId: string }[]>>();
/** The same for drawn orders, by the order itself (it belongs to one puzzle of one game). */
const orderMemo = new WeakMap<readonly number[], { clue: string; linkId: string }[]>();

/**
 * The grid: the puzzle's clues in the game's drawn order (`gridOrders`), or, in a game made before
 * those, shuffled by its seed. Every device shows the same grid.
 */
function puzzleGrid(puzzle: Puzzle, state: GameState): { clue: string; linkId: string }[] {
  const clues = () => puzzle.links.flatMap((l) => l.clues.map((clue) => ({ clue, linkId: l.id })));
  const order = state.gridOrders?.[puzzle.id];
  if (order) {
    let grid = orderMemo.get(order);
    if (!grid) {
      const all = clues();
      grid = order.length === all.length ? order.map((i) => all[i] as { clue: string; linkId: string }) : all;
      orderMemo.set(order, grid);
    }
    return grid;
  }
  let bySeed = gridMemo.get(puzzle);
  if (!bySeed) {
    bySeed = new Map();
    gridMemo.set(puzzle, bySeed);
  }
  let grid = bySeed.get(state.seed);
  if (!grid) {
    grid = seededShuffle(clues(), state.seed ^ hash(puzzle.id));
    bySeed.set(state.seed, grid);
  }
  return grid;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function nextStep(state: GameState): NextStep {
  const step = (key: string, command: NextStep['command'], playerId: string | null = null): NextStep => ({
    key,
    command,
    playerId,
  });
  if (state.phase === 'lobby')
    return state.players.length < 2 ? step('wait_for_players', null) : step('start_game', 'game.start');
  if (state.phase === 'finished') return step('game_over', null, state.result?.winnerId ?? null);
  if (state.paused) return step('resume', 'game.resume');
  const r = state.round;
  if (!r) return step('game_over', null);
  const lastRound = state.roundIndex >= state.config.rounds.length - 1;
  if (r.kind === 'threeSixNine') {
    if (r.stage === 'answering') return step('judge_answer', 'answer.correct', r.answererId);
    const lastQuestion = r.index + 1 >= state.config.threeSixNine.questions;
    return lastQuestion ? step('next_round', 'game.next') : step('next_question', 'game.next', r.nextAnswererId);
  }
  if (r.kind === 'finale') {
    if (r.stage === 'ready') return step('start_clock', 'clock.start', r.answererId);
    if (r.stage === 'answering') return step('judge_answer', 'answer.correct', r.answererId);
    return r.index + 1 >= state.set.rounds.finale.length
      ? step('final_verdict', 'game.next')
      : step('next_question', 'game.next');
  }
  const t = r.turn;
  if (!t) return step('next_turn', 'game.next');
  if (t.stage === 'pick') return step('pick', 'item.pick', t.ownerId);
  if (t.stage === 'ready')
    return step(t.passed.length ? 'start_clock_completion' : 'start_clock', 'clock.start', t.answererId);
  if (t.stage === 'answering') return step('judge_answer', 'answer.correct', t.answererId);
  const roundOver = r.turnsTaken.length >= state.players.length;
  if (roundOver) return step(lastRound ? 'game_over' : 'next_round', 'game.next');
  return step('next_turn', 'game.next');
}
