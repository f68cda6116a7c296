import { ApiError } from './api-error.js';

/** The code a command, a socket read or an HTTP request gets while the database refuses to work. */
export const STORAGE_UNAVAILABLE = 'storage_unavailable';
export const STORAGE_UNAVAILABLE_MESSAGE =
  'the server cannot save right now (its database is unavailable); nothing was changed, try again shortly';

/** SQLite result codes (better-sqlite3's `code`, extended codes included) of a disk or file that refuses. */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|NOLFS|PROTOCOL|NOMEM)(_|$)/;
/** PostgreSQL SQLSTATE classes: connection (08), resources such as a full disk (53), shutdown (57), system (58). */
const POSTGRES_UNAVAILABLE = /^(08|53|57|58)[0-9A-Z]{3}$/;
/** A read-only transaction (a standby, or default_transaction_read_only). */
const POSTGRES_READ_ONLY = '25006';
const NODE_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOSPC',
  'EROFS',
  'EIO',
]);
/**
 * Said in words only: node-postgres's lost connections, and SQLite's answer to Kysely's rollback
 * after SQLite itself rolled the transaction back (it does so only on a full disk, an I/O error,
 * a busy file or no memory), which hides the first error.
 */
const MESSAGES = [
  'cannot rollback - no transaction is active',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
];

/**
 * Whether an error means the database cannot be reached or written just now (a full disk, a
 * stopped PostgreSQL), as opposed to a bug: the first gets `storage_unavailable` and play resumes
 * once storage works again; the second stays an `internal_error`.
 */
export function isStorageUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const { code, message, errors, cause } = err as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string') {
    if (SQLITE_UNAVAILABLE.test(code) || POSTGRES_UNAVAILABLE.test(code) || code === POSTGRES_READ_ONLY) return true;
    if (NODE_UNAVAILABLE.has(code)) return true;
  }
  if (typeof message === 'string' && MESSAGES.some((m) => message.startsWith(m))) return true;
  // A connection attempt to several addresses fails as an AggregateError of each.
  if (Array.isArray(errors) && errors.some((e) => isStorageUnavailable(e, depth + 1))) return true;
  return isStorageUnavailable(cause, depth + 1);
}

/** HTTP 503 `storage_unavailable`. */
export const storageUnavailable = () => new ApiError(503, STORAGE_UNAVAILABLE, STORAGE_UNAVAILABLE_MESSAGE);
