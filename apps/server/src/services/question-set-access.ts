import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error.js';
import { bearerToken, sameSecret } from '../common/bearer.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { QuestionSetRecord } from '../repositories/question-set.repository.js';
import { hashToken } from '../repositories/token.repository.js';

/**
 * Who may read a question set's answers: whoever holds its edit token (given once, at import) or
 * the operator's ADMIN_TOKEN. The bundled demo sets are public: their content is in the repository.
 */
@Injectable()
export class QuestionSetAccess {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Throws 401 without a bearer token and 403 with one that opens neither this set nor everything. */
  requireOwner(set: Pick<QuestionSetRecord, 'id' | 'editTokenHash'>, authorization: string | undefined): void {
    const token = bearerToken(authorization);
    if (!token) {
      throw new ApiError(
        401,
        'unauthorized',
        `question set "${set.id}" is private: send its edit token as "Authorization: Bearer <token>"`,
      );
    }
    const isAdmin = this.config.adminToken !== null && sameSecret(token, this.config.adminToken);
    const isOwner = set.editTokenHash !== null && sameSecret(hashToken(token), set.editTokenHash);
    if (!isAdmin && !isOwner) {
      throw new ApiError(403, 'forbidden', `this token does not open question set "${set.id}"`);
    }
  }

  /** Reading (and playing) a demo set needs nothing; any other set needs its owner. */
  requireReader(
    set: Pick<QuestionSetRecord, 'id' | 'editTokenHash' | 'builtIn'>,
    authorization: string | undefined,
  ): void {
    if (!set.builtIn) this.requireOwner(set, authorization);
  }
}
