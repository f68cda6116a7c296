import { HttpException } from '@nestjs/common';
import { type ConfigProblem, describeConfigProblem } from '@slimste/engine';

/** An HTTP error with the body every API error has: `{ error: { code, message, details?, ...extra } }`. */
export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, details?: string[], extra: Record<string, unknown> = {}) {
    super({ error: { code, message, ...(details ? { details } : {}), ...extra } }, status);
  }
}

export const badRequest = (code: string, message: string, details?: string[]) =>
  new ApiError(400, code, message, details);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);

/**
 * 400 `invalid_config`: the set cannot play the config. `details` says each problem in English,
 * `problems` the same as data, for a client to word in its own language.
 */
export function invalidConfig(problems: ConfigProblem[]): ApiError {
  const details = problems.map(describeConfigProblem);
  return new ApiError(400, 'invalid_config', details.join('; '), details, { problems });
}
