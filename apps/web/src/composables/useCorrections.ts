import { type Ref, ref } from 'vue';
import type { GameEvent } from '../lib/types';

/** One seconds correction of the jury, as the console lists it. */
export interface Correction {
  /** The game version the correction made (unique per game). */
  version: number;
  playerId: string;
  delta: number;
  reason?: string;
  /** When this console heard of it (ms since epoch). */
  at: number;
  /** Taken back later by an opposite correction (whose version is `takenBackBy`). */
  takenBackBy?: number;
  /** This correction takes back the one of that version. */
  takesBack?: number;
  /** Undone with `undo`. */
  undone?: boolean;
}

const storageKey = (gameId: string) => `slimste:corrections:${gameId}`;

function load(gameId: string): Correction[] {
  try {
    const raw = localStorage.getItem(storageKey(gameId));
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? (list as Correction[]) : [];
  } catch {
    return [];
  }
}

/**
 * The jury's corrections of this game, from what each accepted action did: an action whose events
 * change seconds without finding an answer is a `seconds.adjust` (the finale's −20 comes with its
 * answer); an `undone` of a `seconds.adjust` marks the latest one still standing as undone. Kept in
 * this browser (`slimste:corrections:<gameId>`), so a reload of the console keeps the list.
 */
export function useCorrections(gameId: string, now: () => number = Date.now) {
  const list: Ref<Correction[]> = ref(load(gameId));
  /** A take-back sent for a correction, until its own correction arrives: version made -> version taken back. */
  const pendingLinks = new Map<number, number>();

  const save = () => {
    try {
      localStorage.setItem(storageKey(gameId), JSON.stringify(list.value));
    } catch {
      // storage full or off: the list still lives on this page
    }
  };

  function link(madeVersion: number, original: number) {
    const made = list.value.find((c) => c.version === madeVersion);
    const target = list.value.find((c) => c.version === original);
    if (!made || !target) return false;
    made.takesBack = original;
    target.takenBackBy = madeVersion;
    return true;
  }

  function heard(events: GameEvent[], version: number) {
    if (list.value.some((c) => c.version === version)) return;
    const changed = events.filter((e) => e.type === 'seconds.changed');
    const undone = events.find((e) => e.type === 'undone');
    if (undone?.type === 'undone' && undone.command === 'seconds.adjust') {
      const last = [...list.value].reverse().find((c) => !c.undone);
      if (last) {
        last.undone = true;
        const target = last.takesBack ? list.value.find((c) => c.version === last.takesBack) : undefined;
        if (target) delete target.takenBackBy;
      }
    } else if (changed.length && !events.some((e) => e.type === 'answer.found')) {
      for (const e of changed)
        if (e.type === 'seconds.changed')
          list.value.push({
            version,
            playerId: e.playerId,
            delta: e.delta,
            ...(e.reason ? { reason: e.reason } : {}),
            at: now(),
          });
      const original = pendingLinks.get(version);
      if (original !== undefined && link(version, original)) pendingLinks.delete(version);
    } else return;
    list.value = [...list.value];
    save();
  }

  /** A take-back was accepted as `version`: it takes back `original` (linked once both are known). */
  function tookBack(version: number, original: number) {
    if (link(version, original)) {
      list.value = [...list.value];
      save();
    } else pendingLinks.set(version, original);
  }

  return { list, heard, tookBack };
}
