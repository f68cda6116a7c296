import { describe, expect, it } from 'vitest';
import { createGame, resolveConfig, validateConfig } from '../src/index.js';
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
        'threeSixNine: the set has 12 questions, the game needs 15',
      ]),
    );
    expect(problems.some((p) => p.startsWith('puzzle:'))).toBe(true);
    expect(() => createGame(set, resolveConfig({ players: 5 }), 1)).toThrow(/players/);
  });

  it('plays a 12-question 3-6-9 from a set of 12', () => {
    const set = makeSet({ threeSixNine: 12 });
    expect(validateConfig(resolveConfig({ threeSixNine: { questions: 12 } }), set)).toEqual([]);
  });
});
