import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { storageUnavailable } from '../common/storage-errors.js';
import { GameBroadcaster } from '../gateway/game-broadcaster.js';
import { StorageHealth } from '../services/storage-health.js';

@ApiTags('operations')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly storage: StorageHealth,
    private readonly broadcaster: GameBroadcaster,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      '200 when the server can serve games (its database takes a write); 503 `storage_unavailable` when it ' +
      'does not (a full disk, a stopped PostgreSQL). `sockets` is how many are connected to this process, so an ' +
      'operator can see the nodes balanced, or a drained node empty before stopping it',
  })
  async health() {
    if (!(await this.storage.probe())) throw storageUnavailable();
    return { ok: true, uptime: Math.round(process.uptime()), sockets: this.broadcaster.localSockets() };
  }
}
