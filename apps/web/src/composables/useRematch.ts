import { router } from '@inertiajs/vue3';
import { type Ref, ref, watch } from 'vue';
import { api } from '../lib/api';
import { loadHost, loadSetToken, saveHost, savePlayer } from '../lib/storage';
import type { GameView, RematchMessage } from '../lib/types';

export type RematchRole =
  | { role: 'host'; token: string; setId?: string }
  | { role: 'player'; token: string; name?: string }
  | { role: 'screen'; token: string }
  | { role: 'spectator' };

/** The games this page already left for their rematch: the console's own click and the socket's word make one move. */
const left = new Set<string>();

/**
 * Keeps this device's part of the rematch and moves the page to the new game, once per old game
 * (the console's click and the `rematch` message that follows it are the same move).
 */
export function goToRematch(message: RematchMessage, as: RematchRole): boolean {
  if (left.has(message.from)) return false;
  const url = followRematch(message, as);
  if (!url) return false;
  left.add(message.from);
  router.visit(url);
  return true;
}

/** Where this device goes when the game is followed by a rematch (and what it keeps for it). */
export function followRematch(message: RematchMessage, as: RematchRole): string | null {
  const id = encodeURIComponent(message.gameId);
  if (as.role === 'host') {
    if (!message.hostToken) return null;
    saveHost(message.gameId, {
      token: message.hostToken,
      code: message.code,
      ...(as.setId ? { setId: as.setId } : {}),
    });
    return `/host/${id}`;
  }
  if (as.role === 'player') {
    if (!message.playerId || !message.token) return null;
    savePlayer(message.gameId, {
      playerId: message.playerId,
      token: message.token,
      ...(as.name ? { name: as.name } : {}),
    });
    return `/play/${id}`;
  }
  // The screen keeps its own options (`?titles=…`) in the new game, and the TV link its faces (issue 11).
  const search = typeof location === 'undefined' ? '' : location.search;
  if (as.role === 'screen' && message.screenToken) {
    const fragment = new URLSearchParams({ code: message.code, screen: message.screenToken });
    return `/screen/${id}${search}#${fragment}`;
  }
  return `/tv/${encodeURIComponent(message.code)}${typeof location === 'undefined' ? '' : location.search}`;
}

/**
 * Follows this game into its rematch: at once when the socket hears of it (`rematch`), and when
 * the page finds the game over (on every join: a phone that was away asks the server). The new seat is kept
 * in this browser, then the page moves to the new game.
 */
export function useFollowRematch(
  gameId: string,
  rematch: Ref<RematchMessage | null> | null,
  view: Ref<GameView | null>,
  as: () => RematchRole | null,
) {
  const following = ref(false);
  const go = (message: RematchMessage | null) => {
    const who = as();
    if (!message || !who || following.value || message.from !== gameId) return;
    if (goToRematch(message, who)) following.value = true;
  };
  if (rematch) watch(rematch, go);
  // Asked again on every state of the finished game (each join and re-join sends one): a phone
  // whose socket was down when `rematch` went out learns of it when it is back.
  let asking = false;
  watch(
    view,
    (v) => {
      if (v?.phase !== 'finished' || asking || following.value) return;
      asking = true;
      const who = as();
      const token = who && who.role !== 'spectator' ? who.token : null;
      api
        .rematchSeat(gameId, token)
        .then(go)
        .catch(() => {}) // no rematch yet (204 is null), or the server is away: the socket will tell
        .finally(() => (asking = false));
    },
    { immediate: true },
  );
  return { following };
}

/** The host's part: start the rematch (one click), then move the console to the new game. */
export async function startRematch(gameId: string): Promise<RematchMessage> {
  const secret = loadHost(gameId);
  if (!secret) throw new Error('no host token for this game in this browser');
  const setToken = secret.setId ? loadSetToken(secret.setId) : null;
  return api.rematch(gameId, secret.token, setToken);
}
