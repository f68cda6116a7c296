import { DEFAULT_CONFIG } from '@slimste/engine';
import { describe, expect, it } from 'vitest';
import { gameConfigInputSchema } from '../src/config.js';
import { demoSets } from '../src/demo-sets.js';
import { announcementBodySchema, countQuestions, createGameBodySchema, joinBodySchema } from '../src/http.js';
import { formatIssues } from '../src/issues.js';
import { toQuestionSetDocument } from '../src/question-set.js';

const errors = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : formatIssues(result.error as Parameters<typeof formatIssues>[0]);
};

describe('gameConfigInputSchema', () => {
  it('accepts nothing, a partial config and the full default config', () => {
    expect(gameConfigInputSchema.parse({})).toEqual({});
    expect(gameConfigInputSchema.parse({ players: 4, finale: { rule: 'topTwo' } })).toEqual({
      players: 4,
      finale: { rule: 'topTwo' },
    });
    expect(gameConfigInputSchema.parse(DEFAULT_CONFIG)).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    [{ players: 5 }, 'players: must be 2 to 4'],
    [{ players: 2.5 }, 'players: must be a whole number'],
    [{ startSeconds: 0 }, 'startSeconds: must be 1 to 3600'],
    [{ rounds: ['puzzle'] }, 'rounds: the finale must be the last round'],
    [{ rounds: ['puzzle', 'puzzle', 'finale'] }, 'rounds: a round may appear only once'],
    [{ rounds: ['quiz', 'finale'] }, 'rounds[0]: expected'],
    [{ rounds: [] }, 'rounds: needs at least the finale'],
    [{ finale: { rule: 'suddenDeath' } }, 'finale.rule: must be "leaderWins" or "topTwo"'],
    [{ gallery: { secondsPerPhoto: 601 } }, 'gallery.secondsPerPhoto: must be 0 to 600'],
    [{ puzzle: { secondsPerLink: 30, bonus: 1 } }, 'puzzle: unknown field "bonus"'],
    [{ cheat: true }, '(document): unknown field "cheat"'],
  ])('rejects %j', (input, message) => {
    expect(errors(gameConfigInputSchema, input).join('\n')).toContain(message);
  });
});

describe('createGameBodySchema', () => {
  it('accepts an empty body, a set id and a config', () => {
    expect(createGameBodySchema.parse({})).toEqual({});
    expect(createGameBodySchema.parse({ questionSetId: 'demo-en', config: { players: 2 } })).toEqual({
      questionSetId: 'demo-en',
      config: { players: 2 },
    });
  });

  it('is strict and checks the config', () => {
    expect(errors(createGameBodySchema, { set: 'x' })).toEqual(['(document): unknown field "set"']);
    expect(errors(createGameBodySchema, { config: { players: 9 } })).toEqual(['config.players: must be 2 to 4']);
  });
});

describe('joinBodySchema', () => {
  it('trims the name and counts an emoji as one character', () => {
    expect(joinBodySchema.parse({ name: '  Jan  ' })).toEqual({ name: 'Jan' });
    expect(joinBodySchema.parse({ name: '🦊'.repeat(24) }).name).toBe('🦊'.repeat(24));
  });

  it.each([
    [{}, 'name: required'],
    [{ name: '' }, 'name: must not be empty'],
    [{ name: '    ' }, 'name: must not be empty'],
    [{ name: 'x'.repeat(25) }, 'name: at most 24 characters, got 25'],
    [{ name: 'a\nb' }, 'name: must not contain control characters'],
    [{ name: 'evil\u202Eeman' }, 'name: must not contain control characters'],
    [{ name: 7 }, 'name: expected string, received number'],
  ])('rejects %j', (input, message) => {
    expect(errors(joinBodySchema, input)).toEqual([message]);
  });
});

describe('announcementBodySchema', () => {
  it('accepts 1..500 characters, line breaks included', () => {
    expect(announcementBodySchema.parse({ message: ' The bar closes\nin 10 minutes ' })).toEqual({
      message: 'The bar closes\nin 10 minutes',
    });
  });

  it('rejects empty and overlong messages', () => {
    expect(errors(announcementBodySchema, { message: '' })).toEqual(['message: must not be empty']);
    expect(errors(announcementBodySchema, { message: 'm'.repeat(501) })).toEqual([
      'message: at most 500 characters, got 501',
    ]);
  });
});

describe('countQuestions', () => {
  it('counts each round of a stored set and of its file document alike', () => {
    const set = demoSets.find((s) => s.id === 'demo-nl')!;
    const counts = countQuestions(set);
    expect(counts).toEqual({
      threeSixNine: set.rounds.threeSixNine.length,
      openDoor: set.rounds.openDoor.length,
      puzzle: set.rounds.puzzle.length,
      gallery: set.rounds.gallery.length,
      collectiveMemory: set.rounds.collectiveMemory.length,
      finale: set.rounds.finale.length,
    });
    expect(counts.threeSixNine).toBeGreaterThan(0);
    expect(countQuestions(toQuestionSetDocument(set))).toEqual(counts);
  });

  it('counts an empty round as 0', () => {
    const rounds = { threeSixNine: [1, 2], openDoor: [], puzzle: [], gallery: [], collectiveMemory: [], finale: [3] };
    expect(countQuestions({ rounds })).toEqual({
      threeSixNine: 2,
      openDoor: 0,
      puzzle: 0,
      gallery: 0,
      collectiveMemory: 0,
      finale: 1,
    });
  });
});
