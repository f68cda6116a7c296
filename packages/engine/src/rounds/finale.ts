import { addMs, clockMs, playerOf, secondsOf, startClock, stopClock } from '../clock.js';
import { fail } from '../errors.js';
import type { FinaleStateRound, GameEvent, GameState } from '../types.js';
import type { RoundRules } from './round-rules.js';

function round(s: GameState): FinaleStateRound {
  return s.round as FinaleStateRound;
}

function opponentOf(r: FinaleStateRound, playerId: string): string {
  return r.finalists.find((id) => id !== playerId) as string;
}

/** A finalist's seconds as shown (no clock runs between questions, so `ms` is exact). */
const shown = (s: GameState, playerId: string) => secondsOf(playerOf(s, playerId).ms);

/**
 * Who plays the finale. Ranking: most seconds (as shown) first, ties to the lowest seat.
 * leaderWins (3+ players): the leader is slimste van de dag, the next two play, the rest are out.
 * topTwo (or 2 players): the top two play.
 */
export function finaleLineUp(s: GameState): { finalists: string[]; slimsteVanDeDagId: string | null; out: string[] } {
  const ranking = [...s.players].sort((a, b) => secondsOf(b.ms) - secondsOf(a.ms) || a.seat - b.seat).map((p) => p.id);
  const leaderApart = s.config.finale.rule === 'leaderWins' && ranking.length >= 3;
  const finalists = leaderApart ? ranking.slice(1, 3) : ranking.slice(0, 2);
  return {
    finalists: finalists.sort((a, b) => playerOf(s, a).seat - playerOf(s, b).seat),
    slimsteVanDeDagId: leaderApart ? (ranking[0] as string) : null,
    out: ranking.slice(leaderApart ? 3 : 2),
  };
}

/** The finalist with fewer seconds (as shown) starts; a tie goes to the one who did not start the previous question. */
function starterFor(s: GameState, previousStarter: string | null): string {
  const [a, b] = round(s).finalists as [string, string];
  const diff = shown(s, a) - shown(s, b);
  if (diff !== 0) return diff < 0 ? a : b;
  if (previousStarter === null) return a; // finalists are in seat order
  return previousStarter === a ? b : a;
}

function answersOf(s: GameState) {
  const q = s.set.rounds.finale[round(s).index];
  if (!q) throw new Error('finale question out of range');
  return q.answers;
}

/** Ends the game: the winner, the finale's loser out, and the result kept in state. */
export function finishGame(s: GameState, winnerId: string, now: number, events: GameEvent[]): void {
  const r = round(s);
  const stopped = stopClock(s, now);
  if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: 'turn_end' });
  s.paused = null;
  s.phase = 'finished';
  r.stage = 'done';
  s.result = {
    winnerId,
    slimsteVanDeDagId: s.result?.slimsteVanDeDagId ?? null,
    finalists: r.finalists,
    eliminatedIds: [...(s.result?.eliminatedIds ?? []), opponentOf(r, winnerId)],
  };
  events.push({ type: 'game.finished', winnerId });
}

/** "The first finalist down to 0 seconds loses": checked after every change of seconds. */
export function checkFinaleEnd(s: GameState, now: number, events: GameEvent[]): void {
  if (s.round?.kind !== 'finale' || s.phase !== 'playing') return;
  const r = round(s);
  const down = r.finalists.find((id) => clockMs(s, id, now) <= 0);
  if (down !== undefined) finishGame(s, opponentOf(r, down), now, events);
}

function closeQuestion(s: GameState, events: GameEvent[]): void {
  const r = round(s);
  r.stage = 'done';
  if (r.found.length < answersOf(s).length) {
    r.revealed = true;
    events.push({ type: 'answers.revealed' });
  }
}

export const finale: RoundRules = {
  start(s, now, events) {
    const lineUp = finaleLineUp(s);
    s.round = {
      kind: 'finale',
      finalists: lineUp.finalists,
      index: 0,
      stage: 'ready',
      starterId: '',
      answererId: '',
      passed: [],
      found: [],
      revealed: false,
    };
    // Kept in `result` from now on, so the screen can already crown the slimste van de dag.
    s.result = {
      winnerId: null,
      slimsteVanDeDagId: lineUp.slimsteVanDeDagId,
      finalists: lineUp.finalists,
      eliminatedIds: lineUp.out,
    };
    const r = round(s);
    r.starterId = r.answererId = starterFor(s, null);
    checkFinaleEnd(s, now, events);
  },

  startClock(s, now, events) {
    const r = round(s);
    if (r.stage !== 'ready') fail('wrong_phase', 'The clock cannot start now.');
    r.stage = 'answering';
    startClock(s, r.answererId, now);
    events.push({ type: 'clock.started', playerId: r.answererId });
  },

  endGo(s, now, events, timeUp) {
    const r = round(s);
    if (r.stage !== 'answering' && r.stage !== 'ready') fail('wrong_phase', 'Nobody is answering.');
    if (timeUp) return finishGame(s, opponentOf(r, r.answererId), now, events);
    const stopped = stopClock(s, now);
    if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: 'stop' });
    else events.push({ type: 'turn.passed', playerId: r.answererId });
    if (s.paused) s.paused.playerId = null;
    r.passed.push(r.answererId);
    const opponent = opponentOf(r, r.answererId);
    if (r.passed.includes(opponent)) return closeQuestion(s, events);
    r.answererId = opponent;
    r.stage = 'ready';
  },

  correct(s, answerId, now, events) {
    const r = round(s);
    if (r.stage !== 'answering') fail('wrong_phase', 'Nobody is answering.');
    const answers = answersOf(s);
    if (!answers.some((a) => a.id === answerId)) fail('unknown_answer', `No answer "${answerId}" in this question.`);
    if (r.found.some((f) => f.answerId === answerId)) fail('already_found', 'That answer was already found.');
    const seconds = s.config.finale.secondsPerAnswer;
    const opponent = opponentOf(r, r.answererId);
    r.found.push({ answerId, by: r.answererId, seconds });
    addMs(s, opponent, -seconds * 1000, now);
    events.push({ type: 'answer.found', answerId, playerId: r.answererId, seconds });
    events.push({ type: 'seconds.changed', playerId: opponent, delta: -seconds });
    checkFinaleEnd(s, now, events);
    if (s.phase !== 'playing') return;
    if (r.found.length >= answers.length) {
      const stopped = stopClock(s, now);
      if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: 'found_all' });
      r.passed.push(r.answererId);
      closeQuestion(s, events);
    }
  },

  wrong(s, _now, events) {
    const r = round(s);
    if (r.stage !== 'answering') fail('wrong_phase', 'Nobody is answering.');
    events.push({ type: 'answer.wrong', playerId: r.answererId });
  },

  pick() {
    fail('wrong_phase', 'Nothing to pick in the finale.');
  },

  reveal(s, now, events) {
    const r = round(s);
    if (r.stage === 'done') fail('wrong_phase', 'The answers are already shown.');
    const stopped = stopClock(s, now);
    if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: 'turn_end' });
    if (s.paused) s.paused.playerId = null;
    closeQuestion(s, events);
  },

  skip(s, now, events) {
    const r = round(s);
    if (r.stage === 'done') fail('wrong_phase', 'This question is over: use next.');
    const stopped = stopClock(s, now);
    if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: 'turn_end' });
    if (s.paused) s.paused.playerId = null;
    r.stage = 'done';
  },

  next(s, now, events) {
    const r = round(s);
    if (r.index + 1 >= s.set.rounds.finale.length) {
      // Out of questions: the finalist with more seconds (as shown) wins; a tie: the lower seat.
      const [a, b] = r.finalists as [string, string];
      finishGame(s, shown(s, b) > shown(s, a) ? b : a, now, events);
      return true;
    }
    r.index += 1;
    r.stage = 'ready';
    r.passed = [];
    r.found = [];
    r.revealed = false;
    r.starterId = r.answererId = starterFor(s, r.starterId);
    return true;
  },

  isDone: (s) => round(s).stage === 'done',
  answererId: (s) => round(s).answererId,
  isAnswering: (s) => round(s).stage === 'answering',
  isWaiting: (s) => round(s).stage === 'ready',
};
