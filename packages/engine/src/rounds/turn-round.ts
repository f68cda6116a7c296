import { addMs, fewestSecondsFirst, startClock, stopClock } from '../clock.js';
import type { GameConfig } from '../config.js';
import { fail } from '../errors.js';
import type { Answer, QuestionSet } from '../questions.js';
import type { Actor, GameEvent, GameState, TurnRoundState, TurnState } from '../types.js';
import type { RoundRules } from './round-rules.js';

type TurnKind = TurnRoundState['kind'];

/** The answers hidden in one item of a turn round (a questioner's question, a puzzle, a gallery, a clip). */
export function itemAnswers(set: QuestionSet, kind: TurnKind, itemId: string): Answer[] {
  switch (kind) {
    case 'openDoor':
      return set.rounds.openDoor.find((q) => q.id === itemId)?.answers ?? [];
    case 'puzzle':
      return (set.rounds.puzzle.find((p) => p.id === itemId)?.links ?? []).map((l) => ({ id: l.id, text: l.answer }));
    case 'gallery':
      return (set.rounds.gallery.find((g) => g.id === itemId)?.photos ?? []).map((p) => ({ id: p.id, text: p.answer }));
    case 'collectiveMemory':
      return set.rounds.collectiveMemory.find((c) => c.id === itemId)?.keywords ?? [];
  }
}

/** Seconds the next found answer earns: fixed per round, or k × step for the k-th keyword of a clip. */
function worthOfNext(config: GameConfig, kind: TurnKind, foundSoFar: number): number {
  switch (kind) {
    case 'openDoor':
      return config.openDoor.secondsPerAnswer;
    case 'puzzle':
      return config.puzzle.secondsPerLink;
    case 'gallery':
      return config.gallery.secondsPerPhoto;
    case 'collectiveMemory':
      return config.collectiveMemory.secondsStep * (foundSoFar + 1);
  }
}

function itemsOnOffer(s: GameState, kind: TurnKind): string[] {
  const r = s.set.rounds;
  switch (kind) {
    case 'openDoor':
      return r.openDoor.slice(0, s.config.openDoor.questioners).map((q) => q.id);
    case 'puzzle':
      return r.puzzle.map((p) => p.id);
    case 'gallery':
      return r.gallery.map((g) => g.id);
    case 'collectiveMemory':
      return r.collectiveMemory.slice(0, s.config.collectiveMemory.clips).map((c) => c.id);
  }
}

const picksItem = (kind: TurnKind) => kind === 'openDoor' || kind === 'collectiveMemory';

function round(s: GameState): TurnRoundState {
  return s.round as TurnRoundState;
}

function turnOf(s: GameState): TurnState {
  return round(s).turn ?? fail('wrong_phase', 'No turn is in play.');
}

function allFound(s: GameState, turn: TurnState): boolean {
  return turn.itemId !== null && turn.found.length >= itemAnswers(s.set, round(s).kind, turn.itemId).length;
}

/** Galerij: the photos an answerer goes through: all of them for the owner, the missed ones for a completer. */
function gallerySequence(s: GameState, turn: TurnState): string[] {
  if (round(s).kind !== 'gallery' || turn.itemId === null) return [];
  const foundIds = new Set(turn.found.map((f) => f.answerId));
  return itemAnswers(s.set, 'gallery', turn.itemId)
    .map((a) => a.id)
    .filter((id) => !foundIds.has(id));
}

function beginTurn(s: GameState, now: number, events: GameEvent[]): void {
  const r = round(s);
  const waiting = s.players.map((p) => p.id).filter((id) => !r.turnsTaken.includes(id));
  const ownerId = fewestSecondsFirst(s, waiting, now)[0] as string;
  const itemId = picksItem(r.kind) ? null : (r.itemIds[r.turnsTaken.length] ?? null);
  r.turnsTaken.push(ownerId);
  if (itemId) r.usedItemIds.push(itemId);
  const turn: TurnState = {
    ownerId,
    itemId,
    stage: itemId ? 'ready' : 'pick',
    answererId: ownerId,
    passed: [],
    found: [],
    revealed: false,
    sequence: [],
    position: 0,
  };
  r.turn = turn;
  turn.sequence = gallerySequence(s, turn);
  events.push({ type: 'turn.started', playerId: ownerId });
}

function finishTurn(s: GameState, now: number, events: GameEvent[], reveal: boolean): void {
  const turn = turnOf(s);
  const stopped = stopClock(s, now);
  if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: 'turn_end' });
  if (s.paused) s.paused.playerId = null;
  turn.stage = 'done';
  if (reveal && !allFound(s, turn)) {
    turn.revealed = true;
    events.push({ type: 'answers.revealed' });
  }
}

export const turnRound = (kind: TurnKind): RoundRules => ({
  start(s, now, events) {
    s.round = { kind, itemIds: itemsOnOffer(s, kind), usedItemIds: [], turnsTaken: [], turn: null };
    beginTurn(s, now, events);
  },

  pick(s, actor: Actor, itemId, _now, _events) {
    const r = round(s);
    const turn = turnOf(s);
    if (turn.stage !== 'pick') fail('wrong_phase', 'Nothing to pick now.');
    if (actor.role === 'player' && actor.playerId !== turn.ownerId) fail('not_your_turn', 'It is not your pick.');
    if (!r.itemIds.includes(itemId)) fail('unknown_item', `No questioner or clip "${itemId}" in this round.`);
    if (r.usedItemIds.includes(itemId)) fail('unknown_item', `"${itemId}" has already been played.`);
    turn.itemId = itemId;
    r.usedItemIds.push(itemId);
    turn.stage = 'ready';
  },

  startClock(s, now, events) {
    const turn = turnOf(s);
    if (turn.stage !== 'ready')
      fail('wrong_phase', turn.stage === 'pick' ? 'Pick first.' : 'The clock cannot start now.');
    turn.stage = 'answering';
    turn.position = 0;
    startClock(s, turn.answererId, now);
    events.push({ type: 'clock.started', playerId: turn.answererId });
  },

  endGo(s, now, events, timeUp) {
    const turn = turnOf(s);
    if (turn.stage !== 'answering' && turn.stage !== 'ready') fail('wrong_phase', 'Nobody is answering.');
    const stopped = stopClock(s, now);
    if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: timeUp ? 'time_up' : 'stop' });
    else events.push({ type: 'turn.passed', playerId: turn.answererId });
    if (s.paused) s.paused.playerId = null;
    turn.passed.push(turn.answererId);
    // Completion: the others, fewest seconds first, each with their own clock, until all is found.
    const candidates = s.players.filter((p) => !turn.passed.includes(p.id) && p.ms > 0).map((p) => p.id);
    const nextId = fewestSecondsFirst(s, candidates, now)[0];
    if (nextId === undefined || allFound(s, turn)) return finishTurn(s, now, events, true);
    turn.answererId = nextId;
    turn.stage = 'ready';
    turn.sequence = gallerySequence(s, turn);
    turn.position = 0;
  },

  correct(s, answerId, now, events) {
    const r = round(s);
    const turn = turnOf(s);
    if (turn.stage !== 'answering' || turn.itemId === null) fail('wrong_phase', 'Nobody is answering.');
    const answers = itemAnswers(s.set, kind, turn.itemId);
    if (!answers.some((a) => a.id === answerId)) fail('unknown_answer', `No answer "${answerId}" in this question.`);
    if (turn.found.some((f) => f.answerId === answerId)) fail('already_found', 'That answer was already found.');
    if (kind === 'gallery' && turn.sequence[turn.position] !== answerId)
      fail('unknown_answer', 'Only the photo on screen can be named.');
    const seconds = worthOfNext(s.config, r.kind, turn.found.length);
    turn.found.push({ answerId, by: turn.answererId, seconds });
    addMs(s, turn.answererId, seconds * 1000, now);
    events.push({ type: 'answer.found', answerId, playerId: turn.answererId, seconds });
    if (allFound(s, turn)) {
      const stopped = stopClock(s, now);
      if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: 'found_all' });
      turn.passed.push(turn.answererId);
      return finishTurn(s, now, events, false);
    }
    if (kind === 'gallery') advancePhoto(s, now, events, this);
  },

  wrong(s, now, events) {
    const turn = turnOf(s);
    if (turn.stage !== 'answering') fail('wrong_phase', 'Nobody is answering.');
    events.push({ type: 'answer.wrong', playerId: turn.answererId });
    if (kind === 'gallery') advancePhoto(s, now, events, this);
  },

  reveal(s, now, events) {
    const turn = turnOf(s);
    if (turn.stage === 'done' || turn.itemId === null) fail('wrong_phase', 'Nothing to reveal now.');
    finishTurn(s, now, events, true);
  },

  skip(s, now, events) {
    const turn = turnOf(s);
    if (turn.stage === 'done') fail('wrong_phase', 'This turn is over: use next.');
    finishTurn(s, now, events, false);
  },

  next(s, now, events) {
    const r = round(s);
    if (r.turnsTaken.length >= s.players.length) return false;
    beginTurn(s, now, events);
    return true;
  },

  isDone: (s) => round(s).turn?.stage === 'done',
  answererId: (s) => round(s).turn?.answererId ?? null,
  isAnswering: (s) => round(s).turn?.stage === 'answering',
  isWaiting: (s) => round(s).turn?.stage === 'ready',
});

/** Galerij moves to the next photo after a correct answer or a pass; past the last one the go ends. */
function advancePhoto(s: GameState, now: number, events: GameEvent[], rules: RoundRules): void {
  const turn = turnOf(s);
  turn.position += 1;
  if (turn.position >= turn.sequence.length) rules.endGo(s, now, events, false);
}
