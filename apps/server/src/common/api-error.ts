import { HttpException } from '@nestjs/common';

/** An HTTP error with the body every API error has: `{ error: { code, message, details? } }`. */
export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, details?: string[]) {
    super({ error: { code, message, ...(details ? { details } : {}) } }, status);
  }
}

export const badRequest = (code: string, message: string, details?: string[]) =>
  new ApiError(400, code, message, details);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
