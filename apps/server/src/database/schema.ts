import type { ColumnType } from 'kysely';

/** JSON is stored as text in both SQLite and PostgreSQL, so one set of migrations fits both. */
export interface QuestionSetTable {
  id: string;
  title: string;
  language: string;
  document: string;
  /** The document's countQuestions, as JSON: what the list shows, without reading the document. */
  counts: ColumnType<string, string | undefined, string>;
  /** 1 for the bundled demo sets, which are read-only. */
  builtin: number;
  /** sha256 of the edit token, hex; null for the demo sets (and sets older than edit tokens). */
  edit_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who imported it (creatorKey: a hash of the address's group), for the quota; null for older sets and the demo sets. */
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

/** A question set's document, stored once however many games play it (by its content's sha256). */
export interface SetDocumentTable {
  hash: string;
  document: string;
  created_at: string;
}

/**
 * One row per game, kept small and rewritten only when its phase, its clock or its end changes.
 * The game's version is its last event's (`game_events`, whose primary key is the version check);
 * the state is in `game_snapshots`.
 */
export interface GameTable {
  id: string;
  code: string;
  /** Empty since migration 0003 (snapshots moved to `game_snapshots`). */
  state: string;
  /** Empty since migration 0003 (the document is in `set_documents`, named by `set_hash`). */
  question_set: string;
  set_hash: string | null;
  phase: string;
  /** When the running clock reaches 0 (ms since epoch), so a restart can re-arm it; null when none runs. */
  clock_due_at: ColumnType<number | null, number | null, number | null>;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  /** Who created it (creatorKey), for the quota of live games per address; null for older games. */
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One row per accepted command: the truth a game is rebuilt from. */
export interface GameEventTable {
  game_id: string;
  version: number;
  command: string;
  actor: string;
  events: string;
  at: string;
  /** How the command changed the undo log: the first `history_keep` entries stay, then `history_push` (a JSON list). */
  history_keep: number;
  history_push: string;
}

/**
 * A game's state at a version, without its question set and undo log (`snapshotOf`): `latest`
 * (written every few commands and when a round begins) and `origin` (right after `game.start`,
 * where undo's replays begin).
 */
export interface GameSnapshotTable {
  game_id: string;
  slot: 'latest' | 'origin';
  version: number;
  state: string;
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
  set_documents: SetDocumentTable;
  games: GameTable;
  game_events: GameEventTable;
  game_snapshots: GameSnapshotTable;
  tokens: TokenTable;
  storage_probe: StorageProbeTable;
}

/** One row, rewritten by each health check: proof that the database still takes writes. */
export interface StorageProbeTable {
  id: number;
  at: string;
}
