// @vitest-environment node
/**
 * The TV as a show, end to end in Debian's Chromium against the BUILT server: a Dutch game seen by
 * a TV whose browser speaks English, opened at its short address; three phones that join at the
 * address the console offers (not localhost); the host console; a host socket that runs the game
 * quickly. At every round's key moments the TV is checked at 1920x1080 and 1280x720 (nothing out
 * of the viewport or out of its box, no console error, no serious axe-core violation) and
 * photographed under test-results/tv/. At the end: play again from the console, and the phones and
 * the TV follow into the new game, each phone in its own seat.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CreatedGame, GameView, JoinAddress, StateMessage } from '@slimste/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const shots = join(repoRoot, 'test-results/tv');
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

let server: BuiltServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let hostSocket: Socket | null = null;

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(shots, { recursive: true });
  server = await startBuiltServer();
  browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
});

afterAll(async () => {
  hostSocket?.close();
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

async function newPage(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  // Every device's browser speaks English: the game's Dutch must win anyway.
  const context = await browser.newContext({ viewport, locale: 'en-US', isMobile: mobile, hasTouch: mobile });
  contexts.push(context);
  const page = await context.newPage();
  watchPage(page);
  return page;
}

const versionOf = (page: Page) => page.locator('main').first().getAttribute('data-version').then(Number);
const atVersion = (page: Page, version: number) =>
  expect.poll(() => versionOf(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(version);

/** A key moment on the TV: at both sizes, photographed and checked by the generic page checks. */
async function moment(tv: Page, name: string, options: { allowConsole?: RegExp[] } = {}) {
  for (const size of SIZES) {
    await tv.setViewportSize(size);
    // Two frames: the stage has re-laid out at the new size (its text scales with the width); and
    // the cards' entrances are over (the confetti falls for ever: not waited for).
    await tv.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // Calm for three polls in a row: a card's leave and the next one's enter are two transitions.
    await tv.waitForFunction(
      () => {
        const w = window as unknown as { calm?: number };
        const busy = document
          .getAnimations()
          .some(
            (a) => a.playState !== 'finished' && a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY,
          );
        w.calm = busy ? 0 : (w.calm ?? 0) + 1;
        return w.calm >= 3;
      },
      null,
      { timeout: 5000, polling: 100 },
    );
    await tv.screenshot({ path: join(shots, `${name}-${size.width}.png`) });
    await expectPageClean(tv, `${name} at ${size.width}x${size.height}`, options);
  }
  await tv.setViewportSize(SIZES[0]!);
}

/** The host, as a socket: it runs the game quickly while the console, the phones and the TV show it. */
async function hostDriver(gameId: string, token: string) {
  const socket = io(`${server.url}/games`, { transports: ['websocket'], forceNew: true });
  hostSocket = socket;
  let state: StateMessage | null = null;
  socket.on('state', (s: StateMessage) => {
    if (s.gameId === gameId && (!state || s.version >= state.version)) state = s;
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const joined = await socket.emitWithAck('room', { gameId, token });
  expect(joined).toMatchObject({ ok: true, role: 'host' });
  const send = async (command: Record<string, unknown>): Promise<number> => {
    const ack = await socket.timeout(5000).emitWithAck('command', command);
    expect(ack, JSON.stringify(command)).toMatchObject({ ok: true });
    await expect.poll(() => state?.version ?? 0).toBeGreaterThanOrEqual(ack.version);
    return ack.version as number;
  };
  return { send, state: () => state as unknown as GameView & { version: number } };
}

type Driver = Awaited<ReturnType<typeof hostDriver>>;

/** The answers of the turn (or finale question) in play, as the host sees them. */
function openAnswers(view: GameView): string[] {
  const r = view.round;
  if (!r) return [];
  if (r.kind === 'finale') return r.answers.filter((a) => !a.found).map((a) => a.id);
  if (r.kind === 'openDoor') return r.turn?.answers.filter((a) => !a.found).map((a) => a.id) ?? [];
  if (r.kind === 'puzzle') return r.turn?.links.filter((a) => !a.found).map((a) => a.id) ?? [];
  if (r.kind === 'collectiveMemory') return r.turn?.keywords.filter((a) => !a.found).map((a) => a.id) ?? [];
  if (r.kind === 'gallery') return r.turn?.currentPhotoId ? [r.turn.currentPhotoId] : [];
  return [];
}

/** One turn of a turn round: pick (Open Deur, Collectief Geheugen), clock, one answer found, the rest shown. */
async function playTurn(
  host: Driver,
  at: { picked?: () => Promise<void>; answering?: () => Promise<void>; found?: () => Promise<void> } = {},
  next = true,
) {
  const r = host.state().round!;
  if ((r.kind === 'openDoor' || r.kind === 'collectiveMemory') && r.turn?.stage === 'pick') {
    const items = r.kind === 'openDoor' ? r.questioners : r.clips;
    await host.send({ type: 'item.pick', itemId: items.find((i) => !i.used)!.id });
  }
  await at.picked?.();
  await host.send({ type: 'clock.start' });
  await at.answering?.();
  await host.send({ type: 'answer.correct', answerId: openAnswers(host.state())[0] });
  await at.found?.();
  const shown = await host.send({ type: 'answers.reveal' });
  return next ? host.send({ type: 'game.next' }) : shown;
}

/** The id of the 3-6-9 question in play, as the host knows it. */
const questionId = (host: Driver) => (host.state().round as { id: string }).id;

describe.skipIf(!haveChromium)('the TV as a show', () => {
  it('opens at /tv/CODE in the game’s language, shows every round as a show, and follows the rematch', async () => {
    // A short Dutch game with every round (3 questions of 3-6-9, 3 questioners, 3 clips).
    const made = await fetch(`${server.url}/api/games`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        questionSetId: 'demo-nl',
        config: {
          players: 3,
          threeSixNine: { questions: 3 },
          openDoor: { questioners: 3 },
          collectiveMemory: { clips: 3 },
        },
      }),
    });
    const game = (await made.json()) as CreatedGame;
    // The address phones must open: the test reaches the server at 127.0.0.1, so a network address.
    const address = (await (await fetch(`${server.url}/api/join-address`)).json()) as JoinAddress;
    const typed = address.origin.replace(/^https?:\/\//, '');

    // The console (opened at 127.0.0.1, as a host would open localhost) offers a link phones can open.
    const hostPage = await newPage({ width: 1366, height: 768 });
    await hostPage.goto(`${server.url}/host/${game.id}#token=${game.hostToken}&code=${game.code}`);
    await expect.poll(() => hostPage.locator('.lobby .url').textContent()).toBe(`${address.origin}/join/${game.code}`);
    if (address.source === 'network') {
      expect(address.origin).not.toMatch(/localhost|127\.0\.0\.1/);
      await expect.poll(() => hostPage.getByTestId('join-note').textContent()).toContain(typed);
    } else expect(await hostPage.getByTestId('join-warning').count()).toBe(1);
    // The console follows the game's language too (its browser speaks English).
    expect(await hostPage.locator('html').getAttribute('lang')).toBe('nl');
    // A console link with a wrong key never replaces the key this browser holds: the server refuses
    // it, the console opens again with its own key and says so.
    const hostKey = () => hostPage.evaluate((id) => localStorage.getItem(`slimste:host:${id}`), game.id);
    await hostPage.goto('about:blank'); // a link opened afresh (not a jump within the page)
    await hostPage.goto(`${server.url}/host/${game.id}#token=not-the-host-token`);
    await hostPage.getByTestId('link-refused').waitFor();
    await expect.poll(() => hostPage.locator('.lobby .url').textContent()).toBe(`${address.origin}/join/${game.code}`);
    expect(JSON.parse((await hostKey()) ?? '{}').token).toBe(game.hostToken);
    expect(hostPage.url()).not.toContain('not-the-host-token');

    // The TV: a wrong code says so; the code typed on the screen opens the game at /tv/CODE.
    const tv = await newPage(SIZES[0]!);
    // `?titles=hold`: each title card stays until its round begins (a loaded machine may take longer
    // than a card's 7 s to photograph and check it at two sizes); the timing itself is in tv.spec.ts.
    await tv.goto(`${server.url}/tv/ZZZZZZ?titles=hold`);
    await expect.poll(() => tv.getByTestId('tv-code-error').textContent()).toContain('ZZZZZZ');
    await moment(tv, '00-tv-unknown-code', { allowConsole: [/404/] });
    await tv.getByTestId('tv-code-input').fill(game.code.toLowerCase());
    await tv.getByTestId('tv-code-open').click();
    await tv.waitForURL(`${server.url}/tv/${game.code}?titles=hold`);
    await expect.poll(() => tv.getByTestId('tv-code').textContent()).toBe(game.code);
    await expect.poll(() => tv.getByTestId('tv-address').textContent()).toBe(typed);
    // Its browser speaks English; the game is Dutch: the TV speaks Dutch.
    expect(await tv.locator('html').getAttribute('lang')).toBe('nl');
    expect(await tv.getByTestId('tv-lobby').textContent()).toContain('Ga op je telefoon naar');

    // Three phones join at the console's link (the network address, not localhost).
    const names = ['Anne-Sophie Vandenbroeck', 'Bert', 'Chris'];
    const phones: Page[] = [];
    for (const name of names) {
      const phone = await newPage({ width: 360, height: 740 }, true);
      await phone.goto(`${address.origin}/join/${game.code}`);
      await phone.getByTestId('name-input').fill(name);
      await phone.getByTestId('join-button').click();
      await phone.waitForURL(/\/play\//);
      phones.push(phone);
    }
    await expect.poll(() => tv.locator('[data-testid="tv-players"] li').count()).toBe(3);
    await moment(tv, '01-tv-lobby');

    const host = await hostDriver(game.id, game.hostToken);
    const seats = (page: Page) =>
      page.locator('[data-testid="questions"] li').evaluateAll((li) => li.map((e) => e.getAttribute('data-state')));

    // 3-6-9 opens with its title card: name, rule, worth (3 questions: only the third earns +10 s).
    let v = await host.send({ type: 'game.start' });
    await atVersion(tv, v);
    await expect.poll(() => tv.getByTestId('title-card').getAttribute('data-round')).toBe('threeSixNine');
    expect(await tv.getByTestId('title-worth').textContent()).toBe(
      'Vragen 3: +10 s per vraag; de andere leveren niets op',
    );
    await moment(tv, '02-369-title');

    // Q1 is a sound (the demo set's own): C on the console (media.play) plays it on the TV.
    v = await host.send({ type: 'media.play' });
    await atVersion(tv, v);
    await expect
      .poll(() => tv.locator('section.three-six-nine audio').evaluate((a: HTMLAudioElement) => a.currentTime), {
        timeout: 5000,
      })
      .toBeGreaterThan(0.2);

    // Q1 right; Q2 wrong three times: nobody is said to be answering, the row says who got what.
    await host.send({ type: 'answer.correct', answerId: questionId(host) });
    await host.send({ type: 'game.next' });
    for (let i = 0; i < 3; i++) v = await host.send({ type: 'answer.wrong' });
    await atVersion(tv, v);
    await expect.poll(() => seats(tv)).toEqual(['got', 'missed', 'later']);
    expect(await tv.getByTestId('answerer').count()).toBe(0);
    expect(await tv.locator('.players .player-clock.active').count()).toBe(0);
    expect(await tv.locator('section.three-six-nine').textContent()).toContain('Niemand wist het');
    await moment(tv, '03-369-all-wrong');
    await host.send({ type: 'game.next' });
    await host.send({ type: 'answer.correct', answerId: questionId(host) });

    // The round is over: after a moment, the standings.
    await expect.poll(() => tv.getByTestId('standings').count(), { timeout: 8000 }).toBe(1);
    expect(await tv.locator('[data-testid="standings"] h2').textContent()).toBe('Tussenstand na 3-6-9');
    await moment(tv, '04-standings-after-369');

    // Open Deur: title card, then each player's turn; a long name in a found slot stays inside it.
    v = await host.send({ type: 'game.next' });
    await atVersion(tv, v);
    await expect.poll(() => tv.getByTestId('title-card').getAttribute('data-round')).toBe('openDoor');
    await moment(tv, '05-open-door-title');
    for (let turn = 0; turn < 3; turn++) {
      await playTurn(host, {
        found: async () => {
          if (host.state().go?.playerId !== host.state().players.find((p) => p.name === names[0])?.id) return;
          await atVersion(tv, host.state().version);
          await moment(tv, '06-open-door-long-name');
        },
      });
    }

    // Puzzel: the found link's four clues gather into the first row.
    await expect.poll(() => tv.getByTestId('title-card').getAttribute('data-round')).toBe('puzzle');
    for (let turn = 0; turn < 3; turn++) {
      await playTurn(host, {
        found: async () => {
          if (turn !== 0) return;
          await atVersion(tv, host.state().version);
          const gathered = () =>
            tv
              .locator('[data-testid="puzzle-grid"] li')
              .evaluateAll((li) => li.map((e) => e.classList.contains('gathered')));
          await expect.poll(gathered).toEqual([true, true, true, true, ...Array(8).fill(false)]);
          await tv.waitForTimeout(700); // the clues slide into their row
          await moment(tv, '08-puzzle-row');
        },
      });
    }

    // Galerij: the photo fills the TV.
    for (let turn = 0; turn < 3; turn++) {
      await playTurn(host, {
        answering: async () => {
          if (turn !== 0) return;
          await atVersion(tv, host.state().version);
          await expect.poll(() => tv.locator('[data-testid="gallery-photo"] img').count()).toBe(1);
          const photo = (await tv.locator('[data-testid="gallery-photo"] img').boundingBox())!;
          const main = (await tv.locator('section.main').boundingBox())!;
          expect(photo.height).toBeGreaterThan(main.height * 0.6);
          await moment(tv, '09-gallery-photo');
        },
      });
    }

    // Collectief Geheugen: the clip before the clock; then the keywords and their finders, clear of the players bar.
    for (let turn = 0; turn < 3; turn++) {
      await playTurn(
        host,
        {
          picked: async () => {
            if (turn !== 0) return;
            // The first clip is a film of the demo set: C plays it on the TV, which gives it the room there is.
            const played = await host.send({ type: 'media.play' });
            await atVersion(tv, played);
            const film = tv.locator('section.memory video');
            await expect
              .poll(() => film.evaluate((f: HTMLVideoElement) => f.currentTime), { timeout: 5000 })
              .toBeGreaterThan(0.5);
            await film.evaluate((f: HTMLVideoElement) => f.pause());
            const box = (await film.boundingBox())!;
            const bar = (await tv.locator('footer.players').boundingBox())!;
            expect(box.height).toBeGreaterThan(200);
            expect(box.y + box.height).toBeLessThan(bar.y);
            await moment(tv, '10-memory-clip');
          },
          found: async () => {
            if (turn !== 0) return;
            await host.send({ type: 'answer.correct', answerId: openAnswers(host.state())[0] });
            await atVersion(tv, host.state().version);
            const slots = (await tv.getByTestId('memory-slots').boundingBox())!;
            const bar = (await tv.locator('footer.players').boundingBox())!;
            expect(slots.y + slots.height).toBeLessThanOrEqual(bar.y);
            await moment(tv, '11-memory-found');
          },
        },
        turn < 2,
      );
    }

    // Before the finale: the standings, then the line-up: de slimste mens van de dag and the finalists.
    await expect.poll(() => tv.getByTestId('standings').count(), { timeout: 8000 }).toBe(1);
    await moment(tv, '12-standings-before-finale');
    v = await host.send({ type: 'game.next' });
    await atVersion(tv, v);
    const result = host.state().result!;
    expect(result.slimsteVanDeDagId).toBeTruthy();
    const nameOf = (id: string | null) => host.state().players.find((p) => p.id === id)?.name ?? '?';
    await expect.poll(() => tv.getByTestId('lineup-slimste').textContent()).toContain(nameOf(result.slimsteVanDeDagId));
    for (const id of result.finalists)
      expect(await tv.getByTestId('lineup-finalists').textContent()).toContain(nameOf(id));
    await moment(tv, '13-finale-lineup');

    // The finale: a running clock reads as a clock (its ring runs down); then one finalist finds
    // every answer until the other is down to 0.
    v = await host.send({ type: 'clock.start' });
    await atVersion(tv, v);
    const ring = tv.locator('.players .player-clock.running .clock-ring');
    const before = Number(await ring.getAttribute('data-fraction'));
    await tv.waitForTimeout(1200);
    expect(Number(await ring.getAttribute('data-fraction'))).toBeLessThan(before);
    await moment(tv, '14-finale-clock');
    // A found answer names its finder in its slot (a long name stays inside).
    v = await host.send({ type: 'answer.correct', answerId: openAnswers(host.state())[0] });
    await atVersion(tv, v);
    await moment(tv, '14-finale-found');
    while (host.state().phase === 'playing') {
      const r = host.state().round!;
      if (r.kind !== 'finale') throw new Error(`expected the finale, got ${r.kind}`);
      if (r.stage === 'ready') await host.send({ type: 'clock.start' });
      else if (r.stage === 'done') await host.send({ type: 'game.next' });
      else await host.send({ type: 'answer.correct', answerId: openAnswers(host.state())[0] });
    }

    // The end: the winner celebrated.
    const final = host.state().result!;
    await expect.poll(() => tv.getByTestId('winner-name').textContent()).toBe(`${nameOf(final.winnerId)} wint!`);
    await tv.waitForTimeout(900);
    await moment(tv, '15-winner');

    // Play again from the console, in one click: the console, each phone (in its own seat) and the
    // TV follow into the new game's lobby.
    // One phone is away (offline) when the host plays again: it learns of its seat when it is back.
    const away = phones[2]!;
    await away.context().setOffline(true);
    await expect.poll(() => hostPage.getByTestId('play-again').count()).toBe(1);
    await hostPage.screenshot({ path: join(shots, '15-winner-console.png') });
    await hostPage.getByTestId('play-again').click();
    await hostPage.waitForURL((url) => url.pathname.startsWith('/host/') && !url.pathname.endsWith(game.id));
    const newId = decodeURIComponent(new URL(hostPage.url()).pathname.split('/').pop()!);
    const newCode = (await hostPage.getByTestId('join-code').textContent())!.trim();
    expect(newCode).not.toBe(game.code);
    await tv.waitForURL(`${server.url}/tv/${newCode}?titles=hold`);
    await phones[0]!.waitForURL(`${address.origin}/play/${encodeURIComponent(newId)}`);
    // The away phone heard nothing; back online, its socket joins again and it asks for its seat.
    expect(decodeURIComponent(away.url())).toContain(game.id);
    await away.context().setOffline(false);
    for (const [i, phone] of phones.entries()) {
      await phone.waitForURL(`${address.origin}/play/${encodeURIComponent(newId)}`, { timeout: 30_000 });
      await expect.poll(() => phone.getByTestId('me').textContent()).toContain(names[i]!.slice(0, 10));
      const me = await phone.getByTestId('me').getAttribute('data-player-id');
      const seated = await fetch(`${server.url}/api/games/${newId}`).then((r) => r.json());
      expect(seated.players.find((p: { id: string }) => p.id === me)?.name).toBe(names[i]);
      expect(await phone.locator('main').getAttribute('data-phase')).toBe('lobby');
    }
    await expect.poll(() => tv.getByTestId('tv-code').textContent()).toBe(newCode);
    await expect.poll(() => tv.locator('[data-testid="tv-players"] li').count()).toBe(3);
    await moment(tv, '16-rematch-lobby');
    await phones[0]!.screenshot({ path: join(shots, '16-rematch-phone.png') });
    await hostPage.screenshot({ path: join(shots, '16-rematch-console.png') });
  });
});
