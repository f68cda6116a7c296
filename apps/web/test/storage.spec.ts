import { beforeEach, describe, expect, it } from 'vitest';
import {
  adoptHostFragment,
  adoptSetFragment,
  forgetSetToken,
  hostTransferUrl,
  loadHost,
  loadPlayer,
  loadSetToken,
  savePlayer,
  saveSetToken,
  setShareUrl,
  setTokens,
} from '../src/lib/storage';

beforeEach(() => localStorage.clear());

describe('tokens in the browser', () => {
  it('moves the console to another device through the URL fragment, then clears it from the address bar', () => {
    const url = hostTransferUrl('http://quiz.local', 'g1', { token: 'secret-token', code: 'AB12' });
    expect(url).toBe('http://quiz.local/host/g1#token=secret-token&code=AB12');
    history.replaceState(null, '', '/host/g1#token=secret-token&code=AB12');
    expect(adoptHostFragment('g1')).toEqual({ token: 'secret-token', code: 'AB12' });
    expect(location.hash).toBe('');
    expect(location.pathname).toBe('/host/g1');
    expect(loadHost('g1')?.token).toBe('secret-token');
    expect(loadHost('other')).toBeNull();
  });

  it('keeps one player seat per game', () => {
    savePlayer('g1', { playerId: 'p1', token: 't1' });
    savePlayer('g2', { playerId: 'p9', token: 't9' });
    expect(loadPlayer('g1')).toEqual({ playerId: 'p1', token: 't1' });
    expect(loadPlayer('g2')?.playerId).toBe('p9');
  });

  it('keeps the edit token of each question set, and takes a shared one from the link', () => {
    saveSetToken('s1', 'edit-1');
    saveSetToken('s2', 'edit-2');
    forgetSetToken('s1');
    expect(setTokens()).toEqual({ s2: 'edit-2' });
    expect(loadSetToken('s1')).toBeNull();

    const url = setShareUrl('http://quiz.local', 's 3', 'a/b+c');
    expect(url).toBe('http://quiz.local/sets/s%203#token=a%2Fb%2Bc');
    history.replaceState(null, '', '/sets/s%203#token=a%2Fb%2Bc');
    expect(adoptSetFragment('s 3')).toBe('a/b+c');
    expect(location.hash).toBe('');
    expect(loadSetToken('s 3')).toBe('a/b+c');
    // Without a fragment it answers what is stored.
    expect(adoptSetFragment('s2')).toBe('edit-2');
  });
});
