import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, importTestSet } from './support/games.js';
import { testQuestionSet } from './support/question-set.fixture.js';
import { type RunningServer, removeDir, startServer } from './support/server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('a game the set cannot play', () => {
  it('answers 400 invalid_config with each problem in words and as data', async () => {
    const document = testQuestionSet();
    document.rounds.finale = [];
    const set = await importTestSet(server, document);
    const res = await server.request('/api/games', {
      method: 'POST',
      json: { questionSetId: set.id, config: { players: 2, threeSixNine: { questions: 40 } } },
      headers: bearer(set.editToken),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_config');
    const has = document.rounds.threeSixNine.length;
    expect(res.body.error.problems).toEqual([
      { code: 'too_few', field: 'threeSixNine', params: { round: 'threeSixNine', has, needs: 40, unit: 'questions' } },
      { code: 'too_few', field: 'finale', params: { round: 'finale', has: 0, needs: 1, unit: 'questions' } },
    ]);
    expect(res.body.error.details).toEqual([
      `3-6-9: the set has ${has} questions, the game needs 40`,
      'Final: the set has no questions, the game needs at least 1',
    ]);
    expect(res.body.error.message).toBe(res.body.error.details.join('; '));
  });
});
