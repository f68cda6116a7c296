import { describe, expect, it } from 'vitest';
import { ByteLruCache } from './byte-lru-cache.js';

describe('ByteLruCache', () => {
  it('evicts the least recently used entries once past its byte budget', () => {
    const cache = new ByteLruCache<string, string>(10, (v) => v.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect(cache.get('a')).toBe('aaaa'); // a is now the most recent
    cache.set('c', 'cccc'); // 12 bytes: b goes
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBe('aaaa');
    expect(cache.bytes).toBe(8);
    // One entry larger than the budget stays (it was just asked for), alone.
    cache.set('big', 'x'.repeat(20));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(20);
    cache.delete('big');
    expect(cache.bytes).toBe(0);
  });

  it('counts an entry once when it is set again', () => {
    const cache = new ByteLruCache<string, string>(100, (v) => v.length);
    cache.set('a', 'aaaa');
    cache.set('a', 'aa');
    expect(cache.bytes).toBe(2);
    expect(cache.size).toBe(1);
  });
});
