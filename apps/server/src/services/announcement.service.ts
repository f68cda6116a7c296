import { Inject, Injectable } from '@nestjs/common';
import type { Announcement } from '@slimste/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger.js';

type Sender = (announcement: Announcement) => void;

/** Operator messages to every socket on /games; the gateway registers how to send them. */
@Injectable()
export class AnnouncementService {
  private sender: Sender | null = null;

  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  useSender(sender: Sender): void {
    this.sender = sender;
  }

  announce(message: string): Announcement & { delivered: boolean } {
    const announcement = { message, at: Date.now() };
    this.sender?.(announcement);
    this.logger.info({ length: message.length }, 'announcement sent');
    return { ...announcement, delivered: this.sender !== null };
  }
}
