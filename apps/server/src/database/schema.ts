import type { ColumnType } from 'kysely';

/** JSON is stored as text in both SQLite and PostgreSQL, so one set of migrations fits both. */
export interface QuestionSetTable {
  id: string;
  title: string;
  language: string;
  document: string;
  /** 1 for the bundled demo sets, which are read-only. */
  builtin: number;
  /** sha256 of the edit token, hex; null for the demo sets (and sets older than edit tokens). */
  edit_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export interface GameTable {
  id: string;
  code: string;
  version: number;
  /** The engine's GameState without its question set (that is in `question_set`, written once). */
  state: string;
  question_set: string;
  phase: string;
  /** When the running clock reaches 0 (ms since epoch), so a restart can re-arm it; null when none runs. */
  clock_due_at: ColumnType<number | null, number | null, number | null>;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface GameEventTable {
  game_id: string;
  version: number;
  command: string;
  actor: string;
  events: string;
  at: string;
}

export interface TokenTable {
  /** sha256 of the token, hex: the token itself is never stored. */
  hash: string;
  game_id: string;
  role: string;
  player_id: string | null;
  created_at: string;
}

export interface Database {
  question_sets: QuestionSetTable;
  games: GameTable;
  game_events: GameEventTable;
  tokens: TokenTable;
}
