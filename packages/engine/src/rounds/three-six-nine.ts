import { addMs, bySeat } from '../clock.js';
import { fail } from '../errors.js';
import type { GameState, ThreeSixNineState } from '../types.js';
import type { RoundRules } from './round-rules.js';

function round(s: GameState): ThreeSixNineState {
  return s.round as ThreeSixNineState;
}

/** The player in the seat after `playerId`, going round the table. */
function seatAfter(s: GameState, playerId: string): string {
  const seats = bySeat(s);
  const i = seats.findIndex((p) => p.id === playerId);
  return (seats[(i + 1) % seats.length] as { id: string }).id;
}

function currentQuestion(s: GameState) {
  const q = s.set.rounds.threeSixNine[round(s).index];
  if (!q) throw new Error('3-6-9 question out of range');
  return q;
}

/** Seconds question `index` (0-based) is worth: the bonus on every third one, else nothing. */
export function threeSixNineWorth(s: GameState, index: number): number {
  const c = s.config.threeSixNine;
  return (index + 1) % c.bonusEvery === 0 ? c.bonusSeconds : 0;
}

function noClock(): never {
  fail('wrong_phase', 'No clock runs in 3-6-9.');
}

function closeQuestion(s: GameState, correctBy: string | null, nextAnswererId: string): void {
  const r = round(s);
  r.stage = 'done';
  r.correctBy = correctBy;
  r.nextAnswererId = nextAnswererId;
  const results = r.results ?? [];
  results[r.index] = correctBy;
  r.results = results;
}

export const threeSixNine: RoundRules = {
  start(s) {
    const first = bySeat(s)[0]?.id as string;
    s.round = {
      kind: 'threeSixNine',
      index: 0,
      stage: 'answering',
      answererId: first,
      tried: [],
      correctBy: null,
      nextAnswererId: null,
      results: [],
    };
  },

  startClock: noClock,
  endGo: noClock,

  correct(s, answerId, now, events) {
    const r = round(s);
    if (r.stage !== 'answering') fail('wrong_phase', 'This question is over: use next.');
    if (answerId !== currentQuestion(s).id)
      fail('unknown_answer', `The question in play is "${currentQuestion(s).id}".`);
    const seconds = threeSixNineWorth(s, r.index);
    if (seconds) addMs(s, r.answererId, seconds * 1000, now);
    events.push({ type: 'answer.found', answerId, playerId: r.answererId, seconds });
    // A correct answer keeps the turn.
    closeQuestion(s, r.answererId, r.answererId);
  },

  wrong(s, _now, events) {
    const r = round(s);
    if (r.stage !== 'answering') fail('wrong_phase', 'This question is over: use next.');
    events.push({ type: 'answer.wrong', playerId: r.answererId });
    r.tried.push(r.answererId);
    const next = seatAfter(s, r.answererId);
    if (r.tried.includes(next)) {
      // Everyone tried: the answer is shown; the next question goes to the seat after the last who tried.
      closeQuestion(s, null, next);
      events.push({ type: 'answers.revealed' });
    } else {
      r.answererId = next;
    }
  },

  pick() {
    fail('wrong_phase', 'Nothing to pick in 3-6-9.');
  },

  reveal(s, _now, events) {
    const r = round(s);
    if (r.stage !== 'answering') fail('wrong_phase', 'The answer is already shown.');
    // The next question goes to the seat after the last one who tried; nobody tried: the same player.
    const lastTried = r.tried[r.tried.length - 1];
    closeQuestion(s, null, lastTried === undefined ? r.answererId : seatAfter(s, lastTried));
    events.push({ type: 'answers.revealed' });
  },

  skip(s) {
    const r = round(s);
    if (r.stage !== 'answering') fail('wrong_phase', 'This question is over: use next.');
    closeQuestion(s, null, r.answererId);
  },

  next(s) {
    const r = round(s);
    if (r.index + 1 >= s.config.threeSixNine.questions) return false;
    r.index += 1;
    r.stage = 'answering';
    r.answererId = r.nextAnswererId ?? r.answererId;
    r.tried = [];
    r.correctBy = null;
    r.nextAnswererId = null;
    return true;
  },

  isDone: (s) => round(s).stage === 'done',
  answererId: (s) => round(s).answererId,
  isAnswering: (s) => round(s).stage === 'answering',
  // No clock in 3-6-9: a player who does not know says so, and the host marks it wrong.
  isWaiting: () => false,
};
