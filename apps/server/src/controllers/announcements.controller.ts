import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { announcementBodySchema } from '@slimste/protocol';
import { z } from 'zod';
import { requireOperator } from '../common/bearer.js';
import { parseBody } from '../common/zod-body.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AnnouncementService } from '../services/announcement.service.js';

@ApiTags('operations')
@Controller('api/announcements')
export class AnnouncementsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly announcements: AnnouncementService,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send `announcement` { message, at } to every socket on /games (ADMIN_TOKEN bearer)' })
  @ApiBody({ schema: z.toJSONSchema(announcementBodySchema, { io: 'input', unrepresentable: 'any' }) as object })
  announce(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    requireOperator(authorization, this.config.adminToken);
    const { message } = parseBody(announcementBodySchema, body);
    return this.announcements.announce(message);
  }
}
