import { ApiFailure, api, type SetRecord } from './api';
import type { MessageKey } from './messages';
import { loadSetToken, saveSetToken } from './storage';

/** A pasted edit token, or a share link (`.../sets/{id}#token=...`) whose fragment carries one. */
export function tokenFromPaste(text: string): string {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  if (hash >= 0) {
    const token = new URLSearchParams(trimmed.slice(hash + 1)).get('token');
    if (token) return token;
  }
  return trimmed;
}

/** Opens a set with a token (or the one kept for it); a token that works is kept for next time. */
export async function openSet(setId: string, token: string | null = loadSetToken(setId)): Promise<SetRecord> {
  const record = await api.getSet(setId, token);
  if (token && !record.builtIn) saveSetToken(setId, token);
  return record;
}

/** What to tell the user when the server refused a set: no token (401) or a token that does not fit (403). */
export function accessProblem(error: unknown, hadToken: boolean): MessageKey | null {
  if (!(error instanceof ApiFailure)) return null;
  if (error.status === 401) return 'sets.needToken';
  if (error.status === 403 && error.code !== 'read_only') return hadToken ? 'sets.wrongToken' : 'sets.needToken';
  return null;
}
