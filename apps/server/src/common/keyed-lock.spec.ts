import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock.js';

describe('KeyedLock', () => {
  it('runs the tasks of one key one at a time, in order, whatever each one did', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      lock.run('g1', task('a')),
      lock.run('g1', task('b', true)),
      lock.run('g1', () => {
        throw new Error('sync');
      }),
      lock.run('g1', task('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets other keys run meanwhile, and forgets a key once its tasks are done', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let release: () => void = () => {};
    const slow = lock.run('g1', () => new Promise<void>((resolve) => (release = resolve)));
    await lock.run('g2', async () => log.push('g2 ran'));
    expect(log).toEqual(['g2 ran']);
    release();
    await slow;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((lock as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
  });
});
