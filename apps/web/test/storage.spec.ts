import { beforeEach, describe, expect, it } from 'vitest';
import {
  forgetSetToken,
  hostTransferUrl,
  loadHost,
  loadPlayer,
  loadSetToken,
  saveHost,
  savePlayer,
  saveSetToken,
  setShareUrl,
  setTokens,
  takeHostLink,
  takeSetLink,
} from '../src/lib/storage';

beforeEach(() => localStorage.clear());

describe('tokens in the browser', () => {
  it('moves the console to another device through the URL fragment, then clears it from the address bar', () => {
    const url = hostTransferUrl('http://quiz.local', 'g1', { token: 'secret-token', code: 'AB12' });
    expect(url).toBe('http://quiz.local/host/g1#token=secret-token&code=AB12');
    history.replaceState(null, '', '/host/g1#token=secret-token&code=AB12');
    // The link's key is offered, not kept: the console keeps it once the server lets it in.
    expect(takeHostLink('g1')).toEqual({
      secret: { token: 'secret-token', code: 'AB12' },
      offered: { token: 'secret-token', code: 'AB12' },
      known: null,
    });
    expect(location.hash).toBe('');
    expect(location.pathname).toBe('/host/g1');
    expect(loadHost('g1')).toBeNull();
    expect(loadHost('other')).toBeNull();
  });

  it('never lets a link replace the console key this browser holds before the server took it', () => {
    saveHost('g1', { token: 'good', code: 'AB12' });
    history.replaceState(null, '', '/host/g1#token=junk');
    expect(takeHostLink('g1')).toMatchObject({ secret: { token: 'junk' }, offered: { token: 'junk' } });
    expect(loadHost('g1')).toEqual({ token: 'good', code: 'AB12' });
    // The same key again is nothing to check (a new code is kept).
    history.replaceState(null, '', '/host/g1#token=good&code=CD34');
    expect(takeHostLink('g1')).toEqual({
      secret: { token: 'good', code: 'CD34' },
      offered: null,
      known: { token: 'good', code: 'AB12' },
    });
    expect(loadHost('g1')).toEqual({ token: 'good', code: 'CD34' });
    // No link: the key held.
    expect(takeHostLink('g1').secret).toEqual({ token: 'good', code: 'CD34' });
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
    expect(takeSetLink('s 3')).toEqual({ offered: 'a/b+c', known: null });
    expect(location.hash).toBe('');
    // Offered, not kept (the page keeps it once it opens the set).
    expect(loadSetToken('s 3')).toBeNull();
    // Without a fragment, or with the token held already: nothing offered.
    expect(takeSetLink('s2')).toEqual({ offered: null, known: 'edit-2' });
    history.replaceState(null, '', '/sets/s2#token=edit-2');
    expect(takeSetLink('s2')).toEqual({ offered: null, known: 'edit-2' });
  });
});
