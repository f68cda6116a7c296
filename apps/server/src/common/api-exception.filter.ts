import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger.js';
import { isStorageUnavailable, STORAGE_UNAVAILABLE, STORAGE_UNAVAILABLE_MESSAGE } from './storage-errors.js';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Every error leaves as `{ error: { code, message } }` and never as a stack trace. Unexpected
 * errors are logged and answered with 500 `internal_error`.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (res.headersSent) return;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object') {
        res.status(status).json(body);
        return;
      }
      const message =
        typeof body === 'string'
          ? body
          : typeof body === 'object' && body && 'message' in body
            ? String((body as { message: unknown }).message)
            : exception.message;
      res.status(status).json({ error: { code: CODES[status] ?? `http_${status}`, message } });
      return;
    }
    // body-parser errors (bad JSON, too large) carry a status of their own.
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        status === 413 ? 'request body too large' : status === 400 ? 'malformed JSON body' : 'bad request';
      res.status(status).json({ error: { code: CODES[status] ?? `http_${status}`, message } });
      return;
    }
    if (isStorageUnavailable(exception)) {
      // Logged once per outage by StorageHealth (commands) or here at warn: not a bug.
      this.logger.warn({ err: exception, method: req.method, path: req.path }, 'storage unavailable');
      res.status(503).json({ error: { code: STORAGE_UNAVAILABLE, message: STORAGE_UNAVAILABLE_MESSAGE } });
      return;
    }
    this.logger.error({ err: exception, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal_error', message: 'internal error' } });
  }
}
