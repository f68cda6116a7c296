import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REPLAY_PAGE_DEFAULT, REPLAY_PAGE_MAX, replayQuerySchema } from '@slimste/protocol';
import type { Response } from 'express';
import { IdParam } from '../common/id-param.pipe.js';
import { parseBody } from '../common/zod-body.js';
import { GameHistoryService } from '../services/game-history.service.js';

const HOST_ONLY = [
  { status: 401, description: 'no bearer token (unauthorized)' },
  { status: 403, description: "not this game's host token (forbidden)" },
  { status: 404, description: 'unknown game' },
] as const;

/** A file name from a join code (letters and digits only). */
const fileName = (code: string, suffix: string) => `slimste-${code.replace(/[^\w-]/g, '_')}-${suffix}`;

/** A game's history for its host: the event log, the results as CSV, the replay. */
@ApiTags('games')
@Controller('api/games')
export class GameHistoryController {
  constructor(private readonly history: GameHistoryService) {}

  @Get(':id/log')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Download the game's whole event log as JSON (host only)",
    description:
      "Bearer: the game's host token. `{ format, gameId, code, createdAt, version, events: [{ version, at, actor, command, events }] }`, " +
      'as a download (`Content-Disposition: attachment`).',
  })
  @ApiResponse({ status: 200, description: 'the log (GameLog)' })
  @ApiResponse(HOST_ONLY[0])
  @ApiResponse(HOST_ONLY[1])
  @ApiResponse(HOST_ONLY[2])
  async log(
    @Param('id', IdParam) id: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ) {
    const log = await this.history.log(id, authorization);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(log.code, 'log.json')}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/json').send(JSON.stringify(log));
  }

  @Get(':id/results.csv')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "The game's results as CSV (host only)",
    description:
      'RFC 4180 with a UTF-8 BOM, one row per answer found (`found`), answer nobody found (`missed`), jury correction ' +
      "(`correction`) and player's seconds after each round (`seconds`); columns type, version, time, round, round_kind, " +
      'item, question, answer, player, seat, seconds, reason. Undone actions are left out.',
  })
  @ApiResponse({ status: 200, description: 'text/csv' })
  @ApiResponse(HOST_ONLY[0])
  @ApiResponse(HOST_ONLY[1])
  @ApiResponse(HOST_ONLY[2])
  async results(
    @Param('id', IdParam) id: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ) {
    const { code, csv } = await this.history.resultsCsv(id, authorization);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(code, 'results.csv')}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/csv; charset=utf-8').send(csv);
  }

  @Get(':id/replay')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "The screen's view at each version, for the replay (host only)",
    description:
      "`{ gameId, code, from, version, states }`: the spectator's `state` (never the host's: no unrevealed answer) at " +
      `each version from \`from\`, \`count\` of them (1..${REPLAY_PAGE_MAX}, default ${REPLAY_PAGE_DEFAULT}; fewer at the end).`,
  })
  @ApiQuery({ name: 'from', required: false, description: 'first version (default 0)', schema: { type: 'integer' } })
  @ApiQuery({
    name: 'count',
    required: false,
    description: `how many versions (1..${REPLAY_PAGE_MAX}, default ${REPLAY_PAGE_DEFAULT})`,
    schema: { type: 'integer' },
  })
  @ApiResponse({ status: 200, description: 'a page of states (ReplayPage)' })
  @ApiResponse({ status: 400, description: '`from` or `count` out of range, or not a whole number (invalid_range)' })
  @ApiResponse(HOST_ONLY[0])
  @ApiResponse(HOST_ONLY[1])
  @ApiResponse(HOST_ONLY[2])
  async replay(
    @Param('id', IdParam) id: string,
    @Query() query: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { from, count } = parseBody(replayQuerySchema, query, 'invalid_range');
    res.setHeader('Cache-Control', 'no-store');
    return this.history.replay(id, authorization, from, count);
  }
}
