import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { IceConfig, IceServer, ScreenTokenReply } from '@slimste/protocol';
import { ApiError } from '../common/api-error.js';
import { bearerToken } from '../common/bearer.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TokenRepository } from '../repositories/token.repository.js';
import { GamesService } from './games.service.js';
import { refusal, requireHost } from './host-access.js';

/**
 * TURN's REST convention (coturn `use-auth-secret`): the username is `expiry:gameId:peer` (expiry in
 * Unix seconds; coturn reads the number before the first colon and refuses the credential after
 * it), the credential base64(HMAC-SHA1(secret, username)).
 */
export function turnCredential(
  secret: string,
  gameId: string,
  peer: string,
  ttlSeconds: number,
  nowMs = Date.now(),
): { username: string; credential: string } {
  const expiry = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiry}:${gameId}:${peer}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/**
 * The TV's screen token, made from the host token: the same host asks again (another console, a
 * reload) and gets the same token, so no token piles up per click.
 */
export function screenTokenFor(hostToken: string, gameId: string): string {
  return createHmac('sha256', hostToken).update(`slimste-screen:${gameId}`).digest('base64url');
}

/** The game's call (issue 11): the screen token for the TV link and the ICE servers for the peers. */
@Injectable()
export class CallService {
  constructor(
    private readonly games: GamesService,
    private readonly tokens: TokenRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async screenToken(gameId: string, authorization: string | undefined): Promise<ScreenTokenReply> {
    await requireHost(this.games, gameId, authorization, 'get the screen token');
    const token = screenTokenFor(bearerToken(authorization) as string, gameId);
    await this.tokens.insertIfAbsent(token, { gameId, role: 'screen' });
    return { token };
  }

  /**
   * For members of the call only (a host, player or screen token of this game): ICE_SERVERS, plus
   * TURN credentials for this game and peer that expire after TURN_TTL_SECONDS.
   */
  async ice(gameId: string, authorization: string | undefined): Promise<IceConfig> {
    const token = bearerToken(authorization);
    if (!token) {
      throw new ApiError(401, 'unauthorized', 'send a host, player or screen token as "Authorization: Bearer <token>"');
    }
    const role = await this.games.authorize(gameId, token);
    if ('code' in role) throw refusal(role);
    if (role.role === 'spectator') throw new ApiError(403, 'forbidden', 'spectators take no part in the call');
    const peer = role.role === 'player' ? role.playerId : role.role;
    const { servers, turn, transportPolicy } = this.config.ice;
    const iceServers: IceServer[] = servers.map((s) => ({ ...s }));
    if (turn) iceServers.push({ urls: turn.urls, ...turnCredential(turn.secret, gameId, peer, turn.ttlSeconds) });
    return { iceServers, iceTransportPolicy: transportPolicy };
  }
}
