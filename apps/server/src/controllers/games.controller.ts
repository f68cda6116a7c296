import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createGameBodySchema, joinBodySchema } from '@slimste/protocol';
import { z } from 'zod';
import { ClientCreator } from '../common/client-creator.decorator.js';
import { IdParam } from '../common/id-param.pipe.js';
import { parseBody } from '../common/zod-body.js';
import { GamesService } from '../services/games.service.js';

@ApiTags('games')
@Controller('api/games')
export class GamesController {
  constructor(private readonly games: GamesService) {}

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Create a game; returns its id, join code and the host token (shown once)',
    description:
      'Without `questionSetId` (the demo default) or with a demo set no token is needed. Any other set needs ' +
      '`Authorization: Bearer <its edit token or ADMIN_TOKEN>`, since the host view shows every answer.',
  })
  @ApiBody({ schema: z.toJSONSchema(createGameBodySchema, { io: 'input', unrepresentable: 'any' }) as object })
  @ApiResponse({ status: 201, description: '{ id, code, hostToken }' })
  @ApiResponse({ status: 400, description: 'invalid body, unknown question set or a config the set cannot play' })
  @ApiResponse({ status: 401, description: 'a private question set and no bearer token (unauthorized)' })
  @ApiResponse({ status: 403, description: 'a private question set and a token that does not open it (forbidden)' })
  create(
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @ClientCreator() creator: string,
  ) {
    return this.games.create(parseBody(createGameBodySchema, body), authorization, creator);
  }

  @Post(':code/players')
  @HttpCode(201)
  @ApiOperation({ summary: 'Join a game in its lobby by join code; returns the player token (shown once)' })
  @ApiBody({ schema: z.toJSONSchema(joinBodySchema, { io: 'input', unrepresentable: 'any' }) as object })
  @ApiResponse({ status: 201, description: '{ gameId, playerId, token }' })
  @ApiResponse({ status: 400, description: 'bad name' })
  @ApiResponse({ status: 404, description: 'unknown code' })
  @ApiResponse({
    status: 409,
    description:
      'game full (game_full), already started (already_started), or the name reads as one at the table (name_taken)',
  })
  join(@Param('code', IdParam) code: string, @Body() body: unknown) {
    const { name } = parseBody(joinBodySchema, body, 'invalid_name');
    return this.games.join(code, name);
  }

  @Get(':idOrCode')
  @ApiOperation({ summary: 'Public summary of a game (by id or join code): phase and players' })
  summary(@Param('idOrCode', IdParam) idOrCode: string) {
    return this.games.summary(idOrCode);
  }
}
