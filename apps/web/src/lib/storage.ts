/**
 * Tokens live only in this browser (localStorage, one entry per game): never in a URL's path or a
 * page prop. The host console may move to another device through `#token=` in the URL fragment.
 */
export interface HostSecret {
  token: string;
  code?: string;
  /** The question set the game was made from (lets the console look up question ids). */
  setId?: string;
}

export interface PlayerSecret {
  playerId: string;
  token: string;
  name?: string;
}

const hostKey = (gameId: string) => `slimste:host:${gameId}`;
const playerKey = (gameId: string) => `slimste:player:${gameId}`;

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export const saveHost = (gameId: string, secret: HostSecret) =>
  localStorage.setItem(hostKey(gameId), JSON.stringify(secret));
export const loadHost = (gameId: string) => read<HostSecret>(hostKey(gameId));
export const savePlayer = (gameId: string, secret: PlayerSecret) =>
  localStorage.setItem(playerKey(gameId), JSON.stringify(secret));
export const loadPlayer = (gameId: string) => read<PlayerSecret>(playerKey(gameId));

/** Takes `#token=...&code=...` from the address bar into storage, and out of the address bar. */
export function adoptHostFragment(gameId: string, location: Location = window.location): HostSecret | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token) {
    const known = loadHost(gameId);
    const code = params.get('code') ?? known?.code;
    const setId = params.get('set') ?? known?.setId;
    saveHost(gameId, { token, ...(code ? { code } : {}), ...(setId ? { setId } : {}) });
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return loadHost(gameId);
}

/** The link that moves the host console to another device. */
export function hostTransferUrl(origin: string, gameId: string, secret: HostSecret): string {
  const fragment = new URLSearchParams({
    token: secret.token,
    ...(secret.code ? { code: secret.code } : {}),
    ...(secret.setId ? { set: secret.setId } : {}),
  });
  return `${origin}/host/${encodeURIComponent(gameId)}#${fragment}`;
}
