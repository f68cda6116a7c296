import { timingSafeEqual } from 'node:crypto';
import { ApiError } from './api-error.js';

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(authorization: string | undefined): string | null {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  return token || null;
}

/** Compares secrets in constant time, so the answer's timing tells nothing about the expected one. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws 401 unless `authorization` carries the operator's ADMIN_TOKEN (none set: nobody is the operator). */
export function requireOperator(authorization: string | undefined, adminToken: string | null): void {
  const given = bearerToken(authorization);
  if (!adminToken || !given || !sameSecret(given, adminToken)) {
    throw new ApiError(401, 'unauthorized', 'a valid operator token (Authorization: Bearer ...) is required');
  }
}
