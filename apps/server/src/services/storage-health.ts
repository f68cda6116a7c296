import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { isStorageUnavailable } from '../common/storage-errors.js';
import { DATABASE, type Db } from '../database/database.js';
import { LOGGER } from '../logging/logger.js';

/** A health check writes at most this often; calls in between get the last answer. */
const PROBE_EVERY_MS = 1000;

/**
 * Whether the database takes writes now. It is told of every failed and every working write and
 * logs the outage once and the recovery once (not once per refused command); `probe()` writes a
 * one-row table, for /api/health.
 */
@Injectable()
export class StorageHealth {
  private down: { since: number; error: string } | null = null;
  private lastProbe: { at: number; ok: Promise<boolean> } | null = null;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get available(): boolean {
    return this.down === null;
  }

  /** A write failed: returns whether it was storage refusing (else it is a bug, for the caller). */
  failed(err: unknown): boolean {
    if (!isStorageUnavailable(err)) return false;
    // A health check from now on writes again rather than repeat an earlier 200.
    this.lastProbe = null;
    if (!this.down) {
      this.down = { since: Date.now(), error: String((err as Error)?.message ?? err) };
      this.logger.error({ err }, 'storage unavailable: commands are refused until it works again');
    }
    return true;
  }

  /** A write worked. */
  succeeded(): void {
    if (!this.down) return;
    this.logger.warn({ downForMs: Date.now() - this.down.since }, 'storage available again: play resumes');
    this.down = null;
  }

  /** Writes the probe row: true when the database took it. */
  probe(): Promise<boolean> {
    const now = Date.now();
    if (this.lastProbe && now - this.lastProbe.at < PROBE_EVERY_MS) return this.lastProbe.ok;
    const ok = this.writeProbe();
    this.lastProbe = { at: now, ok };
    return ok;
  }

  private async writeProbe(): Promise<boolean> {
    try {
      await this.db
        .insertInto('storage_probe')
        .values({ id: 1, at: new Date().toISOString() })
        .onConflict((c) => c.column('id').doUpdateSet((eb) => ({ at: eb.ref('excluded.at') })))
        .execute();
      this.succeeded();
      return true;
    } catch (err) {
      if (!this.failed(err)) this.logger.error({ err }, 'health probe failed');
      return false;
    }
  }
}
