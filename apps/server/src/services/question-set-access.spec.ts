import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import { hashToken } from '../repositories/token.repository.js';
import { QuestionSetAccess } from './question-set-access.js';

const access = (adminToken: string | null) => new QuestionSetAccess({ adminToken } as AppConfig);
const status = (fn: () => void): number => {
  try {
    fn();
    return 200;
  } catch (error) {
    return (error as { getStatus(): number }).getStatus();
  }
};

describe('QuestionSetAccess', () => {
  const set = { id: 's1', editTokenHash: hashToken('edit-token'), builtIn: false };

  it('opens a set with its edit token or the admin token only', () => {
    const a = access('admin');
    expect(status(() => a.requireOwner(set, 'Bearer edit-token'))).toBe(200);
    expect(status(() => a.requireOwner(set, 'bearer   edit-token  '))).toBe(200);
    expect(status(() => a.requireOwner(set, 'Bearer admin'))).toBe(200);
    expect(status(() => a.requireOwner(set, undefined))).toBe(401);
    expect(status(() => a.requireOwner(set, 'edit-token'))).toBe(401);
    expect(status(() => a.requireOwner(set, 'Bearer edit-toke'))).toBe(403);
    // The hash itself is no key.
    expect(status(() => a.requireOwner(set, `Bearer ${set.editTokenHash}`))).toBe(403);
  });

  it('without ADMIN_TOKEN nothing is a master key, not even an empty one', () => {
    const a = access(null);
    expect(status(() => a.requireOwner(set, 'Bearer admin'))).toBe(403);
    expect(status(() => a.requireOwner(set, 'Bearer edit-token'))).toBe(200);
  });

  it('a set without an edit token (older than edit tokens) opens with the admin token only', () => {
    const legacy = { id: 'old', editTokenHash: null, builtIn: false };
    expect(status(() => access('admin').requireOwner(legacy, 'Bearer anything'))).toBe(403);
    expect(status(() => access('admin').requireOwner(legacy, 'Bearer admin'))).toBe(200);
  });

  it('lets anyone read a demo set, but not change it through requireOwner', () => {
    const demo = { id: 'demo-nl', editTokenHash: null, builtIn: true };
    expect(status(() => access('admin').requireReader(demo, undefined))).toBe(200);
    expect(status(() => access('admin').requireReader(set, undefined))).toBe(401);
    expect(status(() => access('admin').requireOwner(demo, 'Bearer whatever'))).toBe(403);
  });
});
