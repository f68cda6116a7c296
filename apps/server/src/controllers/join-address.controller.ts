import { networkInterfaces } from 'node:os';
import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { JoinAddress } from '@slimste/protocol';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { joinAddress } from '../services/join-address.js';

@ApiTags('games')
@Controller('api/join-address')
export class JoinAddressController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({
    summary: 'The address phones should open to join (for the QR code and the join link)',
    description:
      'PUBLIC_URL when set; else the address this request came to, unless that is localhost: then this ' +
      "machine's address on the local network. `reachable` is false when no phone could open it.",
  })
  @ApiResponse({ status: 200, description: '{ origin, source, reachable, alternatives }' })
  get(@Req() req: Request): JoinAddress {
    const host = req.get('host') ?? `localhost:${this.config.port}`;
    let requestOrigin: string;
    try {
      requestOrigin = new URL(`${req.protocol}://${host}`).origin;
    } catch {
      requestOrigin = `http://localhost:${this.config.port}`;
    }
    return joinAddress({ publicUrl: this.config.publicUrl, requestOrigin, interfaces: networkInterfaces() });
  }
}
