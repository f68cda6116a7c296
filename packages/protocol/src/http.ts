import { z } from 'zod';
import { gameConfigInputSchema } from './config.js';
import { idSchema, text } from './text.js';

/** `POST /api/games`: without `questionSetId` the server uses its bundled demo set. */
export const createGameBodySchema = z.strictObject({
  questionSetId: idSchema.optional(),
  config: gameConfigInputSchema.optional(),
});
export type CreateGameBody = z.infer<typeof createGameBodySchema>;

export const PLAYER_NAME_MAX = 24;

/** A player's name as the screen shows it: trimmed, 1..24 characters (an emoji counts as one), no control characters. */
export const playerNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC'))
  .pipe(text(PLAYER_NAME_MAX));

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

/** Every error response of the JSON API. */
export interface ApiError {
  error: { code: string; message: string };
}
