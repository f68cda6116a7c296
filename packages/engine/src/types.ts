import type { GameConfig, RoundKind } from './config.js';
import type { QuestionSet } from './questions.js';

/** Who sends a command. The server decides this from the socket's token; `system` is the server itself. */
export type Actor = { role: 'host' } | { role: 'player'; playerId: string } | { role: 'system' };

/** What a command is applied with: who sent it and when (ms since epoch). */
export interface Ctx {
  actor: Actor;
  now: number;
}

export interface PlayerState {
  id: string;
  name: string;
  /** 1..N, in joining order until the host reorders them. */
  seat: number;
  /**
   * Milliseconds left. While this player's clock runs: its value when it (re)started, equal to
   * `clock.msAtStart`; the clock gives the value at any moment.
   */
  ms: number;
}

/** A running clock: its value at any moment is `msAtStart - (now - startedAt)`, never below 0. */
export interface RunningClock {
  playerId: string;
  startedAt: number;
  msAtStart: number;
}

/**
 * The stage of a turn (and of a 3-6-9 or finale question):
 * - `pick`: the turn's owner must pick a questioner or clip;
 * - `ready`: the answerer is known, the host starts their clock when the question is asked;
 * - `answering`: the answerer's clock runs (or, in 3-6-9, they are answering);
 * - `done`: all answers found or shown; the host moves on with `game.next`.
 */
export type Stage = 'pick' | 'ready' | 'answering' | 'done';

export interface Found {
  answerId: string;
  by: string;
  seconds: number;
}

/** One player's own turn in Open Deur, Puzzel, Galerij or Collectief Geheugen, with its completion. */
export interface TurnState {
  ownerId: string;
  /** The questioner, puzzle, gallery or clip in play (null while the owner picks). */
  itemId: string | null;
  stage: Stage;
  /** Who answers now: the owner, then the completers in turn. */
  answererId: string;
  /** Players whose go in this turn is over (owner first, then completers). */
  passed: string[];
  found: Found[];
  /** True when the answers were shown without being found (reveal, skip, end of turn). */
  revealed: boolean;
  /** Galerij: the photo ids the answerer goes through, and where they are. */
  sequence: string[];
  position: number;
}

export interface TurnRoundState {
  kind: 'openDoor' | 'puzzle' | 'gallery' | 'collectiveMemory';
  /** Items (questioners, puzzles, galleries, clips) on offer this round, in order. */
  itemIds: string[];
  usedItemIds: string[];
  /** Players who have had their own turn this round, in order. */
  turnsTaken: string[];
  turn: TurnState | null;
}

export interface ThreeSixNineState {
  kind: 'threeSixNine';
  /** 0-based index into the question set's 3-6-9 questions. */
  index: number;
  stage: 'answering' | 'done';
  answererId: string;
  /** Players who tried this question (in order). */
  tried: string[];
  /** Who answered this question correctly, if anyone. */
  correctBy: string | null;
  /** Which player answers the next question. */
  nextAnswererId: string | null;
  /**
   * How each question played so far ended, by 0-based index: who answered it correctly, or null
   * when nobody did (everyone wrong, revealed or skipped). Absent in games stored before it existed.
   */
  results?: (string | null)[];
}

export interface FinaleStateRound {
  kind: 'finale';
  finalists: string[];
  index: number;
  stage: Stage;
  /** Who started this question (answered first). */
  starterId: string;
  answererId: string;
  passed: string[];
  found: Found[];
  revealed: boolean;
}

export type RoundState = ThreeSixNineState | TurnRoundState | FinaleStateRound;

export interface GameResult {
  /** Null until the game has a winner (during the finale the line-up is known, the winner not yet). */
  winnerId: string | null;
  /** *De slimste mens van de dag*: the leader after Collectief Geheugen under `leaderWins`. */
  slimsteVanDeDagId: string | null;
  finalists: string[];
  /** Players out of the game: the finale's loser and, with 4 players, the last one. */
  eliminatedIds: string[];
}

export interface HistoryEntry {
  command: Command;
  ctx: Ctx;
  /** A pause that undo added to freeze a running clock; undone together with the action before it. */
  auto?: true;
}

/**
 * One accepted action of the undo log, linked to the one before it (see history.ts). The root
 * (depth 0, no entry) is the moment right after `game.start`.
 */
export interface HistoryNode {
  readonly entry: HistoryEntry | null;
  readonly prev: HistoryNode | null;
  /** How many actions the log holds up to and including this one. */
  readonly depth: number;
  /** The state right after this action, kept on every few nodes (always on the root) so undo replays little. */
  checkpoint: GameState | null;
}

export interface GameState {
  config: GameConfig;
  set: QuestionSet;
  /** Seeded the puzzle grids' shuffle in games made before `gridOrders` (their grids stay as they were). */
  seed: number;
  /**
   * Each puzzle's grid order, by puzzle id: a permutation of its clues (its links' clues in order),
   * drawn independently per puzzle from the caller's randomness (the server's crypto) when the game
   * was made, and kept in the state, so replays are exact and one revealed grid says nothing of
   * another (a 31-bit seed could be found from two grids and gave the third away).
   */
  gridOrders?: Record<string, number[]>;
  phase: 'lobby' | 'playing' | 'finished';
  players: PlayerState[];
  clock: RunningClock | null;
  /** How often the host has (re)played the media of the question in play: the screen plays it on each change. */
  mediaCue: number;
  /** While paused no clock runs; the clock that was running resumes on `game.resume`. */
  paused: { playerId: string | null } | null;
  roundIndex: number;
  round: RoundState | null;
  result: GameResult | null;
  /**
   * The undo log: accepted actions since the start, each with its context (null in the lobby).
   * Not part of a snapshot: storage keeps it as the event log (see `historyChange`).
   */
  history: HistoryNode | null;
}

/** What storage keeps of a state: everything but the question set (stored once) and the undo log. */
export type GameSnapshot = Omit<GameState, 'set' | 'history'>;

export type Command =
  | { type: 'lobby.join'; playerId: string; name: string }
  | { type: 'lobby.remove'; playerId: string }
  | { type: 'lobby.seats'; order: string[] }
  | { type: 'game.start' }
  | { type: 'clock.start' }
  | { type: 'clock.stop' }
  | { type: 'clock.expire' }
  | { type: 'answer.correct'; answerId: string }
  | { type: 'answer.wrong' }
  | { type: 'item.pick'; itemId: string }
  | { type: 'answers.reveal' }
  | { type: 'question.skip' }
  | { type: 'game.next' }
  | { type: 'game.pause' }
  | { type: 'game.resume' }
  | { type: 'seconds.adjust'; playerId: string; delta: number; reason?: string }
  | { type: 'media.play' }
  | { type: 'undo' };

export type CommandType = Command['type'];

export type ErrorCode =
  | 'forbidden'
  | 'invalid_command'
  | 'wrong_phase'
  | 'not_your_turn'
  | 'unknown_player'
  | 'unknown_answer'
  | 'unknown_item'
  | 'already_found'
  | 'game_full'
  | 'name_taken'
  | 'paused'
  | 'nothing_to_undo'
  | 'nothing_to_do';

export interface EngineError {
  code: ErrorCode;
  message: string;
}

/** What happened, for sounds and animations on the clients. */
export type GameEvent =
  | { type: 'player.joined'; playerId: string }
  | { type: 'player.removed'; playerId: string }
  | { type: 'game.started' }
  | { type: 'round.started'; kind: RoundKind }
  | { type: 'turn.started'; playerId: string }
  | { type: 'clock.started'; playerId: string }
  | { type: 'clock.stopped'; playerId: string; reason: 'stop' | 'found_all' | 'time_up' | 'pause' | 'turn_end' }
  | { type: 'answer.found'; answerId: string; playerId: string; seconds: number }
  | { type: 'answer.wrong'; playerId: string | null }
  | { type: 'turn.passed'; playerId: string }
  | { type: 'answers.revealed' }
  | { type: 'seconds.changed'; playerId: string; delta: number; reason?: string }
  | { type: 'game.paused' }
  | { type: 'game.resumed' }
  | { type: 'media.played'; url: string }
  | { type: 'undone'; command: CommandType }
  | { type: 'game.finished'; winnerId: string };

export type ApplyResult = { ok: true; state: GameState; events: GameEvent[] } | { ok: false; error: EngineError };
