// @vitest-environment node
/**
 * Clips on the TV screen, in Debian's Chromium: nothing plays by itself; the host's "Play clip" (C)
 * plays it on the screen, and again from the start when pressed again. (Headless Chromium lets every
 * page play sound whatever --autoplay-policy says, so the refused play() and its hint are covered by
 * the component test in pass-and-media.spec.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, haveChromium, launchChromium, repoRoot, startBuiltServer } from './e2e/harness.mjs';

let server: BuiltServer;
let browser: Browser;

beforeAll(async () => {
  if (!haveChromium) return;
  server = await startBuiltServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Seconds of silence as a WAV file (an audio track, as a real clip has). */
function silentWav(seconds: number, rate = 8000): Blob {
  const data = seconds * rate * 2;
  const buf = Buffer.alloc(44 + data);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + data, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(data, 40);
  return new Blob([buf], { type: 'audio/wav' });
}

async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Counts the screen's play() calls and how each ended, before the app loads. */
const countPlays = () => {
  const w = window as unknown as { plays: string[] };
  w.plays = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    const at = w.plays.push('pending') - 1;
    const result = play.call(this);
    result.then(
      () => (w.plays[at] = 'played'),
      (e: Error) => (w.plays[at] = e.name),
    );
    return result;
  };
};
const plays = (page: Page) => page.evaluate(() => (window as unknown as { plays: string[] }).plays);
const version = (page: Page) => page.locator('main').getAttribute('data-version').then(Number);

describe.skipIf(!haveChromium)('clips on the screen', () => {
  it('plays only when the host says so, from the start each time', async () => {
    // A set whose first 3-6-9 question has a sound, uploaded like the editor does.
    const form = new FormData();
    form.append('file', silentWav(5), 'silence.wav');
    const upload = await fetch(`${server.url}/api/media`, { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    const { url } = (await upload.json()) as { url: string };
    const document = JSON.parse(readFileSync(join(repoRoot, 'packages/protocol/src/demo/en.json'), 'utf8'));
    document.rounds.threeSixNine[0].media = { kind: 'audio', url };
    const set = await api<{ id: string; editToken: string }>('/api/question-sets', document);
    const game = await api<{ id: string; code: string; hostToken: string }>(
      '/api/games',
      { questionSetId: set.id, config: { rounds: ['threeSixNine', 'finale'], threeSixNine: { questions: 3 } } },
      set.editToken,
    );
    for (const name of ['Ann', 'Bert']) await api(`/api/games/${game.code}/players`, { name });

    const host = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    ).newPage();
    const screenContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 900 } });
    await screenContext.addInitScript(countPlays);
    const screen = await screenContext.newPage();
    await host.goto(`${server.url}/host/${game.id}#token=${game.hostToken}&code=${game.code}`);
    await screen.goto(`${server.url}/screen/${game.id}`);
    await host.getByTestId('join-code').waitFor();
    const clip = host.getByTestId('action-media');
    expect(await clip.isDisabled()).toBe(true); // the lobby has nothing to play

    await host.keyboard.press('g');
    await screen.locator('audio').waitFor({ state: 'attached', timeout: 15_000 });
    expect(await screen.locator('audio').evaluate((a: HTMLAudioElement) => a.autoplay)).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(await plays(screen)).toEqual([]); // nothing plays by itself

    // C plays the clip on the screen.
    expect(await clip.isEnabled()).toBe(true);
    const v = await version(host);
    await host.keyboard.press('c');
    await expect.poll(() => version(screen), { timeout: 15_000 }).toBeGreaterThan(v);
    await expect.poll(() => plays(screen), { timeout: 10_000 }).toEqual(['played']);
    const at = () => screen.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime);
    await expect.poll(at, { timeout: 10_000 }).toBeGreaterThan(1);

    // Pressed again, it starts over.
    await host.keyboard.press('c');
    await expect.poll(() => plays(screen), { timeout: 10_000 }).toEqual(['played', 'played']);
    expect(await at()).toBeLessThan(1);
    expect(await screen.getByTestId('media-blocked').count()).toBe(0);
  });
});
