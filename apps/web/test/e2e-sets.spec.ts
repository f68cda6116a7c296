// @vitest-environment node
/**
 * The question-set pages in Chromium against the built server: list, create with the server's
 * validation messages shown beside the fields, an image upload for Galerij, import and export.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, repoRoot, startBuiltServer } from './e2e/built-server';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`e2e skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
const shots = join(repoRoot, 'test-results/e2e');

let server: BuiltServer;
let browser: Browser;

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(shots, { recursive: true });
  server = await startBuiltServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function fillAll(page: Page, selector: string, value: (i: number) => string) {
  const inputs = page.locator(selector);
  const n = await inputs.count();
  for (let i = 0; i < n; i++) await inputs.nth(i).fill(value(i));
}

describe.skipIf(!haveChromium)('question sets in the browser', () => {
  it('creates a set, shows the server errors in place, uploads a photo, imports and exports', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const files = mkdtempSync(join(tmpdir(), 'slimste-sets-'));

    await page.goto(`${server.url}/sets`);
    await expect.poll(() => page.locator('tr[data-set-id]').count()).toBeGreaterThanOrEqual(2);
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

    // Fix it: fill the clue, drop the unfinished gallery, save.
    await page.locator('#round-puzzle .clues input').nth(11).fill('Clue 12');
    await page.locator('#round-gallery .item > button.danger').click();
    await page.getByTestId('save-set').click();
    await page.waitForURL(/\/sets\/(?!new)[^/]+$/);
    const id = decodeURIComponent(page.url().split('/').pop()!);
    const exported = await (await fetch(`${server.url}/api/question-sets/${encodeURIComponent(id)}/export`)).json();
    expect(exported.title).toBe('Pub quiz');
    expect(exported.rounds.puzzle[0].links[2].clues[3]).toBe('Clue 12');

    // Import that export back from the list page: a second copy appears.
    await page.goto(`${server.url}/sets`);
    const before = await page.locator('tr[data-set-id]').count();
    const file = join(files, 'export.json');
    writeFileSync(file, JSON.stringify(exported));
    await page.getByTestId('import-file').setInputFiles(file);
    await expect.poll(() => page.locator('tr[data-set-id]').count()).toBe(before + 1);
    await page.screenshot({ path: join(shots, '06-sets-list.png') });
    await context.close();
  });
});
