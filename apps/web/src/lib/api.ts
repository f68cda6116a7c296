import type {
  ConfigProblem,
  CreatedGame,
  GameSummary,
  IceConfig,
  JoinAddress,
  JoinedGame,
  QuestionSetCounts,
  QuestionSetListItem,
  QuestionSetRecord,
  RematchSeat,
  ReplayPage,
  ScreenTokenReply,
} from '@slimste/protocol';
import type { QuestionSet } from './types';

/** An API error with the server's code, message and (for 400s) the path-precise details. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string[] = [],
    /** `invalid_config`: each problem as data, for the page to word in its language. */
    readonly problems: ConfigProblem[] = [],
  ) {
    super(message);
  }
}

/** A bearer token for the request: a question set's edit token (or the operator's). */
type Auth = string | null | undefined;

async function request<T>(method: string, url: string, body?: unknown, token?: Auth): Promise<T> {
  return (await requestWithHeaders<T>(method, url, body, token)).data;
}

/** The next page's address from a `Link: <…>; rel="next"` header, or null on the last page. */
const nextPage = (headers: Headers) => /<([^>]+)>;\s*rel="next"/.exec(headers.get('Link') ?? '')?.[1] ?? null;

/** The server's largest page (SET_LIST_PAGE_MAX in @slimste/protocol; only types come from there). */
const SET_LIST_PAGE_MAX = 500;
/** At most this many pages of sets are read (20 × 500): a list longer than that is cut there. */
const MAX_SET_PAGES = 20;

/** Every question set in the list, read a page at a time (the server pages it). */
async function listAllSets(): Promise<QuestionSetListItem[]> {
  const all: QuestionSetListItem[] = [];
  let url: string | null = `/api/question-sets?limit=${SET_LIST_PAGE_MAX}`;
  for (let page = 0; url && page < MAX_SET_PAGES; page++) {
    const { data, headers }: { data: QuestionSetListItem[]; headers: Headers } = await requestWithHeaders<
      QuestionSetListItem[]
    >('GET', url);
    all.push(...data);
    url = nextPage(headers);
  }
  return all;
}

async function requestWithHeaders<T>(
  method: string,
  url: string,
  body?: unknown,
  token?: Auth,
): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiFailure(0, 'network', 'the server cannot be reached');
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: the status says enough.
  }
  if (!res.ok) {
    const error =
      (data as { error?: { code?: string; message?: string; details?: string[]; problems?: ConfigProblem[] } } | null)
        ?.error ?? {};
    throw new ApiFailure(
      res.status,
      error.code ?? 'http_error',
      error.message ?? `${res.status}`,
      error.details ?? [],
      error.problems ?? [],
    );
  }
  return { data: data as T, headers: res.headers };
}

export type { CreatedGame, GameSummary, JoinAddress, JoinedGame, RematchSeat, ReplayPage } from '@slimste/protocol';
export type RoundCounts = QuestionSetCounts;

/** A set as the public list shows it: metadata only, never a question or an answer. */
export type SetSummary = QuestionSetListItem;

/** One set with its questions, for its owner (the document as the editor works on it). */
export type SetRecord = Omit<QuestionSetRecord, 'document'> & { document: QuestionSet };

/** What creating (importing) a set answers: the set, and the token that lets this browser edit it. */
export type CreatedSet = SetRecord & { editToken: string };

export const QUESTION_SET_FORMAT = 'slimste.question-set';

/** The JSON document the server imports and exports (format + version around the set). */
export function toDocument(set: QuestionSet) {
  const { id, ...rest } = set;
  return { format: QUESTION_SET_FORMAT, version: 1, ...(id ? { id } : {}), ...rest };
}

const setUrl = (id: string) => `/api/question-sets/${encodeURIComponent(id)}`;

export const api = {
  /** A private question set needs its edit token; the demo sets need none. */
  createGame: (body: { questionSetId?: string; config?: unknown }, token?: Auth) =>
    request<CreatedGame>('POST', '/api/games', body, token),
  /** A game's public summary by id or join code: whether a code exists, its phase and language. */
  gameSummary: (idOrCode: string) => request<GameSummary>('GET', `/api/games/${encodeURIComponent(idOrCode)}`),
  joinGame: (code: string, name: string) =>
    request<JoinedGame>('POST', `/api/games/${encodeURIComponent(code)}/players`, { name }),
  /** Play again (host): a new game with the same players; `questionSetToken` for a private set. */
  rematch: (gameId: string, hostToken: string, questionSetToken?: string | null) =>
    request<RematchSeat>(
      'POST',
      `/api/games/${encodeURIComponent(gameId)}/rematch`,
      questionSetToken ? { questionSetToken } : {},
      hostToken,
    ),
  /** The game that followed this one, with the caller's own seat in it (host or player token); null: none yet. */
  rematchSeat: (gameId: string, token?: string | null) =>
    request<RematchSeat | null>('GET', `/api/games/${encodeURIComponent(gameId)}/rematch`, undefined, token),
  /** The screen's states of a game, `count` versions from `from` (host token). */
  replay: (gameId: string, hostToken: string, from: number, count: number) =>
    request<ReplayPage>(
      'GET',
      `/api/games/${encodeURIComponent(gameId)}/replay?from=${from}&count=${count}`,
      undefined,
      hostToken,
    ),
  /** The TV link's screen token (host token): the spectator's view plus the faces of the call. */
  screenToken: (gameId: string, hostToken: string) =>
    request<ScreenTokenReply>('POST', `/api/games/${encodeURIComponent(gameId)}/screen`, {}, hostToken),
  /** The STUN/TURN servers of the game's call (host, player or screen token). */
  iceConfig: (gameId: string, token: string) =>
    request<IceConfig>('GET', `/api/games/${encodeURIComponent(gameId)}/ice`, undefined, token),
  /** The address phones should open to join (PUBLIC_URL, or this machine's on the network). */
  joinAddress: () => request<JoinAddress>('GET', '/api/join-address'),
  listSets: () => listAllSets(),
  getSet: (id: string, token: Auth) => request<SetRecord>('GET', setUrl(id), undefined, token),
  createSet: (document: unknown) => request<CreatedSet>('POST', '/api/question-sets', document),
  updateSet: (id: string, document: unknown, token: Auth) => request<SetRecord>('PUT', setUrl(id), document, token),
  deleteSet: (id: string, token: Auth) => request<null>('DELETE', setUrl(id), undefined, token),
  exportSet: (id: string, token: Auth) => request<unknown>('GET', `${setUrl(id)}/export`, undefined, token),
  /** Stores an image, sound or film; the server checks its type and size and answers with its URL. */
  uploadMedia: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ url: string; kind?: 'image' | 'audio' | 'video' }>('POST', '/api/media', form);
  },
};

/** Offers a JSON value as a file download. */
export function downloadJson(value: unknown, filename: string) {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Downloads a file that needs a bearer token (a plain link cannot send one): fetched, then offered
 * under the name the server gives in `Content-Disposition` (else `fallbackName`).
 */
export async function downloadWithToken(url: string, token: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiFailure(0, 'network', 'the server cannot be reached');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiFailure(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `${res.status}`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
