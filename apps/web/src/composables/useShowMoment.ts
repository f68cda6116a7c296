import { computed, onScopeDispose, type Ref, ref, watch } from 'vue';
import { cardFor, type ShowCard } from '../lib/show';
import type { GameView } from '../lib/types';

export interface ShowTiming {
  /**
   * How long a round's title card (or the finale's line-up) stays before the board comes;
   * `Infinity`: until the round begins (the host paces the show).
   */
  titleMs: number;
  /** How long the revealed answers of a round's last turn stay before the standings come. */
  standingsAfterMs: number;
}

export const SHOW_TIMING: ShowTiming = { titleMs: 7000, standingsAfterMs: 3000 };

/**
 * The screen's own pace, from its address: `?titles=12` keeps title cards 12 s, `?titles=hold` until
 * the round begins. Anything else: the default.
 */
export function timingFrom(search: string): ShowTiming {
  const titles = new URLSearchParams(search).get('titles');
  if (titles === 'hold') return { ...SHOW_TIMING, titleMs: Number.POSITIVE_INFINITY };
  const seconds = Number(titles);
  return titles && Number.isFinite(seconds) && seconds >= 0 && seconds <= 600
    ? { ...SHOW_TIMING, titleMs: seconds * 1000 }
    : SHOW_TIMING;
}

/**
 * Which card the TV shows now: what the state calls for (`cardFor`), timed. A round's title card
 * comes when the round opens and goes after `titleMs` (or as soon as its first go starts); the
 * standings come `standingsAfterMs` after the round's end, so the last answers are seen first, and
 * stay until the next round opens; the winner stays. A clip played by the host ends the title card.
 */
export function useShowMoment(view: Ref<GameView | null>, timing: ShowTiming = SHOW_TIMING): Ref<ShowCard | null> {
  const wanted = computed(() => (view.value ? cardFor(view.value) : null));
  /** One card per round: a new round (or another card) starts its time again. */
  const key = computed(() => (wanted.value ? `${wanted.value}:${view.value?.roundIndex}` : null));
  /** Whether the wanted card's time is up (title: gone; standings: due). */
  const elapsed = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  watch(
    key,
    (k) => {
      clear();
      const card = wanted.value;
      const ms =
        card === 'title' || card === 'lineup' ? timing.titleMs : card === 'standings' ? timing.standingsAfterMs : 0;
      elapsed.value = !k || ms <= 0;
      // Held (Infinity): no timer at all (a browser would run an infinite timeout at once).
      if (!elapsed.value && Number.isFinite(ms))
        timer = setTimeout(() => {
          timer = null;
          elapsed.value = true;
        }, ms);
    },
    { immediate: true },
  );
  // The host plays the question's clip (C): the title card makes way for it at once.
  watch(
    () => view.value?.mediaCue ?? 0,
    (now, before) => {
      const card = wanted.value;
      if (now > before && (card === 'title' || card === 'lineup')) {
        clear();
        elapsed.value = true;
      }
    },
  );
  onScopeDispose(clear);

  return computed(() => {
    const card = wanted.value;
    if (card === 'title' || card === 'lineup') return elapsed.value ? null : card;
    if (card === 'standings') return elapsed.value ? card : null;
    return card;
  });
}
