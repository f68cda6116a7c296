import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStorage, SQLITE_JOURNAL_SIZE_LIMIT } from './database.js';

describe('SQLite checkpoints', () => {
  it('move the WAL into the database file from a thread of their own, not the committing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slimste-wal-'));
    const storage = createStorage({ dataDir: dir, databaseUrl: null });
    try {
      if (storage.driver.kind !== 'sqlite') throw new Error('expected SQLite');
      const file = storage.driver.file;
      expect(file.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      // The WAL is cut back to 64 MB each time it starts over, rather than keeping its largest size.
      expect(file.pragma('journal_size_limit', { simple: true })).toBe(SQLITE_JOURNAL_SIZE_LIMIT);
      await sql`create table filler (n integer, text text)`.execute(storage.db);
      const insert = file.prepare('insert into filler values (?, ?)');
      file.transaction(() => {
        for (let i = 0; i < 2_000; i++) insert.run(i, 'x'.repeat(500));
      })();
      const before = statSync(join(dir, 'slimste.sqlite')).size;
      // This connection never checkpoints; the worker does, within a second or so.
      await expect
        .poll(() => statSync(join(dir, 'slimste.sqlite')).size, { timeout: 5_000, interval: 100 })
        .toBeGreaterThan(before + 500_000);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
