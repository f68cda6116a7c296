import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { rematchBodySchema } from '@slimste/protocol';
import type { Response } from 'express';
import { z } from 'zod';
import { IdParam } from '../common/id-param.pipe.js';
import { parseBody } from '../common/zod-body.js';
import { RematchService } from '../services/rematch.service.js';

@ApiTags('games')
@Controller('api/games')
export class RematchController {
  constructor(private readonly rematches: RematchService) {}

  @Post(':id/rematch')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Play again: a new game with the same players, question set and settings (host only)',
    description:
      "Bearer: the finished game's host token. Each player's sockets receive `rematch` with their own new seat; " +
      'spectators the new game id and code. Asking again answers the same new game.',
  })
  @ApiBody({ schema: z.toJSONSchema(rematchBodySchema, { io: 'input', unrepresentable: 'any' }) as object })
  @ApiResponse({ status: 201, description: '{ from, gameId, code, hostToken }' })
  @ApiResponse({
    status: 401,
    description: 'no bearer token (unauthorized), or a private set without questionSetToken (question_set_private)',
  })
  @ApiResponse({
    status: 403,
    description: "not this game's host token (forbidden), or a questionSetToken that does not open the set",
  })
  @ApiResponse({ status: 404, description: 'unknown game' })
  @ApiResponse({ status: 409, description: 'the game is not over yet (not_finished)' })
  create(@Param('id', IdParam) id: string, @Body() body: unknown, @Headers('authorization') authorization?: string) {
    const { questionSetToken } = parseBody(rematchBodySchema, body);
    return this.rematches.create(id, authorization, questionSetToken);
  }

  @Get(':id/rematch')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "The game that followed this one: its id and code, plus the caller's own seat in it",
    description:
      "Without a bearer: `{ from, gameId, code }`. The old host token adds `hostToken`; a player's token adds that player's `playerId` and `token`.",
  })
  @ApiResponse({ status: 200, description: '{ from, gameId, code, hostToken?, playerId?, token? }' })
  @ApiResponse({ status: 204, description: 'no rematch (yet)' })
  @ApiResponse({ status: 403, description: 'a token that does not open this game' })
  @ApiResponse({ status: 404, description: 'unknown game' })
  async seat(
    @Param('id', IdParam) id: string,
    @Res({ passthrough: true }) res: Response,
    @Headers('authorization') authorization?: string,
  ) {
    const seat = await this.rematches.seat(id, authorization);
    if (!seat) res.status(204);
    return seat ?? undefined;
  }
}
