import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../src/lib/api';
import { accessProblem, tokenFromPaste } from '../src/lib/set-access';

describe('opening a private question set', () => {
  it('takes the token from a pasted share link, or the pasted token itself', () => {
    expect(tokenFromPaste('  abc-123 \n')).toBe('abc-123');
    expect(tokenFromPaste('http://quiz.local/sets/s1#token=a%2Fb%2Bc')).toBe('a/b+c');
    expect(tokenFromPaste('/sets/s1#other=1')).toBe('/sets/s1#other=1');
  });

  it('tells a missing token from a wrong one, and leaves the read-only demo sets and other errors alone', () => {
    const unauthorized = new ApiFailure(401, 'unauthorized', 'send its edit token');
    const forbidden = new ApiFailure(403, 'forbidden', 'this token does not open it');
    const readOnly = new ApiFailure(403, 'read_only', 'a bundled demo set');
    expect(accessProblem(unauthorized, false)).toBe('sets.needToken');
    expect(accessProblem(forbidden, true)).toBe('sets.wrongToken');
    expect(accessProblem(forbidden, false)).toBe('sets.needToken');
    expect(accessProblem(readOnly, true)).toBeNull();
    expect(accessProblem(new ApiFailure(404, 'not_found', 'no set'), true)).toBeNull();
    expect(accessProblem(new Error('offline'), true)).toBeNull();
  });
});
