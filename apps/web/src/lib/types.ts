// The wire types, compiled away: the engine's view types and the state message around them.
import type { GameView } from '@slimste/protocol';

export type {
  AnswerView,
  CollectiveMemoryView,
  Command,
  CommandType,
  FinaleView,
  GalleryView,
  GameConfig,
  GameEvent,
  GameView,
  Media,
  NextStep,
  OpenDoorView,
  PlayerView,
  PuzzleView,
  QuestionSet,
  RoundKind,
  RoundView,
  RunningClock,
  Scoring,
  ThreeSixNineView,
} from '@slimste/protocol';

/** What the socket's `state` event carries. */
export type StateMessage = GameView & { gameId: string; version: number };

export type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export type SocketRole = 'host' | 'player' | 'spectator';
