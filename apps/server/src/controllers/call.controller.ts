import { Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IdParam } from '../common/id-param.pipe.js';
import { CallService } from '../services/call.service.js';

/** Issue 11, the game as its own call: the TV's screen token and the peers' ICE servers. */
@ApiTags('games')
@Controller('api/games')
export class CallController {
  constructor(private readonly call: CallService) {}

  @Post(':id/screen')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "The screen token for the TV link (host only): the spectator's view plus the players' faces",
    description: "Bearer: the game's host token. `{ token }`, the same token each time the host asks.",
  })
  @ApiResponse({ status: 201, description: '{ token }' })
  @ApiResponse({ status: 401, description: 'no bearer token (unauthorized)' })
  @ApiResponse({ status: 403, description: "not this game's host token (forbidden)" })
  @ApiResponse({ status: 404, description: 'unknown game' })
  async screen(
    @Param('id', IdParam) id: string,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    res.setHeader('Cache-Control', 'no-store');
    return this.call.screenToken(id, authorization);
  }

  @Get(':id/ice')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "The STUN/TURN servers for the game's call (host, player or screen token)",
    description:
      '`{ iceServers, iceTransportPolicy }` for `new RTCPeerConnection(...)`: ICE_SERVERS, plus a TURN server with ' +
      'credentials for this game and peer (username `expiry:gameId:peer`) when TURN_SECRET is set.',
  })
  @ApiResponse({ status: 200, description: '{ iceServers, iceTransportPolicy }' })
  @ApiResponse({ status: 401, description: 'no bearer token (unauthorized)' })
  @ApiResponse({ status: 403, description: 'a token of another game, a removed player (forbidden)' })
  @ApiResponse({ status: 404, description: 'unknown game' })
  async ice(
    @Param('id', IdParam) id: string,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    res.setHeader('Cache-Control', 'no-store');
    return this.call.ice(id, authorization);
  }
}
