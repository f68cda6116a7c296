import type { Actor, Command, ConfigProblem, GameEvent } from '@slimste/engine';
import { z } from 'zod';
import { gameConfigInputSchema } from './config.js';
import type { QuestionSetDocument } from './question-set.js';
import type { RematchMessage, StateMessage } from './socket.js';
import { idSchema, text } from './text.js';

/** `POST /api/games`: without `questionSetId` the server uses its bundled demo set. */
export const createGameBodySchema = z.strictObject({
  questionSetId: idSchema.optional(),
  config: gameConfigInputSchema.optional(),
});
export type CreateGameBody = z.infer<typeof createGameBodySchema>;

export const PLAYER_NAME_MAX = 24;

/**
 * What does not show: spaces, format characters (zero-width and the like), combining marks on
 * their own, and the blank letters (U+2800 braille blank, U+3164 and U+FFA0 Hangul fillers,
 * U+115F/U+1160).
 */
const INVISIBLE = /[\s\p{Cf}\p{M}\u2800\u3164\uFFA0\u115F\u1160]/gu;

/**
 * A player's name as the screen shows it: trimmed, 1..24 characters (an emoji counts as one), no
 * control characters, and at least one character that shows.
 */
export const playerNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC'))
  .pipe(text(PLAYER_NAME_MAX))
  // An empty name has its own message above.
  .refine((s) => s.length === 0 || s.replace(INVISIBLE, '').length > 0, {
    error: 'must contain a character that shows',
  });

/** `POST /api/games/{code}/players`. */
export const joinBodySchema = z.object({ name: playerNameSchema });
export type JoinBody = z.infer<typeof joinBodySchema>;

/** `POST /api/announcements` (with the operator's bearer token). */
export const announcementBodySchema = z.object({ message: text(500, { multiline: true }) });
export type AnnouncementBody = z.infer<typeof announcementBodySchema>;

/** 201 from `POST /api/games`: `hostToken` authenticates the quizmaster on the socket. */
export interface CreatedGame {
  id: string;
  code: string;
  hostToken: string;
}

/** 201 from `POST /api/games/{code}/players`: `token` authenticates this player on the socket. */
export interface JoinedGame {
  gameId: string;
  playerId: string;
  token: string;
}

/** `GET /api/games/{idOrCode}`: a game's public summary (no token needed), e.g. to check a join code. */
export interface GameSummary {
  id: string;
  code: string;
  title: string;
  /** The question set's language ('nl', 'en'): every page of the game speaks it unless the device chose another. */
  language: string;
  phase: 'lobby' | 'playing' | 'finished';
  maxPlayers: number;
  version: number;
  players: { id: string; name: string; seat: number; seconds: number }[];
}

/**
 * `POST /api/games/{id}/rematch` with the host token as bearer: a new game with the same players,
 * question set and settings. `questionSetToken` (the set's edit token, or ADMIN_TOKEN) is needed
 * only when the game's set is private, as for creating a game with it.
 */
export const rematchBodySchema = z.strictObject({
  questionSetToken: z.string().min(1, { error: 'must not be empty' }).max(512).optional(),
});
export type RematchBody = z.infer<typeof rematchBodySchema>;

/**
 * `GET /api/games/{id}/rematch`: the game that followed this one (204, no body, while there is
 * none). Everyone learns its `gameId` and `code`; with the old game's host token as bearer also
 * `hostToken`, with a player's token that player's new seat (`playerId`, `token`), and nobody else's.
 */
export type RematchSeat = RematchMessage;

/**
 * `GET /api/join-address`: the address phones should open to join (`origin`, no trailing slash),
 * where it comes from (`public_url`: the PUBLIC_URL setting; `request`: the address this page was
 * opened at; `network`: the page was opened at localhost, so this machine's address on the local
 * network), whether a phone can open it (`reachable`: false when it names this machine only) and
 * the other network addresses of the machine.
 */
export interface JoinAddress {
  origin: string;
  source: 'public_url' | 'request' | 'network';
  reachable: boolean;
  alternatives: string[];
}

/**
 * Every error response of the JSON API. `details`: one readable line per problem (e.g. each invalid
 * field of a question set); `problems` (400 `invalid_config` only): the same problems as data (the engine's `ConfigProblem`:
 * `code`, `field`, `params`), for a client to word in its own language.
 */
export interface ApiError {
  error: { code: string; message: string; details?: string[]; problems?: ConfigProblem[] };
}

/** How many questions (puzzles, galleries, clips) a question set has for each round. */
export interface QuestionSetCounts {
  threeSixNine: number;
  openDoor: number;
  puzzle: number;
  gallery: number;
  collectiveMemory: number;
  finale: number;
}

/** Counts the items of each round; works on a stored set and on a file document alike. */
export function countQuestions(set: {
  rounds: { [K in keyof QuestionSetCounts]: readonly unknown[] };
}): QuestionSetCounts {
  const r = set.rounds;
  return {
    threeSixNine: r.threeSixNine.length,
    openDoor: r.openDoor.length,
    puzzle: r.puzzle.length,
    gallery: r.gallery.length,
    collectiveMemory: r.collectiveMemory.length,
    finale: r.finale.length,
  };
}

/**
 * One row of `GET /api/question-sets` (public): metadata only, never a question or an answer.
 * `builtIn` marks the bundled demo sets (readable by anyone, never editable).
 */
export interface QuestionSetListItem {
  id: string;
  title: string;
  language: string;
  builtIn: boolean;
  counts: QuestionSetCounts;
  updatedAt: string;
}

/**
 * `GET|PUT /api/question-sets/{id}` (with the set's edit token or the operator's, as
 * `Authorization: Bearer ...`; the demo sets' GET is public). `document` is in the file format,
 * ready to edit and PUT back.
 */
export interface QuestionSetRecord {
  id: string;
  title: string;
  language: string;
  builtIn: boolean;
  createdAt: string;
  updatedAt: string;
  document: QuestionSetDocument;
}

/**
 * 201 from `POST /api/question-sets`: `editToken` is shown this once (the server keeps only its
 * sha256); it is the bearer for reading, exporting, editing, deleting and playing this set.
 */
export interface CreatedQuestionSet extends QuestionSetRecord {
  editToken: string;
}

/** One accepted command of a game, as stored: the version it made, when, by whom, and what it did. */
export interface GameLogEvent {
  version: number;
  /** ISO 8601, milliseconds (the `now` the engine applied it with). */
  at: string;
  actor: Actor;
  command: Command;
  /** What it did, in the host's terms (answers by the set's id). */
  events: GameEvent[];
}

/**
 * `GET /api/games/{id}/log` (the host token as bearer), a JSON download: the whole event log of a
 * game, every version from 1 to `version` (0 is the empty lobby it was created as).
 */
export interface GameLog {
  format: 'slimste.game-log';
  gameId: string;
  code: string;
  /** ISO 8601. */
  createdAt: string;
  version: number;
  events: GameLogEvent[];
}

/** How many versions one replay page holds at most, and when `count` is not given. */
export const REPLAY_PAGE_MAX = 200;
export const REPLAY_PAGE_DEFAULT = 50;

const wholeNumber = z
  .string()
  .regex(/^\d{1,9}$/, { error: 'must be a whole number' })
  .transform(Number);

/** A query's page size: a whole number from 1 to `max`, `fallback` when not given. */
const pageSize = (max: number, fallback: number) =>
  wholeNumber
    .pipe(
      z
        .number()
        .min(1, { error: 'must be at least 1' })
        .max(max, { error: `must be at most ${max}` }),
    )
    .optional()
    .default(fallback);

/**
 * `GET /api/games/{id}/replay?from=&count=`: `from` (default 0) is the first version, `count`
 * (1..200, default 50) how many; anything else is 400 `invalid_range`, as is a `from` past the
 * game's last version.
 */
export const replayQuerySchema = z.object({
  from: wholeNumber.optional().default(0),
  count: pageSize(REPLAY_PAGE_MAX, REPLAY_PAGE_DEFAULT),
});
export type ReplayQuery = z.infer<typeof replayQuerySchema>;

/** How many sets one page of `GET /api/question-sets` holds at most, and when `limit` is not given. */
export const SET_LIST_PAGE_MAX = 500;
export const SET_LIST_PAGE_DEFAULT = 100;

/**
 * `GET /api/question-sets?limit=&offset=`: `limit` (1..500, default 100) sets from `offset`
 * (default 0), the demo sets first, then by title; anything else is 400 `invalid_range`. The answer
 * stays an array; `X-Total-Count` says how many there are, and `Link: <…>; rel="next"` names the
 * next page while there is one.
 */
export const setListQuerySchema = z.object({
  limit: pageSize(SET_LIST_PAGE_MAX, SET_LIST_PAGE_DEFAULT),
  offset: wholeNumber.optional().default(0),
});

/**
 * A page of the replay: the screen's `state` (the spectator's, exactly as a spectator socket got it
 * after that version, `serverTime` being the moment of the version) at each version from `from`,
 * `states.length` of them (fewer than asked at the end of the game). `version` is the game's last.
 */
export interface ReplayPage {
  gameId: string;
  code: string;
  from: number;
  version: number;
  states: StateMessage[];
}
