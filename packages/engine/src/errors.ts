import type { EngineError, ErrorCode } from './types.js';

/** Thrown by rule handlers; `apply` turns it into `{ ok: false, error }` so a rejected command changes nothing. */
export class RuleError extends Error implements EngineError {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new RuleError(code, message);
}
