import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Db } from '../database/database.js';

export type TokenGrant =
  | { gameId: string; role: 'host' }
  | { gameId: string; role: 'player'; playerId: string }
  /** The TV's link (issue 11): the spectator's view plus the faces of the game's call. */
  | { gameId: string; role: 'screen' };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The row of a token: its hash, never the token itself. */
const tokenRow = (token: string, grant: TokenGrant) => ({
  hash: hashToken(token),
  game_id: grant.gameId,
  role: grant.role,
  player_id: grant.role === 'player' ? grant.playerId : null,
  created_at: new Date().toISOString(),
});

/** Tokens are stored as sha256 hashes only; the token itself is shown once, to its owner. */
@Injectable()
export class TokenRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  async insert(token: string, grant: TokenGrant): Promise<void> {
    await this.db.insertInto('tokens').values(tokenRow(token, grant)).execute();
  }

  /** As `insert`, but a token already stored (the same screen token asked for again) is kept as it is. */
  async insertIfAbsent(token: string, grant: TokenGrant): Promise<void> {
    await this.db
      .insertInto('tokens')
      .values(tokenRow(token, grant))
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
  }

  async find(token: string): Promise<TokenGrant | null> {
    const row = await this.db
      .selectFrom('tokens')
      .select(['game_id', 'role', 'player_id'])
      .where('hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return null;
    if (row.role === 'host') return { gameId: row.game_id, role: 'host' };
    if (row.role === 'screen') return { gameId: row.game_id, role: 'screen' };
    if (row.role === 'player' && row.player_id) return { gameId: row.game_id, role: 'player', playerId: row.player_id };
    return null;
  }

  async revokePlayer(gameId: string, playerId: string): Promise<void> {
    await this.db.deleteFrom('tokens').where('game_id', '=', gameId).where('player_id', '=', playerId).execute();
  }
}
