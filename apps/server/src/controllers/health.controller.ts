import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql } from 'kysely';
import { ApiError } from '../common/api-error.js';
import { DATABASE, type Db } from '../database/database.js';
import { GameBroadcaster } from '../gateway/game-broadcaster.js';

@ApiTags('operations')
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    private readonly broadcaster: GameBroadcaster,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      '200 when the server can serve games (its database answers); `sockets` is how many are connected to ' +
      'this process, so an operator can see the nodes balanced, or a drained node empty before stopping it',
  })
  async health() {
    try {
      await sql`select 1`.execute(this.db);
    } catch {
      throw new ApiError(503, 'unavailable', 'the database does not answer');
    }
    return { ok: true, uptime: Math.round(process.uptime()), sockets: this.broadcaster.localSockets() };
  }
}
