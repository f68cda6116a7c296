import type { FinaleRule, RoundKind } from './config.js';
import type { Media } from './questions.js';
import type { CommandType, GameResult, RunningClock, Stage } from './types.js';

/** Who looks at the game. A player sees what the screen sees, plus what is theirs to do. */
export type Role = { role: 'host' } | { role: 'player'; playerId: string } | { role: 'spectator' };

export interface PlayerView {
  id: string;
  name: string;
  seat: number;
  /** Whole seconds as of this state (rounded up, so 0 means really out of time). */
  seconds: number;
  /** Milliseconds as of this state; for a running clock see `clock`. */
  ms: number;
}

/** An answer as a role may see it: `text` is absent until found or revealed (the host always sees it). */
export interface AnswerView {
  /** The host: the set's id (what `answer.correct` names). Players and the screen: its place, "1".."n". */
  id: string;
  text?: string;
  found: boolean;
  by: string | null;
  /** Seconds this answer earned (or, in the finale, took off the opponent). */
  seconds: number | null;
}

export interface ThreeSixNineView {
  kind: 'threeSixNine';
  /** The host: the question's id (what `answer.correct` names). Players and the screen: its number. */
  id: string;
  /** 1-based question number and how many questions the round has. */
  number: number;
  total: number;
  /** Seconds a correct answer earns (10 on every third question, else 0). */
  worth: number;
  question: string;
  media?: Media;
  answer?: string;
  stage: 'answering' | 'done';
  answererId: string;
  tried: string[];
  correctBy: string | null;
  /**
   * Every question closed so far, in order: its number, who answered it correctly (null: missed
   * by all, revealed or skipped) and the seconds it earned. For the board's row of questions.
   */
  results: { number: number; by: string | null; seconds: number }[];
}

export interface TurnView {
  ownerId: string;
  itemId: string | null;
  stage: Stage;
  answererId: string;
  passed: string[];
  revealed: boolean;
}

export interface OpenDoorView {
  kind: 'openDoor';
  questioners: { id: string; name: string; used: boolean }[];
  turnsTaken: string[];
  turn: (TurnView & { question: string | null; media?: Media; answers: AnswerView[] }) | null;
}

export interface PuzzleView {
  kind: 'puzzle';
  turnsTaken: string[];
  turn:
    | (TurnView & {
        /** 12 clues in shuffled order; `linkId` only once that link is found or revealed (host: always). */
        grid: { clue: string; linkId: string | null }[];
        links: AnswerView[];
      })
    | null;
}

export interface GalleryView {
  kind: 'gallery';
  turnsTaken: string[];
  turn:
    | (TurnView & {
        title: string;
        /** The photo on screen now (null between photos or after the last). */
        currentPhotoId: string | null;
        /** Photos: `image` only once shown (host: always), `text` (the answer) once found or revealed. */
        photos: (AnswerView & { image?: string })[];
      })
    | null;
}

export interface CollectiveMemoryView {
  kind: 'collectiveMemory';
  clips: { id: string; title: string; used: boolean }[];
  turnsTaken: string[];
  turn:
    | (TurnView & {
        title: string | null;
        /** Absent for players and the screen once `memoryHidden` (the host always has it). */
        summary?: string;
        media?: Media;
        /** True from the first go of the turn on: the summary and clip are gone from every screen and phone. */
        memoryHidden: boolean;
        keywords: AnswerView[];
      })
    | null;
}

export interface FinaleView {
  kind: 'finale';
  rule: FinaleRule;
  finalists: string[];
  number: number;
  total: number;
  question: string;
  media?: Media;
  stage: Stage;
  starterId: string;
  answererId: string;
  passed: string[];
  revealed: boolean;
  answers: AnswerView[];
}

export type RoundView = ThreeSixNineView | OpenDoorView | PuzzleView | GalleryView | CollectiveMemoryView | FinaleView;

export interface Scoring {
  threeSixNine: { bonusEvery: number; bonusSeconds: number };
  openDoor: number;
  puzzle: number;
  gallery: number;
  /** The k-th keyword found in a clip earns k times this. */
  collectiveMemoryStep: number;
  /** Seconds each correct finale answer takes off the opponent. */
  finale: number;
}

/**
 * Whose go it is, in every round alike: `pick` (choose a questioner or clip), `ready` (up next, the
 * clock not started yet; may pass) or `answering` (answering now; in 3-6-9 no clock runs).
 */
export interface GoView {
  playerId: string;
  stage: 'pick' | 'ready' | 'answering';
}

/** The host's next move, for the console's "what happens next" line. */
export interface NextStep {
  /** The command that moves the game on, if one obviously does. */
  command: CommandType | null;
  /** A stable key the web app translates (e.g. `start_clock`, `pick`, `next_round`). */
  key: string;
  /** Whom the step concerns (the answerer, the picker...). */
  playerId: string | null;
}

export interface GameView {
  title: string;
  language: string;
  phase: 'lobby' | 'playing' | 'finished';
  maxPlayers: number;
  startSeconds: number;
  rounds: RoundKind[];
  roundIndex: number;
  players: PlayerView[];
  clock: RunningClock | null;
  paused: boolean;
  /** Goes up each time the host plays the question's media: the screen (re)plays it on a change. */
  mediaCue: number;
  round: RoundView | null;
  result: GameResult | null;
  /** Whose go it is now (null between questions and turns, in the lobby and at the end). */
  go: GoView | null;
  next: NextStep;
  /** Seconds per found answer in each round, so boards can show what an empty slot is worth. */
  scoring: Scoring;
  /** Whether `undo` has something to take back (host view only; false for others). */
  canUndo: boolean;
}
