// @vitest-environment node
/**
 * The replay, end to end in Debian's Chromium against the BUILT server: a host socket plays a short
 * game of the Dutch demo set (with a long run of pauses, so the replay spans two pages of 200
 * versions); then the console shows its "Afterwards" card (the results CSV downloads, with its BOM),
 * and the replay page steps through the game by scrubber, buttons and keys at 360x740, 1366x768 and
 * 1920x1080, with the generic page checks (nothing out of the viewport or its box, no console
 * error, no serious axe-core violation) and screenshots in test-results/replay/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreatedGame, QuestionSetDocument, StateMessage } from '@slimste/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextStep } from '../../server/test/support/driver.js';
import {
  type BuiltServer,
  CHROMIUM,
  haveChromium,
  launchChromium,
  repoRoot,
  startBuiltServer,
} from './e2e/harness.mjs';
import { expectPageClean, watchPage } from './e2e/page-checks.mjs';

if (!haveChromium) console.warn(`e2e skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
const shots = join(repoRoot, 'test-results/replay');
const SIZES = [
  { width: 360, height: 740, mobile: true },
  { width: 1366, height: 768, mobile: false },
  { width: 1920, height: 1080, mobile: false },
];

let server: BuiltServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let socket: Socket | null = null;
let game: CreatedGame;
let last = 0;

/** Waits until `ok()` (plain polling: the game is played in beforeAll, outside any test). */
async function until(ok: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Plays the game over a host socket: every step the host may take (picks and stops too). */
async function playGame(): Promise<number> {
  const created = await fetch(`${server.url}/api/games`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      config: { players: 3, rounds: ['threeSixNine', 'openDoor', 'finale'], threeSixNine: { questions: 3 } },
    }),
  });
  game = (await created.json()) as CreatedGame;
  for (const name of ['Anneleen', 'Bert', 'Charlotte']) {
    const res = await fetch(`${server.url}/api/games/${game.code}/players`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    if (res.status !== 201) throw new Error(`join: ${res.status}`);
  }
  const set = (await (await fetch(`${server.url}/api/question-sets/demo-nl`)).json()).document as QuestionSetDocument;
  const s = io(`${server.url}/games`, { transports: ['websocket'], forceNew: true });
  socket = s;
  let state: StateMessage | null = null;
  s.on('state', (m: StateMessage) => {
    if (!state || m.version >= state.version) state = m;
  });
  await new Promise<void>((resolve) => s.once('connect', () => resolve()));
  const joined = await s.emitWithAck('room', { gameId: game.id, token: game.hostToken });
  if (!joined.ok) throw new Error(`room: ${JSON.stringify(joined)}`);
  const send = async (command: Record<string, unknown>) => {
    const ack = await s.timeout(5000).emitWithAck('command', command);
    if (!ack.ok) throw new Error(`${JSON.stringify(command)} refused: ${JSON.stringify(ack)}`);
    await until(() => (state?.version ?? 0) >= ack.version, `version ${ack.version}`);
    return ack.version as number;
  };
  await until(() => (state?.version ?? -1) >= 3, 'the joins');
  await send({ type: 'game.start' });
  // A long evening's worth of versions: the replay needs its second page of 200.
  for (let i = 0; i < 240; i++) await send({ type: i % 2 ? 'game.resume' : 'game.pause' });
  const goLog = new Map<string, number>();
  let version = 0;
  for (let steps = 0; steps < 400; steps++) {
    const step = nextStep(state as never, set, goLog);
    if (!step) break;
    version = await send(step.command);
  }
  if ((state as StateMessage | null)?.phase !== 'finished') throw new Error('the game did not finish');
  return version;
}

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(shots, { recursive: true });
  // The host socket plays faster than a person (the server inherits these).
  process.env.SOCKET_RATE_PER_SECOND = '100000';
  process.env.SOCKET_RATE_BURST = '100000';
  process.env.SOCKET_RATE_PER_ADDRESS_PER_SECOND = '100000';
  process.env.SOCKET_RATE_PER_ADDRESS_BURST = '100000';
  server = await startBuiltServer();
  browser = await launchChromium();
  last = await playGame();
});

afterAll(async () => {
  socket?.close();
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

/** A browser whose localStorage holds the host key, as the console that made the game keeps it. */
async function hostPage(size: (typeof SIZES)[number]): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    locale: 'en-US',
    isMobile: size.mobile,
    hasTouch: size.mobile,
    acceptDownloads: true,
  });
  contexts.push(context);
  await context.addInitScript(
    ([id, secret]) => localStorage.setItem(`slimste:host:${id}`, secret as string),
    [game.id, JSON.stringify({ token: game.hostToken, code: game.code })],
  );
  const page = await context.newPage();
  watchPage(page);
  return page;
}

/** The version on the stage (NaN before the first one is shown). */
const shownVersion = (page: Page) =>
  page
    .getByTestId('replay')
    .getAttribute('data-version')
    .then((v) => (v === null ? Number.NaN : Number(v)));
const atVersion = (page: Page, version: number) =>
  expect.poll(() => shownVersion(page), { timeout: 10_000 }).toBe(version);

async function look(page: Page, name: string, width: number) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // The cards' entrances are over (the winner's confetti falls for ever: not waited for).
  await page.waitForFunction(
    () =>
      !document
        .getAnimations()
        .some((a) => a.playState !== 'finished' && a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY),
    null,
    { timeout: 5000, polling: 100 },
  );
  await page.screenshot({ path: join(shots, `${name}-${width}.png`) });
  await expectPageClean(page, `${name} at ${width}`);
}

describe.skipIf(!haveChromium)('the replay', () => {
  it('the console offers the log, the results and the replay once the game is over', async () => {
    const page = await hostPage(SIZES[1]!);
    await page.goto(`${server.url}/host/${game.id}`);
    const card = page.getByTestId('afterwards');
    await expect.poll(() => card.isVisible(), { timeout: 10_000 }).toBe(true);
    // The demo set is Dutch: so is the console.
    expect(await card.getByRole('heading').textContent()).toBe('Achteraf');
    await card.scrollIntoViewIfNeeded();
    await look(page, 'console-afterwards', 1366);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-results').click()]);
    expect(download.suggestedFilename()).toBe(`slimste-${game.code}-results.csv`);
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      'type,version,time,round,round_kind,item,question,answer,player,seat,seconds,reason',
    );
    const [log] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-log').click()]);
    expect(log.suggestedFilename()).toBe(`slimste-${game.code}-log.json`);
    const parsed = JSON.parse(readFileSync((await log.path()) as string, 'utf8'));
    expect(parsed.events).toHaveLength(last);
    expect(await page.getByTestId('open-replay').getAttribute('href')).toBe(`/host/${game.id}/replay`);
  });

  for (const size of SIZES) {
    it(`steps through every version at ${size.width}x${size.height}`, async () => {
      const page = await hostPage(size);
      await page.goto(`${server.url}/host/${game.id}/replay`);
      await atVersion(page, 0);
      expect(Number(await page.getByTestId('replay').getAttribute('data-last'))).toBe(last);
      const label = page.getByTestId('replay-version');
      expect(await label.textContent()).toContain(`Versie 0 van ${last}`);
      await look(page, 'lobby', size.width);
      // On a laptop or a TV the stage and its controls fit the screen, no scrolling.
      if (!size.mobile)
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(size.height);

      // Keys: → one on, End the last, Home the first.
      await page.keyboard.press('ArrowRight');
      await atVersion(page, 1);
      await page.keyboard.press('End');
      await atVersion(page, last);
      expect(await label.textContent()).toContain(`Versie ${last} van ${last}`);
      await look(page, 'end', size.width);
      await page.keyboard.press('Home');
      await atVersion(page, 0);

      // The scrubber, past the first page of 200 (loaded on demand), then the buttons.
      const mid = last - 20;
      expect(mid).toBeGreaterThan(200);
      await page.getByTestId('replay-scrubber').fill(String(mid));
      await atVersion(page, mid);
      await look(page, 'middle', size.width);
      await page.getByTestId('replay-next').click();
      await atVersion(page, mid + 1);
      await page.getByTestId('replay-prev').click();
      await page.getByTestId('replay-prev').click();
      await atVersion(page, mid - 1);
      // The board of that version is on the stage (a round in play, not the lobby).
      expect(await page.getByTestId('tv-lobby').count()).toBe(0);

      // Space plays on by itself, Space again pauses.
      await page.keyboard.press('Space');
      await expect.poll(() => page.getByTestId('replay-play').getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => shownVersion(page), { timeout: 10_000 }).toBeGreaterThan(mid);
      await page.keyboard.press('Space');
      await expect.poll(() => page.getByTestId('replay-play').getAttribute('aria-pressed')).toBe('false');
      await look(page, 'paused', size.width);

      // In English too, when this device asks for it.
      if (size.width === 1366) {
        await page.getByTestId('lang').click();
        await expect.poll(() => label.textContent()).toContain(`of ${last}`);
        expect(await page.getByTestId('replay-play').textContent()).toContain('Play');
        expect(await page.locator('header.page-header h1').textContent()).toContain('Replay');
        await look(page, 'english', size.width);
      }
    });
  }

  it('without the host key the page says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    watchPage(page);
    await page.goto(`${server.url}/host/${game.id}/replay`);
    await expect.poll(() => page.getByTestId('replay-no-token').isVisible()).toBe(true);
    await look(page, 'no-token', 1366);
  });
});
