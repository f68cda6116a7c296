import { ApiError, notFound } from '../common/api-error.js';
import { bearerToken } from '../common/bearer.js';
import type { GamesService } from './games.service.js';

/**
 * The HTTP routes only a game's host may use (rematch, the log, results, replay): the host token as
 * bearer, checked by `GamesService.authorize` as every join is. 401 `unauthorized` without a
 * bearer, 403 `forbidden` with any other token (a player's, another game's, an unknown one), 404
 * for an unknown game.
 */
export async function requireHost(
  games: GamesService,
  gameId: string,
  authorization: string | undefined,
  what: string,
): Promise<void> {
  const token = bearerToken(authorization);
  if (!token) throw new ApiError(401, 'unauthorized', 'send the host token as "Authorization: Bearer <token>"');
  const role = await games.authorize(gameId, token);
  if ('code' in role) throw refusal(role);
  if (role.role !== 'host') throw new ApiError(403, 'forbidden', `only the host may ${what}`);
}

/** `GamesService.authorize`'s refusal as an HTTP error: 404 for an unknown game, else 403. */
export function refusal(error: { code: string; message: string }): ApiError {
  if (error.code === 'unknown_game') return notFound(error.message);
  return new ApiError(403, 'forbidden', error.message);
}
