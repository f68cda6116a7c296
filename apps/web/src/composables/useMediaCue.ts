import { computed, type InjectionKey, inject, provide, type Ref } from 'vue';
import type { GameView } from '../lib/types';

/** The view's `mediaCue`, provided by a page that plays clips when the host says so (the screen). */
const MEDIA_CUE: InjectionKey<Ref<number>> = Symbol('slimste:media-cue');

export function provideMediaCue(view: Ref<GameView | null>): void {
  provide(
    MEDIA_CUE,
    computed(() => view.value?.mediaCue ?? 0),
  );
}

/** Null where no page provided a cue (console, phones): there the media never plays by itself. */
export function useMediaCue(): Ref<number> | null {
  return inject(MEDIA_CUE, null);
}
