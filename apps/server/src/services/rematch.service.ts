import { Inject, Injectable } from '@nestjs/common';
import type { RematchMessage, RematchSeat } from '@slimste/protocol';
import type { Logger } from 'pino';
import { ApiError, conflict, notFound } from '../common/api-error.js';
import { bearerToken } from '../common/bearer.js';
import { RematchNotifier } from '../gateway/rematch-notifier.gateway.js';
import { LOGGER } from '../logging/logger.js';
import { TokenRepository } from '../repositories/token.repository.js';
import { screenTokenFor } from './call.service.js';
import { GamesService } from './games.service.js';
import { refusal, requireHost } from './host-access.js';

/** A rematch as this process remembers it: the new game and every seat in it, by the old player's id. */
interface Rematch {
  from: string;
  gameId: string;
  code: string;
  hostToken: string;
  /** The new game's screen token, so the TV that had the faces keeps them (issue 11). */
  screenToken: string;
  seats: Map<string, { playerId: string; token: string }>;
  at: number;
}

/** How long a rematch is remembered for the players who were away when it was sent. */
export const REMATCH_KEPT_MS = 12 * 60 * 60 * 1000;
const MAX_KEPT = 10_000;

/**
 * Play again: a new game with the same players (same names, same seats), question set and
 * settings, made by the host of a finished game. Each player's sockets hear of their own new seat,
 * the host's of the new host token, spectators (the TV) of the new game only. Asking again answers
 * the same new game, so a double click makes one game.
 */
@Injectable()
export class RematchService {
  private readonly made = new Map<string, Rematch>();
  private readonly pending = new Map<string, Promise<Rematch>>();

  constructor(
    private readonly games: GamesService,
    private readonly notifier: RematchNotifier,
    private readonly tokens: TokenRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `authorization`: the old game's host token as bearer; `questionSetToken` for a private set. */
  async create(gameId: string, authorization: string | undefined, questionSetToken?: string): Promise<RematchSeat> {
    await requireHost(this.games, gameId, authorization, 'start a rematch');
    const known = this.made.get(gameId);
    if (known) return this.hostSeat(known);
    let making = this.pending.get(gameId);
    if (!making) {
      making = this.make(gameId, questionSetToken).finally(() => this.pending.delete(gameId));
      this.pending.set(gameId, making);
    }
    return this.hostSeat(await making);
  }

  /**
   * What the caller may know of the game that followed `gameId`: its id and code, plus their own
   * seat. Null while there is none (yet).
   */
  async seat(gameId: string, authorization: string | undefined): Promise<RematchSeat | null> {
    const token = bearerToken(authorization);
    const role = await this.games.authorize(gameId, token ?? undefined);
    if ('code' in role) throw refusal(role);
    const rematch = this.made.get(gameId);
    if (!rematch) return null;
    if (role.role === 'host') return this.hostSeat(rematch);
    if (role.role === 'player') return this.playerSeat(rematch, role.playerId);
    if (role.role === 'screen') return this.screenSeat(rematch);
    return this.publicSeat(rematch);
  }

  private async make(gameId: string, questionSetToken: string | undefined): Promise<Rematch> {
    const old = await this.games.current(gameId);
    if (!old) throw notFound(`no game "${gameId}"`);
    if (old.state.phase !== 'finished') throw conflict('not_finished', 'a rematch starts once the game is over');
    const created = await this.games
      .create(
        { questionSetId: old.state.set.id, config: old.state.config },
        questionSetToken ? `Bearer ${questionSetToken}` : undefined,
      )
      .catch((err: unknown) => {
        // The set's own refusal, told apart from the host token's.
        if (err instanceof ApiError && err.getStatus() === 401)
          throw new ApiError(
            401,
            'question_set_private',
            'this game\'s question set is private: send its edit token as "questionSetToken"',
          );
        if (err instanceof ApiError && err.getStatus() === 403)
          throw new ApiError(
            403,
            'question_set_forbidden',
            'this "questionSetToken" does not open the game\'s question set',
          );
        throw err;
      });
    const seats = new Map<string, { playerId: string; token: string }>();
    for (const p of [...old.state.players].sort((a, b) => a.seat - b.seat)) {
      const joined = await this.games.join(created.code, p.name);
      seats.set(p.id, { playerId: joined.playerId, token: joined.token });
    }
    const screenToken = screenTokenFor(created.hostToken, created.id);
    await this.tokens.insertIfAbsent(screenToken, { gameId: created.id, role: 'screen' });
    const rematch: Rematch = {
      from: gameId,
      gameId: created.id,
      code: created.code,
      hostToken: created.hostToken,
      screenToken,
      seats,
      at: Date.now(),
    };
    this.remember(rematch);
    this.logger.info({ gameId, rematchId: created.id, players: seats.size }, 'rematch created');
    this.announce(rematch);
    return rematch;
  }

  private announce(rematch: Rematch): void {
    this.notifier.toHost(rematch.from, this.hostSeat(rematch));
    this.notifier.toSpectators(rematch.from, this.publicSeat(rematch));
    this.notifier.toScreens(rematch.from, this.screenSeat(rematch));
    for (const oldPlayerId of rematch.seats.keys()) {
      this.notifier.toPlayer(rematch.from, oldPlayerId, this.playerSeat(rematch, oldPlayerId));
    }
  }

  private remember(rematch: Rematch): void {
    const cutoff = Date.now() - REMATCH_KEPT_MS;
    for (const [id, r] of this.made) {
      if (r.at >= cutoff && this.made.size < MAX_KEPT) break;
      this.made.delete(id);
    }
    this.made.set(rematch.from, rematch);
  }

  private publicSeat(r: Rematch): RematchMessage {
    return { from: r.from, gameId: r.gameId, code: r.code };
  }

  private screenSeat(r: Rematch): RematchMessage {
    return { ...this.publicSeat(r), screenToken: r.screenToken };
  }

  private hostSeat(r: Rematch): RematchMessage {
    return { ...this.publicSeat(r), hostToken: r.hostToken };
  }

  private playerSeat(r: Rematch, oldPlayerId: string): RematchMessage {
    const seat = r.seats.get(oldPlayerId);
    return seat ? { ...this.publicSeat(r), playerId: seat.playerId, token: seat.token } : this.publicSeat(r);
  }
}
