import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createGame, DEFAULT_CONFIG, type QuestionSet, resolveConfig, validateConfig } from '@slimste/engine';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_SET_ID, demoSets } from '../src/demo-sets.js';
import { DEMO_MEDIA_DIR } from '../src/media.js';
import { parseQuestionSet, toQuestionSetDocument } from '../src/question-set.js';
import { svgProblems } from './svg.js';

/** Every picture a set refers to (gallery photos and image media). */
function mediaUrls(set: QuestionSet): string[] {
  const r = set.rounds;
  return [
    ...r.gallery.flatMap((g) => g.photos.map((p) => p.image)),
    ...playedMedia(set)
      .filter((m) => m.kind === 'image')
      .map((m) => m.url),
  ];
}

/** The media of questions and clips (sound, video, pictures), which `media.play` plays on the screen. */
function playedMedia(set: QuestionSet) {
  const r = set.rounds;
  return [...r.threeSixNine, ...r.openDoor, ...r.collectiveMemory, ...r.finale].flatMap((q) =>
    q.media ? [q.media] : [],
  );
}

/** The first bytes of a sound (Ogg) or a film (WebM, a Matroska file), as the server's media check knows them. */
const MAGIC = { audio: [0x4f, 0x67, 0x67, 0x53], video: [0x1a, 0x45, 0xdf, 0xa3] } as const;

describe('demo sets', () => {
  it('are the Dutch and the English set, Dutch first (the default)', () => {
    expect(demoSets.map((s) => [s.id, s.language])).toEqual([
      ['demo-nl', 'nl'],
      ['demo-en', 'en'],
    ]);
    expect(demoSets[0]?.id).toBe(DEFAULT_DEMO_SET_ID);
    expect(demoSets[0]?.title).toBe('De Slimste Mens – demo');
  });

  describe.each(demoSets.map((s) => [s.id, s] as const))('%s', (_id, set) => {
    it('has enough for a whole game of 4 players', () => {
      const r = set.rounds;
      expect(r.threeSixNine.length).toBeGreaterThanOrEqual(15);
      expect(r.openDoor.length).toBeGreaterThanOrEqual(5);
      expect(r.puzzle.length).toBeGreaterThanOrEqual(4);
      expect(r.gallery.length).toBeGreaterThanOrEqual(4);
      expect(r.collectiveMemory.length).toBeGreaterThanOrEqual(5);
      expect(r.finale.length).toBeGreaterThanOrEqual(8);
    });

    it('fits the default config and a 4-player config', () => {
      expect(validateConfig(DEFAULT_CONFIG, set)).toEqual([]);
      expect(validateConfig(resolveConfig({ players: 4 }), set)).toEqual([]);
      expect(
        validateConfig(
          resolveConfig({ players: 4, openDoor: { questioners: 5 }, collectiveMemory: { clips: 5 } }),
          set,
        ),
      ).toEqual([]);
      expect(createGame(set, resolveConfig({ players: 4 }), 7).phase).toBe('lobby');
    });

    it('round-trips: parse -> export -> parse', () => {
      const document = JSON.parse(JSON.stringify(toQuestionSetDocument(set)));
      expect(document.format).toBe('slimste.question-set');
      const again = parseQuestionSet(document);
      expect(again).toEqual({ ok: true, value: set });
    });

    it('refers only to media files that exist and are well-formed SVG', () => {
      const urls = mediaUrls(set);
      expect(urls.length).toBeGreaterThanOrEqual(40);
      for (const url of urls) {
        expect(url).toMatch(/^\/media\/demo\/[a-z0-9-]+\.svg$/);
        const file = join(DEMO_MEDIA_DIR, url.slice('/media/'.length));
        expect(existsSync(file), file).toBe(true);
        expect(statSync(file).size, file).toBeLessThan(20_000);
        expect(svgProblems(readFileSync(file, 'utf8')), file).toEqual([]);
      }
    });

    it('plays a sound in its first 3-6-9 question and a film in its first clip, small files made by the repo', () => {
      // So that C (play clip) plays something in the first game anyone runs (scripts/render-demo-media.sh).
      expect(set.rounds.threeSixNine[0]?.media?.kind).toBe('audio');
      expect(set.rounds.collectiveMemory[0]?.media?.kind).toBe('video');
      for (const media of playedMedia(set).filter((m) => m.kind !== 'image')) {
        // Names say nothing of the answer: a kind and ten hex digits, like the photos.
        expect(media.url).toMatch(/^\/media\/demo\/(sound|clip)-[0-9a-f]{10}\.(ogg|webm)$/);
        const file = join(DEMO_MEDIA_DIR, media.url.slice('/media/'.length));
        expect(existsSync(file), file).toBe(true);
        const bytes = readFileSync(file);
        expect(bytes.length, file).toBeLessThan(100_000);
        expect([...bytes.subarray(0, 4)], file).toEqual([...MAGIC[media.kind as 'audio' | 'video']]);
      }
      // The clip's film is the clip: no summary beside it gives the keywords away in writing.
      expect(set.rounds.collectiveMemory[0]?.summary).toBeUndefined();
    });

    it('keeps every answer short enough to read out', () => {
      const r = set.rounds;
      const texts = [
        ...r.threeSixNine.map((q) => q.answer),
        ...r.openDoor.flatMap((q) => q.answers.map((a) => a.text)),
        ...r.puzzle.flatMap((p) => p.links.flatMap((l) => [l.answer, ...l.clues])),
        ...r.gallery.flatMap((g) => g.photos.map((p) => p.answer)),
        ...r.collectiveMemory.flatMap((c) => c.keywords.map((k) => k.text)),
        ...r.finale.flatMap((q) => q.answers.map((a) => a.text)),
      ];
      for (const text of texts) expect(text.length, text).toBeLessThanOrEqual(60);
    });
  });

  it('both sets show the same pictures, so the galleries line up', () => {
    const [nl, en] = demoSets;
    expect(mediaUrls(nl!)).toEqual(mediaUrls(en!));
  });
});

describe('DEMO_MEDIA_DIR', () => {
  it('is the absolute path of packages/protocol/media', () => {
    expect(DEMO_MEDIA_DIR).toMatch(/packages\/protocol\/media$/);
    expect(statSync(DEMO_MEDIA_DIR).isDirectory()).toBe(true);
  });
});

describe('svgProblems', () => {
  const ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';
  it('accepts a well-formed SVG and rejects broken ones', () => {
    expect(svgProblems(ok)).toEqual([]);
    expect(svgProblems(ok.replace('</svg>', ''))).toContain('unclosed <svg>');
    expect(svgProblems(ok.replace(' viewBox="0 0 10 10"', ''))).toContain('root <svg> lacks a viewBox');
    expect(svgProblems(ok.replace('<rect', '<image href="http://x/y.png"/><rect'))).toContain(
      'external reference http://x/y.png',
    );
    expect(svgProblems(ok.replace('width="10"', 'width=10'))).not.toEqual([]);
    expect(svgProblems(ok.replace('<rect', 'Tom & Jerry<rect'))).toContain('unescaped & at 60');
  });
});
