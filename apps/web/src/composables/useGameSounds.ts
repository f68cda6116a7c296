import { type Ref, watch } from 'vue';
import type { RoundView, StateMessage } from '../lib/types';
import { clockValue, useFrameNow, wholeSeconds } from './useClock';
import { sounds } from './useSounds';

/** How many answers of the round in play are found (for the "correct" sound). */
export function foundCount(round: RoundView | null): number {
  if (!round) return 0;
  switch (round.kind) {
    case 'threeSixNine':
      return round.correctBy ? 1 : 0;
    case 'finale':
      return round.answers.filter((a) => a.found).length;
    case 'openDoor':
      return round.turn?.answers.filter((a) => a.found).length ?? 0;
    case 'puzzle':
      return round.turn?.links.filter((a) => a.found).length ?? 0;
    case 'gallery':
      return round.turn?.photos.filter((a) => a.found).length ?? 0;
    case 'collectiveMemory':
      return round.turn?.keywords.filter((a) => a.found).length ?? 0;
  }
}

/** Plays tick / correct / time-up from what changes in the state and on the running clock. */
export function useGameSounds(state: Ref<StateMessage | null>) {
  watch(
    () => [state.value?.roundIndex, foundCount(state.value?.round ?? null)] as const,
    ([round, found], [prevRound, prevFound]) => {
      if (round === prevRound && found > (prevFound ?? 0)) sounds.correct();
    },
  );
  const running = () => !!state.value?.clock && !state.value.paused;
  const now = useFrameNow(running);
  watch(
    () => {
      const s = state.value;
      if (!s?.clock || s.paused) return null;
      const player = s.players.find((p) => p.id === s.clock!.playerId);
      return player ? wholeSeconds(clockValue(player, s.clock, s.paused, now.value)) : null;
    },
    (seconds, previous) => {
      if (seconds === null || previous === null || seconds === previous) return;
      if (seconds === 0) sounds.timeUp();
      else if (seconds <= 10) sounds.tick();
    },
  );
}
