import { beforeEach, describe, expect, it } from 'vitest';
import { adoptHostFragment, hostTransferUrl, loadHost, loadPlayer, savePlayer } from '../src/lib/storage';

beforeEach(() => localStorage.clear());

describe('tokens in the browser', () => {
  it('moves the console to another device through the URL fragment, then clears it from the address bar', () => {
    const url = hostTransferUrl('http://quiz.local', 'g1', { token: 'secret-token', code: 'AB12', setId: 'demo-en' });
    expect(url).toBe('http://quiz.local/host/g1#token=secret-token&code=AB12&set=demo-en');
    history.replaceState(null, '', '/host/g1#token=secret-token&code=AB12&set=demo-en');
    expect(adoptHostFragment('g1')).toEqual({ token: 'secret-token', code: 'AB12', setId: 'demo-en' });
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
});
