import { onScopeDispose, watch } from 'vue';

interface Sentinel {
  released: boolean;
  release(): Promise<void>;
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

  async function acquire() {
    if (!api || !wanted || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      sentinel = await api.request('screen');
      if (!wanted) void release();
    } catch {
      sentinel = null; // refused: try again on the next return to the page
    }
  }
  async function release() {
    const held = sentinel;
    sentinel = null;
    if (held && !held.released) await held.release().catch(() => {});
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
  return { held: () => !!sentinel && !sentinel.released };
}

function wakeLockApi(): WakeLockApi | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock;
}
