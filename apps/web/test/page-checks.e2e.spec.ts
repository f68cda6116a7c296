// @vitest-environment node
/**
 * The generic page checker (e2e/page-checks.mjs) against pages written to fail one way each, in
 * Chromium, and against one that must pass: it must find every kind of problem it claims to.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium } from './e2e/harness.mjs';
import { pageProblems, watchPage } from './e2e/page-checks.mjs';

let browser: Browser;
beforeAll(async () => {
  if (haveChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function pageWith(body: string, width = 360): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 640 } });
  watchPage(page);
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>t</title><style>body{margin:0;font:16px sans-serif}</style></head><body><main>${body}</main></body></html>`,
  );
  return page;
}

describe.skipIf(!haveChromium)('page checks', () => {
  it('passes a page that fits', async () => {
    const page = await pageWith(
      '<h1>Hello</h1><p style="width:200px">A short line that wraps as it should in its box.</p>' +
        '<p style="width:80px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">Cut on purpose with an ellipsis</p>' +
        '<button type="button">Go</button>',
    );
    expect(await pageProblems(page, { axe: true })).toEqual([]);
    await page.close();
  });

  it('finds an element wider than the viewport and the sideways scroll it makes', async () => {
    const page = await pageWith('<div style="width:460px;height:20px" data-testid="wide">wide</div>');
    const problems = await pageProblems(page, { axe: false });
    expect(problems.some((p) => p.includes('scrolls sideways'))).toBe(true);
    expect(problems.some((p) => p.includes('[data-testid="wide"]') && p.includes('sticks out'))).toBe(true);
    await page.close();
  });

  it('finds text wider than its tile, whether it spills out or is clipped', async () => {
    const page = await pageWith(
      '<div style="display:grid;grid-template-columns:repeat(3,100px)">' +
        '<div class="tile" style="min-width:0">Bartholomeusvanderzandenburg</div>' +
        '<div class="clipped" style="overflow:hidden;min-width:0">Bartholomeusvanderzandenburg</div></div>',
    );
    const problems = await pageProblems(page, { axe: false });
    expect(problems.some((p) => p.includes('.tile') && p.includes('px wide in a 100 px box'))).toBe(true);
    expect(problems.some((p) => p.includes('.clipped') && p.includes('px wide in a 100 px box'))).toBe(true);
    await page.close();
  });

  it('finds text cut off below by a box of fixed height', async () => {
    const page = await pageWith(
      '<p class="short" style="width:100px;height:20px;overflow:hidden">Many words that need several lines here</p>',
    );
    expect((await pageProblems(page, { axe: false })).some((p) => p.includes('.short') && p.includes('cut off'))).toBe(
      true,
    );
    await page.close();
  });

  it('reports console errors and uncaught exceptions, except those a step expects', async () => {
    const page = await pageWith('<p>fine</p>');
    await page.evaluate(() => {
      console.error('something broke');
      setTimeout(() => {
        throw new Error('boom');
      });
    });
    await page.waitForTimeout(50);
    const problems = await pageProblems(page, { axe: false, allowConsole: [/boom/] });
    expect(problems).toEqual(['console error: something broke']);
    expect(await pageProblems(page, { axe: false })).toEqual([]);
    await page.close();
  });

  it('reports serious axe-core violations: a button without a name, text without contrast', async () => {
    const page = await pageWith(
      '<button type="button" class="nameless"></button><p style="color:#777;background:#888">faint</p>',
    );
    const problems = await pageProblems(page, { axe: true });
    expect(problems.some((p) => p.includes('button-name'))).toBe(true);
    expect(problems.some((p) => p.includes('color-contrast'))).toBe(true);
    // Once per look: the same structure again is not checked again.
    expect(await pageProblems(page)).toHaveLength(2);
    expect(await pageProblems(page)).toEqual([]);
    await page.close();
  });
});
