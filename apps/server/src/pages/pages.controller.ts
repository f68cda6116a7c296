import { join } from 'node:path';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { DEFAULT_CONFIG, ROUND_KINDS } from '@slimste/engine';
import type { Request, Response } from 'express';
import { InertiaService } from '../inertia/inertia.service.js';
import { WEB_DIST_DIR } from './tokens.js';

/**
 * The page routes. Props carry ids and codes from the URL only: tokens stay in the browser
 * (localStorage), and game data arrives over the socket or the JSON API.
 */
@Controller()
export class PagesController {
  constructor(
    @Inject(InertiaService) private readonly inertia: InertiaService,
    @Inject(WEB_DIST_DIR) private readonly distDir: string,
  ) {}

  @Get()
  home(@Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Home', { defaults: DEFAULT_CONFIG, roundKinds: [...ROUND_KINDS] });
  }

  @Get('host/:gameId')
  host(@Param('gameId') gameId: string, @Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Host', { gameId });
  }

  /** The replay of a game (its host's: the page reads the host token kept in this browser). */
  @Get('host/:gameId/replay')
  replay(@Param('gameId') gameId: string, @Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Replay', { gameId });
  }

  @Get('play/:gameId')
  play(@Param('gameId') gameId: string, @Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Play', { gameId });
  }

  @Get('screen/:gameId')
  screen(@Param('gameId') gameId: string, @Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Screen', { gameId });
  }

  /** The TV's short address: `/tv/CODE` opens the screen of the game with that join code; `/tv` asks for the code. */
  @Get('tv')
  tv(@Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Screen', { gameId: null, code: null });
  }

  @Get('tv/:code')
  tvCode(@Param('code') code: string, @Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Screen', { gameId: null, code: code.trim().toUpperCase().slice(0, 16) });
  }

  @Get('join/:code')
  join(@Param('code') code: string, @Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Join', { code: code.toUpperCase() });
  }

  @Get('sets')
  sets(@Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'Sets', {});
  }

  @Get('sets/new')
  newSet(@Req() req: Request, @Res() res: Response) {
    return this.inertia.render(req, res, 'SetEdit', { setId: null, defaults: DEFAULT_CONFIG });
  }

  @Get('sets/:id')
  editSet(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    // The TV rules' counts: the editor says whether the set can play a game with them.
    return this.inertia.render(req, res, 'SetEdit', { setId: id, defaults: DEFAULT_CONFIG });
  }

  /** Built assets have content hashes in their names, so they may be cached for good. */
  @Get('assets/*path')
  asset(@Req() req: Request, @Res() res: Response) {
    const relative = decodeURIComponent(req.path.slice('/assets/'.length));
    res.sendFile(
      relative,
      { root: join(this.distDir, 'assets'), maxAge: '365d', immutable: true, dotfiles: 'deny' },
      (err) => {
        if (err && !res.headersSent) res.status(404).type('text').send('Not found');
      },
    );
  }
}
