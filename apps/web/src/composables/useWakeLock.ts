import { onScopeDispose, ref, watch } from 'vue';

interface Sentinel {
  released: boolean;
  release(): Promise<void>;
  addEventListener?(type: 'release', listener: () => void): void;
}
interface WakeLockApi {
  request(type: 'screen'): Promise<Sentinel>;
}

/**
 * Keeps the screen on while `active()` says so (a phone during a game), with the Screen Wake Lock
 * API. The browser drops the lock whenever the page is hidden: it is asked for again each time
 * the page comes back. Where the API is missing or refuses (no user gesture yet, low battery)
 * the phone simply sleeps as it would.
 */
export function useWakeLock(active: () => boolean, api: WakeLockApi | undefined = wakeLockApi()) {
  let sentinel: Sentinel | null = null;
  let wanted = false;
  /** Whether the screen is held awake now (the page shows it as `data-awake`, for the tests). */
  const held = ref(false);

  async function acquire() {
    if (!api || !wanted || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      const got = await api.request('screen');
      sentinel = got;
      held.value = true;
      // The browser lets go by itself when the page is hidden: asked for again on return.
      got.addEventListener?.('release', () => {
        if (sentinel === got) held.value = false;
      });
      if (!wanted) void release();
    } catch {
      sentinel = null; // refused: try again on the next return to the page
    }
  }
  async function release() {
    const current = sentinel;
    sentinel = null;
    held.value = false;
    if (current && !current.released) await current.release().catch(() => {});
  }
  const onVisibility = () => {
    if (document.visibilityState === 'visible') void acquire();
  };

  if (api) document.addEventListener('visibilitychange', onVisibility);
  // A page nobody has touched may be refused: the first touch tries again.
  const onTouch = () => void acquire();
  if (api) document.addEventListener('pointerdown', onTouch);
  watch(
    active,
    (on) => {
      wanted = on;
      if (on) void acquire();
      else void release();
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    wanted = false;
    document.removeEventListener('visibilitychange', onVisibility);
    document.removeEventListener('pointerdown', onTouch);
    void release();
  });
  return { held };
}

function wakeLockApi(): WakeLockApi | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock;
}
