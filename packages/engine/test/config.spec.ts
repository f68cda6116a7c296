import { describe, expect, it } from 'vitest';
import { configProblems, createGame, describeConfigProblem, resolveConfig, validateConfig } from '../src/index.js';
import { makeSet } from './fixtures.js';

describe('game config', () => {
  it('defaults to the TV rules', () => {
    expect(resolveConfig()).toEqual({
      players: 3,
      startSeconds: 60,
      rounds: ['threeSixNine', 'openDoor', 'puzzle', 'gallery', 'collectiveMemory', 'finale'],
      threeSixNine: { questions: 15, bonusEvery: 3, bonusSeconds: 10 },
      openDoor: { questioners: 4, secondsPerAnswer: 20 },
      puzzle: { secondsPerLink: 30 },
      gallery: { secondsPerPhoto: 15 },
      collectiveMemory: { clips: 4, secondsStep: 10 },
      finale: { rule: 'leaderWins', secondsPerAnswer: 20 },
    });
    expect(validateConfig(resolveConfig(), makeSet())).toEqual([]);
  });

  it('keeps what is given and fills in the rest', () => {
    const config = resolveConfig({ players: 4, gallery: { secondsPerPhoto: 10 }, finale: { rule: 'topTwo' } });
    expect(config.players).toBe(4);
    expect(config.gallery).toEqual({ secondsPerPhoto: 10 });
    expect(config.finale).toEqual({ rule: 'topTwo', secondsPerAnswer: 20 });
    expect(config.openDoor).toEqual({ questioners: 4, secondsPerAnswer: 20 });
  });

  it('names every problem', () => {
    const set = makeSet({ threeSixNine: 12, puzzle: 2 });
    const problems = validateConfig(
      resolveConfig({ players: 5, startSeconds: 0, rounds: ['finale', 'puzzle', 'threeSixNine'] }),
      set,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'players: must be 2 to 4',
        'startSeconds: must be 1 to 3600',
        'rounds: the finale must be the last round',
        '3-6-9: the set has 12 questions, the game needs 15',
      ]),
    );
    expect(problems.some((p) => p.startsWith('Puzzle: the set has 2 puzzles, the game needs one per player (5)'))).toBe(
      true,
    );
    expect(() => createGame(set, resolveConfig({ players: 5 }), 1)).toThrow(/players/);
  });

  it('says each problem as data too, and counts in good English', () => {
    const set = makeSet({ threeSixNine: 1, finale: 0, gallery: 1 });
    const problems = configProblems(resolveConfig({ players: 2 }), set);
    expect(problems).toEqual([
      {
        code: 'too_few',
        field: 'threeSixNine',
        params: { round: 'threeSixNine', has: 1, needs: 15, unit: 'questions' },
      },
      { code: 'too_few', field: 'gallery', params: { round: 'gallery', has: 1, needs: 2, unit: 'galleries' } },
      { code: 'too_few', field: 'finale', params: { round: 'finale', has: 0, needs: 1, unit: 'questions' } },
    ]);
    expect(problems.map(describeConfigProblem)).toEqual([
      '3-6-9: the set has 1 question, the game needs 15',
      'Gallery: the set has 1 gallery, the game needs one per player (2)',
      'Final: the set has no questions, the game needs at least 1',
    ]);
    expect(configProblems(resolveConfig({ players: 7 }), makeSet())).toContainEqual({
      code: 'out_of_range',
      field: 'players',
      params: { min: 2, max: 4 },
    });
  });

  it('plays a 12-question 3-6-9 from a set of 12', () => {
    const set = makeSet({ threeSixNine: 12 });
    expect(validateConfig(resolveConfig({ threeSixNine: { questions: 12 } }), set)).toEqual([]);
  });
});
