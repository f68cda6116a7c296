import { describe, expect, it } from 'vitest';
import { isStorageUnavailable } from './storage-errors.js';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('isStorageUnavailable', () => {
  it('knows a full or unwritable SQLite file', () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY', 'SQLITE_CANTOPEN']) {
      expect(isStorageUnavailable(withCode(code)), code).toBe(true);
    }
  });

  it('knows PostgreSQL going away, a full disk there and a refused connection', () => {
    for (const code of ['08006', '57P01', '57P03', '53100', '58030', '25006', 'ECONNREFUSED']) {
      expect(isStorageUnavailable(withCode(code)), code).toBe(true);
    }
    expect(isStorageUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStorageUnavailable(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
    expect(isStorageUnavailable(new Error('cannot rollback - no transaction is active'))).toBe(true);
    expect(isStorageUnavailable(new Error('wrapped', { cause: withCode('SQLITE_FULL') }))).toBe(true);
  });

  it('leaves bugs and conflicts alone', () => {
    for (const code of ['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_ERROR', '23505', '42P01', '22P02']) {
      expect(isStorageUnavailable(withCode(code)), code).toBe(false);
    }
    expect(isStorageUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isStorageUnavailable(null)).toBe(false);
    expect(isStorageUnavailable('SQLITE_FULL')).toBe(false);
  });
});
