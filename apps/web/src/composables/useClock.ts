import { computed, onScopeDispose, type Ref, ref, watch } from 'vue';
import type { PlayerView, RunningClock } from '../lib/types';
import { serverNow } from './useServerTime';

/** A player's ms at `now`: counted down from the running clock's timestamps, else as the state says. */
export function clockValue(
  player: Pick<PlayerView, 'id' | 'ms'>,
  clock: RunningClock | null,
  paused: boolean,
  now: number,
): number {
  if (!clock || paused || clock.playerId !== player.id) return player.ms;
  return Math.max(0, clock.msAtStart - (now - clock.startedAt));
}

/** Whole seconds as shown everywhere: rounded up, so 0 means really out of time. */
export function wholeSeconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/**
 * The server's time, refreshed every animation frame while `active` says a clock runs
 * (and left alone otherwise, so an idle page costs nothing).
 */
export function useFrameNow(active: () => boolean, now: () => number = serverNow): Ref<number> {
  const current = ref(now());
  let frame = 0;
  const loop = () => {
    current.value = now();
    frame = requestAnimationFrame(loop);
  };
  const stop = () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
  };
  watch(
    active,
    (on) => {
      current.value = now();
      if (on && !frame) frame = requestAnimationFrame(loop);
      if (!on) stop();
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return current;
}

/** A player's live clock: ms, whole seconds and whether it runs. */
export function usePlayerClock(
  source: () => { player: Pick<PlayerView, 'id' | 'ms'>; clock: RunningClock | null; paused: boolean },
  now?: () => number,
) {
  const running = computed(() => {
    const { player, clock, paused } = source();
    return !!clock && !paused && clock.playerId === player.id;
  });
  const frameNow = useFrameNow(() => running.value, now);
  const ms = computed(() => {
    const { player, clock, paused } = source();
    return clockValue(player, clock, paused, running.value ? frameNow.value : 0);
  });
  return { ms, seconds: computed(() => wholeSeconds(ms.value)), running };
}
