import type { Actor, GameEvent, GameState } from '../types.js';

/** What the engine needs from each round; every method mutates the draft state made by `apply`. */
export interface RoundRules {
  start(s: GameState, now: number, events: GameEvent[]): void;
  /** The host starts the answerer's clock (the question has been asked). */
  startClock(s: GameState, now: number, events: GameEvent[]): void;
  /** The answerer's go ends: they said stop/passed, or their clock reached 0 (`timeUp`). */
  endGo(s: GameState, now: number, events: GameEvent[], timeUp: boolean): void;
  correct(s: GameState, answerId: string, now: number, events: GameEvent[]): void;
  wrong(s: GameState, now: number, events: GameEvent[]): void;
  pick(s: GameState, actor: Actor, itemId: string, now: number, events: GameEvent[]): void;
  reveal(s: GameState, now: number, events: GameEvent[]): void;
  /** Ends the current question/turn without showing its answers. */
  skip(s: GameState, now: number, events: GameEvent[]): void;
  /** Moves on within the round; returns false when the round is over. */
  next(s: GameState, now: number, events: GameEvent[]): boolean;
  /** Whether the current question/turn is over (so `game.next` may move on). */
  isDone(s: GameState): boolean;
  /** Who answers now (may press stop), or null. */
  answererId(s: GameState): string | null;
  /** Whether `answererId` is answering right now (their clock runs or is paused mid-answer). */
  isAnswering(s: GameState): boolean;
  /** Whether `answererId` is up next, their clock not started yet: they may pass without it. */
  isWaiting(s: GameState): boolean;
}
