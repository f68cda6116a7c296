// @vitest-environment node
/**
 * The question-set pages in Chromium against the built server: list, create with the server's
 * validation messages shown beside the fields, an image upload for Galerij, import and export;
 * private sets: the edit token kept in the browser, other devices locked out until they paste it
 * (or open the share link), games made from a private set with its token.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
const shots = join(repoRoot, 'test-results/e2e');

let server: BuiltServer;
let browser: Browser;

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(shots, { recursive: true });
  server = await startBuiltServer();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const contexts: BrowserContext[] = [];
/** A browser context is one device: its own localStorage, so its own edit tokens. */
async function device(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${page.url()}: ${e.message}`));
  return page;
}

/** The edit tokens a device keeps, by set id. */
const tokensOn = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('slimste:set-tokens') ?? '{}') as Record<string, string>);

const row = (page: Page, id: string) => page.locator(`[data-set-id="${id}"]`);

async function fillAll(page: Page, selector: string, value: (i: number) => string) {
  const inputs = page.locator(selector);
  const n = await inputs.count();
  for (let i = 0; i < n; i++) await inputs.nth(i).fill(value(i));
}

describe.skipIf(!haveChromium)('question sets in the browser', () => {
  /** The set made in the first test, its edit token, and the share link the editor shows. */
  let setId = '';
  let editToken = '';
  let shareLink = '';
  let author: Page;

  it('creates a set, shows the server errors in place, uploads a photo, keeps the edit token, exports', async () => {
    author = await device();
    const page = author;
    const files = mkdtempSync(join(tmpdir(), 'slimste-sets-'));

    await page.goto(`${server.url}/sets`);
    await expect.poll(() => page.locator('[data-access="builtin"]').count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('new-set').click(); // an Inertia visit: no full reload
    await page.waitForURL(/\/sets\/new$/);

    await page.getByTestId('set-title').fill('Pub quiz');
    await page.locator('#round-puzzle button', { hasText: 'Add' }).click();
    // One clue short: the server's 400 names rounds.puzzle[0].links[2].clues[3].
    await fillAll(page, '#round-puzzle .link > label input', (i) => `Link ${i + 1}`);
    await fillAll(page, '#round-puzzle .clues input', (i) => (i === 11 ? '' : `Clue ${i + 1}`));

    // Galerij: upload an SVG for the first photo; the server stores it and the field takes its URL.
    await page.locator('#round-gallery button', { hasText: 'Add' }).click();
    const svg = join(files, 'flag.svg');
    writeFileSync(
      svg,
      '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="red"/></svg>',
    );
    await page.locator('#round-gallery .photo').first().locator('input[type="file"]').setInputFiles(svg);
    await expect
      .poll(() => page.locator('#round-gallery .photo').first().locator('img.preview').getAttribute('src'))
      .toMatch(/^\/media\//);

    await page.getByTestId('save-set').click();
    await page.getByTestId('save-errors').waitFor();
    const puzzleError = page.locator('[data-error-path="rounds.puzzle[0].links[2]"]');
    await puzzleError.waitFor();
    expect(await puzzleError.textContent()).toContain('clues[3]');
    expect(await page.locator('[data-error-path^="rounds.gallery[0]"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, '06-set-editor-errors.png'), fullPage: false });

    // Fix it: fill the clue, drop the unfinished gallery, save: the browser keeps the set's edit token.
    await page.locator('#round-puzzle .clues input').nth(11).fill('Clue 12');
    await page.locator('#round-gallery .item > button.danger').click();
    await page.getByTestId('save-set').click();
    await page.waitForURL(/\/sets\/(?!new)[^/]+$/);
    setId = decodeURIComponent(page.url().split('/').pop()!);
    editToken = (await tokensOn(page))[setId] ?? '';
    expect(editToken.length).toBeGreaterThanOrEqual(16);
    expect(page.url()).not.toContain(editToken);

    // The editor shows the token and a share link on request.
    await page.getByTestId('share-panel').locator('summary').click();
    expect(await page.getByTestId('edit-token').count()).toBe(0);
    await page.getByTestId('toggle-token').click();
    expect(await page.getByTestId('edit-token').textContent()).toBe(editToken);
    shareLink = (await page.getByTestId('share-link').textContent())!.trim();
    expect(shareLink).toBe(`${server.url}/sets/${encodeURIComponent(setId)}#token=${encodeURIComponent(editToken)}`);
    await page.screenshot({ path: join(shots, '06-set-editor-share.png') });

    // A share link with a wrong token never replaces the token this browser holds: the set opens
    // with its own, and the page says so.
    await page.goto('about:blank'); // a link opened afresh (not a jump within the page)
    await page.goto(`${server.url}/sets/${encodeURIComponent(setId)}#token=not-the-edit-token`);
    await page.getByTestId('link-refused').waitFor();
    await page.getByTestId('share-panel').waitFor();
    expect(await page.getByTestId('set-locked').count()).toBe(0);
    expect((await tokensOn(page))[setId]).toBe(editToken);
    expect(page.url()).not.toContain('not-the-edit-token');
    await page.screenshot({ path: join(shots, '06-set-editor-link-refused.png') });

    // Export is the owner's: 401 without the token, 403 with another, the document with it.
    const exportUrl = `${server.url}/api/question-sets/${encodeURIComponent(setId)}/export`;
    expect((await fetch(exportUrl)).status).toBe(401);
    expect((await fetch(exportUrl, { headers: { Authorization: 'Bearer not-the-token' } })).status).toBe(403);
    const exported = await (await fetch(exportUrl, { headers: { Authorization: `Bearer ${editToken}` } })).json();
    expect(exported.title).toBe('Pub quiz');
    expect(exported.rounds.puzzle[0].links[2].clues[3]).toBe('Clue 12');
    // The public list names the set but carries none of its content.
    const list = await (await fetch(`${server.url}/api/question-sets`)).text();
    expect(list).toContain('Pub quiz');
    expect(list).not.toContain('Clue 12');

    // The list page exports through the API with the token (a download), and marks the set as ours.
    await page.goto(`${server.url}/sets`);
    await expect.poll(() => row(page, setId).getAttribute('data-access')).toBe('mine');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row(page, setId).getByTestId('export').click(),
    ]);
    const downloaded = join(files, 'export.json');
    await download.saveAs(downloaded);
    expect(JSON.parse(readFileSync(downloaded, 'utf8')).rounds.puzzle[0].links[2].clues[3]).toBe('Clue 12');

    // Import that export back from the list page: a second copy appears, editable here too.
    const before = await page.locator('[data-set-id]').count();
    await page.getByTestId('import-file').setInputFiles(downloaded);
    await expect.poll(() => page.locator('[data-set-id]').count()).toBe(before + 1);
    expect(Object.keys(await tokensOn(page))).toHaveLength(2);
    await page.screenshot({ path: join(shots, '06-sets-list.png') });
  });

  it('another device sees the set locked until it pastes the token, in the list and in the editor', async () => {
    const other = await device();
    await other.goto(`${server.url}/sets`);
    await expect.poll(() => row(other, setId).getAttribute('data-access')).toBe('locked');
    expect(await row(other, setId).textContent()).toContain('made on another device');
    expect(await row(other, setId).getByTestId('delete').count()).toBe(0);

    // A wrong token is refused in place; the share link (pasted whole) opens it.
    await row(other, setId).getByTestId('unlock').click();
    await row(other, setId).getByTestId('unlock-token').fill('a-wrong-token');
    await row(other, setId).getByTestId('unlock-submit').click();
    await expect.poll(() => row(other, setId).getByTestId('unlock-error').textContent()).toContain('does not open');
    await other.screenshot({ path: join(shots, '06-sets-locked.png') });
    await row(other, setId).getByTestId('unlock-token').fill(shareLink);
    await row(other, setId).getByTestId('unlock-submit').click();
    await expect.poll(() => row(other, setId).getAttribute('data-access')).toBe('mine');
    expect((await tokensOn(other))[setId]).toBe(editToken);

    // The editor, opened without a token, asks for it in place and then shows the set.
    const third = await device();
    await third.goto(`${server.url}/sets/${encodeURIComponent(setId)}`);
    await third.getByTestId('set-locked').waitFor();
    expect(await third.getByTestId('set-form').count()).toBe(0);
    await third.getByTestId('unlock-token').fill('a-wrong-token');
    await third.getByTestId('unlock-submit').click();
    await expect.poll(() => third.getByTestId('unlock-error').textContent()).toContain('does not open');
    await third.getByTestId('unlock-token').fill(editToken);
    await third.getByTestId('unlock-submit').click();
    await expect.poll(() => third.getByTestId('set-title').inputValue()).toBe('Pub quiz');

    // The share link opens the editor directly, keeps the token and leaves the address bar clean.
    const fourth = await device();
    await fourth.goto(shareLink);
    await expect.poll(() => fourth.getByTestId('set-title').inputValue()).toBe('Pub quiz');
    expect(fourth.url()).not.toContain('token');
    expect((await tokensOn(fourth))[setId]).toBe(editToken);
    // It can save: the PUT carries the token.
    await fourth.getByTestId('set-title').fill('Pub quiz (edited)');
    await fourth.getByTestId('save-set').click();
    await fourth.getByText('Saved').waitFor();
    const got = await fetch(`${server.url}/api/question-sets/${encodeURIComponent(setId)}`, {
      headers: { Authorization: `Bearer ${editToken}` },
    });
    expect((await got.json()).document.title).toBe('Pub quiz (edited)');
  });

  it('plays a private set with its token, and says so in place when the token is refused', async () => {
    // A full private set: the author imports the public export of a demo set.
    const demo = await (await fetch(`${server.url}/api/question-sets/demo-en/export`)).json();
    await author.goto(`${server.url}/sets`);
    const files = mkdtempSync(join(tmpdir(), 'slimste-sets-'));
    const file = join(files, 'demo-copy.json');
    writeFileSync(file, JSON.stringify({ ...demo, id: undefined, title: 'My private quiz' }));
    await author.getByTestId('import-file').setInputFiles(file);
    await author.getByTestId('sets-message').waitFor();
    const privateId = (await author
      .locator('[data-set-id]', { hasText: 'My private quiz' })
      .getAttribute('data-set-id'))!;
    const token = (await tokensOn(author))[privateId]!;
    expect(token).toBeTruthy();

    // The server refuses a game of it without the token...
    const bare = await fetch(`${server.url}/api/games`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ questionSetId: privateId }),
    });
    expect(bare.status).toBe(401);

    // ...and the home page sends it: the game starts from the private set.
    await author.goto(`${server.url}/`);
    await author.getByTestId('set-select').selectOption(privateId);
    await author.getByTestId('create-game').click();
    await author.waitForURL(/\/host\//);
    await author.getByTestId('join-code').waitFor();
    await expect.poll(() => author.locator('.subtitle').textContent()).toBe('My private quiz');

    // A device without the token sees the set locked on the home page (not selectable).
    const stranger = await device();
    await stranger.goto(`${server.url}/`);
    const option = stranger.locator(`[data-testid="set-select"] option[value="${privateId}"]`);
    await expect.poll(() => option.getAttribute('disabled')).not.toBeNull();

    // A device whose kept token no longer fits is told so beside the set picker.
    await stranger.evaluate(
      (id) => localStorage.setItem('slimste:set-tokens', JSON.stringify({ [id]: 'stale' })),
      privateId,
    );
    await stranger.reload();
    await stranger.getByTestId('set-select').selectOption(privateId);
    await stranger.getByTestId('create-game').click();
    await expect.poll(() => stranger.getByTestId('set-problem').textContent()).toContain('not accepted');
    expect(stranger.url()).toBe(`${server.url}/`);
    await stranger.screenshot({ path: join(shots, '06-home-set-refused.png') });
  });

  it('says what is wrong with a refused upload and import, confirms a save, and says a set without final questions cannot start a game', async () => {
    const files = mkdtempSync(join(tmpdir(), 'slimste-sets-'));
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'nl-BE',
    });
    contexts.push(phone);
    const page = await phone.newPage();
    watchPage(page);

    // The editor at phone width, in Dutch: a new set has no final questions, and it says so.
    await page.goto(`${server.url}/sets/new`);
    await expectPageClean(page, 'new set on a phone');
    expect(await page.getByTestId('readiness-missing').textContent()).toContain(
      'Finale heeft 0 vragen, een spel heeft er 1 nodig (zonder finalevragen kan geen spel starten)',
    );

    // A text file is refused as a picture: the message names the file and what is accepted.
    const text = join(files, 'notes.txt');
    writeFileSync(text, 'just some words');
    await page.locator('#round-gallery button', { hasText: 'Toevoegen' }).click();
    await page.locator('#round-gallery .photo').first().locator('input[type="file"]').setInputFiles(text);
    await expect
      .poll(() => page.getByTestId('upload-error').first().textContent())
      .toContain('“notes.txt” werd niet aanvaard: het is geen beeld, geluid of video');
    await expectPageClean(page, 'a refused upload', { allowConsole: [/status of 415/] });
    await page.locator('#round-gallery .item > button.danger').click();

    // A set with one final question saves: the editor says so, and the set can now start a game.
    await page.getByTestId('set-title').fill('Alleen een finale');
    await page.locator('#round-finale button', { hasText: 'Toevoegen' }).click();
    await page.locator('#round-finale textarea').fill('Noem Belgische provincies');
    await fillAll(
      page,
      '#round-finale .answers input',
      (i) => ['Limburg', 'Luik', 'Namen', 'Henegouwen', 'Antwerpen'][i]!,
    );
    await page.getByTestId('save-set').click();
    await page.waitForURL(/\/sets\/(?!new)[^/]+$/);
    await expect.poll(() => page.getByTestId('saved').textContent()).toMatch(/Opgeslagen om \d\d:\d\d:\d\d/);
    expect(await page.getByTestId('readiness-missing').textContent()).not.toContain('Finale');
    await expectPageClean(page, 'a saved set on a phone');
    await page.screenshot({ path: join(shots, '07-phone-set-saved.png'), fullPage: true });

    // A broken import names the file, counts its problems in words and reads its paths.
    const broken = join(files, 'kapot.json');
    const demo = await (await fetch(`${server.url}/api/question-sets/demo-en/export`)).json();
    demo.rounds.puzzle[1].links[2].clues.pop();
    writeFileSync(broken, JSON.stringify({ ...demo, id: undefined }));
    await page.goto(`${server.url}/sets`);
    await page.getByTestId('import-file').setInputFiles(broken);
    const problems = page.getByTestId('import-problems');
    await expect.poll(() => problems.textContent()).toContain('“kapot.json” heeft 1 probleem:');
    expect(await problems.textContent()).toContain('Puzzel 2, verband 3, hints: expected 4 clues, got 3');
    await expectPageClean(page, 'a refused import on a phone', { allowConsole: [/status of 400/] });
    await page.screenshot({ path: join(shots, '07-phone-import-problems.png'), fullPage: true });

    for (const path of ['/sets', '/sets/demo-nl']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      await expectPageClean(page, `${path} on a phone`);
    }
  });
});
