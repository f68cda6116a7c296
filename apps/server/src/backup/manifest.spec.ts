import { describe, expect, it } from 'vitest';
import { checkFiles, isArchivePath, type Manifest, parseManifest } from './manifest.js';

const sha = (c: string) => c.repeat(64);
const manifest: Manifest = {
  format: 'slimste-backup',
  formatVersion: 1,
  createdAt: '2026-12-02T12:00:00.000Z',
  appVersion: '0.1.0',
  driver: 'sqlite',
  database: 'database/slimste.sqlite',
  games: 2,
  files: [
    { path: 'database/slimste.sqlite', size: 10, sha256: sha('a') },
    { path: 'media/x.png', size: 3, sha256: sha('b') },
  ],
};
const text = (m: unknown) => JSON.stringify(m);

describe('backup manifest', () => {
  it('knows the layout of a backup, and nothing outside it', () => {
    for (const ok of [
      'manifest.json',
      'database/slimste.sqlite',
      'database/postgres.dump',
      'media/a.png',
      'media/d/e.mp3',
    ])
      expect(isArchivePath(ok), ok).toBe(true);
    for (const bad of ['media/', 'media/../x', 'media//x', 'media/./x', 'etc/passwd', '/media/x', 'database/other', ''])
      expect(isArchivePath(bad), bad).toBe(false);
  });

  it('reads its own manifest, and refuses foreign, newer and malformed ones in plain words', () => {
    expect(parseManifest(text(manifest), 'F')).toEqual(manifest);
    expect(() => parseManifest('not json', 'F')).toThrow('F is not a Slimste backup: its manifest.json is not JSON');
    expect(() => parseManifest(text({ format: 'zip' }), 'F')).toThrow(/not a Slimste manifest/);
    expect(() => parseManifest(text({ ...manifest, formatVersion: 2 }), 'F')).toThrow(
      /made by a newer Slimste \(backup format 2\).*upgrade first/,
    );
    const malformed = [
      { ...manifest, driver: 'mysql' },
      { ...manifest, database: 'database/postgres.dump' },
      { ...manifest, files: manifest.files.slice(1) }, // no database file
      { ...manifest, files: [...manifest.files, manifest.files[1]] }, // a path twice
      { ...manifest, files: [...manifest.files, { path: '../x', size: 1, sha256: sha('c') }] },
      { ...manifest, files: [...manifest.files, { path: 'media/y', size: 1, sha256: 'short' }] },
      { ...manifest, games: '2' },
    ];
    for (const m of malformed) expect(() => parseManifest(text(m), 'F')).toThrow(/F is corrupt: its manifest/);
  });

  it('checks the files found against it: each there, same size and checksum, nothing more', () => {
    const found = new Map(manifest.files.map((f) => [f.path, { size: f.size, sha256: f.sha256 }]));
    expect(() => checkFiles(manifest, found, 'F')).not.toThrow();
    expect(() => checkFiles(manifest, new Map([...found].slice(0, 1)), 'F')).toThrow(
      'F is corrupt: media/x.png is missing',
    );
    const changed = new Map(found).set('media/x.png', { size: 3, sha256: sha('c') });
    expect(() => checkFiles(manifest, changed, 'F')).toThrow(/media\/x\.png does not match its checksum/);
    const extra = new Map(found).set('media/y.png', { size: 1, sha256: sha('d') });
    expect(() => checkFiles(manifest, extra, 'F')).toThrow('F is corrupt: media/y.png is not in its manifest');
  });
});
