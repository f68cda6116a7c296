/**
 * Tokens live only in this browser (localStorage): never in a URL's path or a page prop. The host
 * console may move to another device through `#token=` in the URL fragment, and so may the edit
 * token of a question set (`/sets/{id}#token=`).
 */
export interface HostSecret {
  token: string;
  code?: string;
  /** The question set the game was made with (a rematch of a private set sends its edit token). */
  setId?: string;
}

export interface PlayerSecret {
  playerId: string;
  token: string;
  name?: string;
}

const hostKey = (gameId: string) => `slimste:host:${gameId}`;
const playerKey = (gameId: string) => `slimste:player:${gameId}`;
/** One entry for all question sets: a map set id -> edit token. */
const setTokensKey = 'slimste:set-tokens';

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
/** A seat that no longer opens the game (the player was removed): this device forgets it. */
export const forgetPlayer = (gameId: string) => localStorage.removeItem(playerKey(gameId));

/** Every question set this browser may edit, by id. */
export const setTokens = (): Record<string, string> => read<Record<string, string>>(setTokensKey) ?? {};
export const loadSetToken = (setId: string): string | null => setTokens()[setId] ?? null;
export function saveSetToken(setId: string, token: string) {
  localStorage.setItem(setTokensKey, JSON.stringify({ ...setTokens(), [setId]: token }));
}
export function forgetSetToken(setId: string) {
  const { [setId]: _gone, ...rest } = setTokens();
  localStorage.setItem(setTokensKey, JSON.stringify(rest));
}

/** Takes `#name=...` values out of the address bar (so a shared link does not linger there). */
function takeFragment(location: Location): URLSearchParams {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (params.get('token')) history.replaceState(history.state, '', location.pathname + location.search);
  return params;
}

/**
 * A console link (`#token=...&code=...`): taken out of the address bar, but its key is not kept
 * yet. `secret` is what the page uses; `offered` is set when the link brings a key this browser
 * does not hold: the page keeps it (`saveHost`) once the server lets it in, so a link with a
 * wrong key never replaces one that works.
 */
export function takeHostLink(
  gameId: string,
  location: Location = window.location,
): { secret: HostSecret | null; offered: HostSecret | null; known: HostSecret | null } {
  const params = takeFragment(location);
  const known = loadHost(gameId);
  const token = params.get('token');
  if (!token) return { secret: known, offered: null, known };
  const code = params.get('code') ?? known?.code;
  const secret: HostSecret = { token, ...(code ? { code } : {}), ...(known?.setId ? { setId: known.setId } : {}) };
  if (known?.token !== token) return { secret, offered: secret, known };
  saveHost(gameId, secret); // the key it holds already: only the code may be new
  return { secret, offered: null, known };
}

/** The link that moves the host console to another device. */
export function hostTransferUrl(origin: string, gameId: string, secret: HostSecret): string {
  const fragment = new URLSearchParams({ token: secret.token, ...(secret.code ? { code: secret.code } : {}) });
  return `${origin}/host/${encodeURIComponent(gameId)}#${fragment}`;
}

/**
 * A shared set link's `#token=`: taken out of the address bar, not kept yet. `offered` is a token
 * this browser does not hold (the page keeps it once the server opens the set with it); `known`
 * is the one it holds.
 */
export function takeSetLink(
  setId: string,
  location: Location = window.location,
): { offered: string | null; known: string | null } {
  const token = takeFragment(location).get('token');
  const known = loadSetToken(setId);
  return { offered: token && token !== known ? token : null, known };
}

/** The link that lets another device (or person) edit a question set. */
export function setShareUrl(origin: string, setId: string, token: string): string {
  return `${origin}/sets/${encodeURIComponent(setId)}#${new URLSearchParams({ token })}`;
}

/**
 * Whether this device shares its camera and microphone in games' calls: asked by a button, never
 * on its own (at a quiz night in one room nobody wants the prompt), and remembered, so a reload
 * or the next game brings the picture back without asking again.
 */
const callMediaKey = 'slimste.call.media';
export const callMediaChosen = () => {
  try {
    return localStorage.getItem(callMediaKey) === 'on';
  } catch {
    return false;
  }
};
export function chooseCallMedia(on: boolean) {
  try {
    if (on) localStorage.setItem(callMediaKey, 'on');
    else localStorage.removeItem(callMediaKey);
  } catch {
    // Private mode without storage: the choice lasts this page only.
  }
}
