import type { QuestionSet } from './types';

/** An API error with the server's code, message and (for 400s) the path-precise details. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: 'application/json' } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const error = data?.error ?? {};
    throw new ApiFailure(res.status, error.code ?? 'http_error', error.message ?? `${res.status}`, error.details ?? []);
  }
  return data as T;
}

export interface CreatedGame {
  id: string;
  code: string;
  hostToken: string;
}

export interface JoinedGame {
  gameId: string;
  playerId: string;
  token: string;
}

export interface SetSummary {
  id: string;
  title: string;
  language: string;
  builtin: boolean;
  updatedAt?: string;
}

export interface SetRecord extends SetSummary {
  document: QuestionSet;
}

export const QUESTION_SET_FORMAT = 'slimste.question-set';

/** The JSON document the server imports and exports (format + version around the set). */
export function toDocument(set: QuestionSet) {
  const { id, ...rest } = set;
  return { format: QUESTION_SET_FORMAT, version: 1, ...(id ? { id } : {}), ...rest };
}

export const api = {
  createGame: (body: { questionSetId?: string; config?: unknown }) => request<CreatedGame>('POST', '/api/games', body),
  joinGame: (code: string, name: string) =>
    request<JoinedGame>('POST', `/api/games/${encodeURIComponent(code)}/players`, { name }),
  listSets: () => request<SetSummary[]>('GET', '/api/question-sets'),
  getSet: (id: string) => request<SetRecord>('GET', `/api/question-sets/${encodeURIComponent(id)}`),
  createSet: (document: unknown) => request<SetRecord>('POST', '/api/question-sets', document),
  updateSet: (id: string, document: unknown) =>
    request<SetRecord>('PUT', `/api/question-sets/${encodeURIComponent(id)}`, document),
  deleteSet: (id: string) => request<null>('DELETE', `/api/question-sets/${encodeURIComponent(id)}`),
  exportUrl: (id: string) => `/api/question-sets/${encodeURIComponent(id)}/export`,
  /** Stores an image, sound or film; the server checks its type and size and answers with its URL. */
  uploadMedia: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ url: string; kind?: 'image' | 'audio' | 'video' }>('POST', '/api/media', form);
  },
};
