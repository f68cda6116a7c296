import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { addressGroup, creatorKey } from './address-group.js';

/** The request's creator key (the client's address group, hashed): whose quota a new set or game counts against. */
export const ClientCreator = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return creatorKey(addressGroup(req.ip ?? req.socket.remoteAddress ?? ''));
});
