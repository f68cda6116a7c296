import { beforeEach, describe, expect, it } from 'vitest';
import { useCorrections } from '../src/composables/useCorrections';
import { setLocale } from '../src/composables/useI18n';
import { configProblemText, errorLines, errorText } from '../src/lib/error-text';
import { humanDetail, humanPath } from '../src/lib/set-errors';
import { shortfalls } from '../src/lib/set-readiness';
import type { ConfigProblem, GameConfig } from '../src/lib/types';

beforeEach(() => {
  localStorage.clear();
  setLocale('en');
});

const tooFew = (round: string, has: number, needs: number, unit: string): ConfigProblem => ({
  code: 'too_few',
  field: round,
  params: { round, has, needs, unit },
});

describe('errors in the page’s language, by code', () => {
  it('words the server’s codes in Dutch and English, never its English message', () => {
    const started = { code: 'already_started', message: 'the game has already started' };
    expect(errorText(started)).toBe('The game has already started.');
    setLocale('nl');
    expect(errorText(started)).toBe('Het spel is al begonnen.');
    expect(errorText({ code: 'no_such_code_yet', message: 'x' })).toBe('Er liep iets mis (no_such_code_yet).');
  });

  it('names rounds as people know them, with good plurals', () => {
    expect(configProblemText(tooFew('threeSixNine', 1, 15, 'questions'))).toBe(
      '3-6-9: the set has 1 question, the game needs 15',
    );
    expect(configProblemText(tooFew('gallery', 2, 3, 'galleries'))).toBe(
      'Gallery: the set has 2 galleries, the game needs one per player (3)',
    );
    setLocale('nl');
    expect(configProblemText(tooFew('threeSixNine', 1, 15, 'questions'))).toBe(
      '3-6-9: de set heeft 1 vraag, het spel heeft er 15 nodig',
    );
    expect(configProblemText(tooFew('finale', 0, 1, 'questions'))).toBe(
      'Finale: de set heeft er geen, het spel heeft er 1 nodig',
    );
    expect(
      configProblemText({ code: 'out_of_range', field: 'openDoor.secondsPerAnswer', params: { min: 0, max: 600 } }),
    ).toBe('Open Deur: seconden per antwoord: moet 0 tot 600 zijn');
    expect(errorLines({ code: 'invalid_config', problems: [tooFew('collectiveMemory', 3, 4, 'clips')] })).toEqual([
      'Collectief Geheugen: de set heeft 3 fragmenten, het spel heeft er 4 nodig',
    ]);
  });
});

describe('import and validation messages', () => {
  it('reads a path as a person would', () => {
    expect(humanPath('rounds.puzzle[1].links[2].clues')).toBe('Puzzle 2, link 3, clues');
    expect(humanPath('(document)')).toBe('the file');
    expect(humanDetail('rounds.openDoor[0].answers[3].text: must not be empty')).toBe(
      'Open Door 1, answer 4, text: must not be empty',
    );
    setLocale('nl');
    expect(humanPath('rounds.gallery[0].photos[9]')).toBe('Galerij 1, foto 10');
    expect(humanPath('title')).toBe('titel');
  });

  it('says what a set lacks for the default game, the finale above all', () => {
    const defaults = {
      players: 3,
      rounds: ['threeSixNine', 'openDoor', 'puzzle', 'gallery', 'collectiveMemory', 'finale'],
      threeSixNine: { questions: 15 },
      openDoor: { questioners: 4 },
      collectiveMemory: { clips: 4 },
    } as GameConfig;
    const counts = { threeSixNine: 15, openDoor: 4, puzzle: 3, gallery: 2, collectiveMemory: 4, finale: 0 };
    expect(shortfalls(counts, defaults)).toEqual([
      { round: 'gallery', has: 2, needs: 3 },
      { round: 'finale', has: 0, needs: 1 },
    ]);
    expect(shortfalls({ ...counts, gallery: 0 }, { ...defaults, rounds: ['finale'] })).toEqual([
      { round: 'finale', has: 0, needs: 1 },
    ]);
  });
});

describe('the corrections log', () => {
  it('lists corrections (not the finale’s −20), marks an undone one, and survives a reload', () => {
    let clock = 1000;
    const log = useCorrections('g1', () => clock++);
    log.heard([{ type: 'seconds.changed', playerId: 'p1', delta: 7, reason: 'jury' }], 5);
    log.heard(
      [
        { type: 'answer.found', answerId: 'a', playerId: 'p2', seconds: 20 },
        { type: 'seconds.changed', playerId: 'p3', delta: -20 },
      ],
      6,
    );
    log.heard([{ type: 'seconds.changed', playerId: 'p2', delta: -3 }], 7);
    log.heard([{ type: 'seconds.changed', playerId: 'p2', delta: -3 }], 7); // the same version again
    expect(log.list.value.map((c) => [c.version, c.playerId, c.delta, c.reason])).toEqual([
      [5, 'p1', 7, 'jury'],
      [7, 'p2', -3, undefined],
    ]);
    log.heard([{ type: 'undone', command: 'seconds.adjust' }], 8);
    expect(log.list.value.map((c) => !!c.undone)).toEqual([false, true]);
    // A take-back links both ways, whichever arrives first.
    log.tookBack(9, 5);
    log.heard([{ type: 'seconds.changed', playerId: 'p1', delta: -7, reason: 'takes back +7 s' }], 9);
    const again = useCorrections('g1');
    expect(again.list.value.map((c) => [c.version, c.takesBack, c.takenBackBy, !!c.undone])).toEqual([
      [5, undefined, 9, false],
      [7, undefined, undefined, true],
      [9, 5, undefined, false],
    ]);
    // Undoing the take-back stands the original up again.
    again.heard([{ type: 'undone', command: 'seconds.adjust' }], 10);
    expect(again.list.value[0]!.takenBackBy).toBeUndefined();
    expect(useCorrections('other').list.value).toEqual([]);
  });
});
