import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useWakeLock } from '../src/composables/useWakeLock';

/** The browser's Screen Wake Lock as far as the page sees it: it grants locks and drops them when hidden. */
function browserLock() {
  const granted: { released: boolean; release(): Promise<void>; drop(): void }[] = [];
  return {
    granted,
    api: {
      request: async () => {
        const listeners: (() => void)[] = [];
        const sentinel = {
          released: false,
          release: async () => {
            sentinel.released = true;
          },
          addEventListener: (_: 'release', fn: () => void) => listeners.push(fn),
          drop: () => {
            sentinel.released = true;
            for (const fn of listeners) fn();
          },
        };
        granted.push(sentinel);
        return sentinel;
      },
    },
  };
}
const flush = async () => {
  for (let i = 0; i < 3; i++) await nextTick();
};

describe('the phone stays awake', () => {
  it('holds the lock while the game is on, asks again when the page is shown again, lets go after', async () => {
    const lock = browserLock();
    const on = ref(true);
    const scope = effectScope();
    const { held } = scope.run(() => useWakeLock(() => on.value, lock.api))!;
    await flush();
    expect(lock.granted).toHaveLength(1);
    expect(held.value).toBe(true);
    // Hidden, the browser drops it; shown again, the page asks for a new one.
    lock.granted[0]!.drop();
    expect(held.value).toBe(false);
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(lock.granted).toHaveLength(2);
    expect(held.value).toBe(true);
    on.value = false;
    await flush();
    expect(lock.granted[1]!.released).toBe(true);
    expect(held.value).toBe(false);
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(lock.granted).toHaveLength(2);
    scope.stop();
  });
});
