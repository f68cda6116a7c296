import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DEFAULT_CONFIG } from '@slimste/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A fake web build: the module reads its manifest and serves its assets.
const dist = mkdtempSync(join(tmpdir(), 'slimste-web-'));
function writeBuild(entryFile: string) {
  mkdirSync(join(dist, '.vite'), { recursive: true });
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'assets', entryFile), 'console.log("app")');
  writeFileSync(
    join(dist, '.vite', 'manifest.json'),
    JSON.stringify({ 'src/main.ts': { file: `assets/${entryFile}`, isEntry: true } }),
  );
}

let app: INestApplication;
let base: string;

beforeAll(async () => {
  writeBuild('main-aaa.js');
  process.env.WEB_DIST_DIR = dist;
  const { PagesModule } = await import('./pages.module.js');
  app = await NestFactory.create(PagesModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});

afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

function pageFromHtml(html: string) {
  const attr = /<div id="app" data-page="([^"]*)">/.exec(html)?.[1];
  if (!attr) throw new Error('no data-page');
  return JSON.parse(
    attr
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

describe('PagesModule over HTTP', () => {
  it('serves the HTML shell with the page object and the entry script on a first visit', async () => {
    const res = await fetch(`${base}/play/abc123`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('vary')).toMatch(/X-Inertia/i);
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/assets/main-aaa.js"></script>');
    const page = pageFromHtml(html);
    expect(page.component).toBe('Play');
    expect(page.props).toEqual({ gameId: 'abc123' });
    expect(page.url).toBe('/play/abc123');
    expect(page.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('answers an Inertia visit with the JSON page object', async () => {
    const first = pageFromHtml(await (await fetch(`${base}/join/ab12`)).text());
    const res = await fetch(`${base}/sets/s1`, {
      headers: { 'X-Inertia': 'true', 'X-Inertia-Version': first.version },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-inertia')).toBe('true');
    expect(res.headers.get('vary')).toMatch(/X-Inertia/i);
    expect(await res.json()).toEqual({
      component: 'SetEdit',
      props: { setId: 's1', defaults: DEFAULT_CONFIG },
      url: '/sets/s1',
      version: first.version,
    });
    expect(first.props).toEqual({ code: 'AB12' });
  });

  it('sends 409 with X-Inertia-Location once the build changed', async () => {
    const before = pageFromHtml(await (await fetch(`${base}/`)).text()).version;
    await new Promise((r) => setTimeout(r, 20));
    writeBuild('main-bbb.js');
    const res = await fetch(`${base}/screen/g9?x=1`, { headers: { 'X-Inertia': 'true', 'X-Inertia-Version': before } });
    expect(res.status).toBe(409);
    expect(res.headers.get('x-inertia-location')).toBe('/screen/g9?x=1');
    const html = await (await fetch(`${base}/screen/g9`)).text();
    expect(html).toContain('/assets/main-bbb.js');
    expect(pageFromHtml(html).version).not.toBe(before);
  });

  it('partial reload of Home sends only the props asked for', async () => {
    const version = pageFromHtml(await (await fetch(`${base}/`)).text()).version;
    const res = await fetch(`${base}/`, {
      headers: {
        'X-Inertia': 'true',
        'X-Inertia-Version': version,
        'X-Inertia-Partial-Component': 'Home',
        'X-Inertia-Partial-Data': 'roundKinds',
      },
    });
    const page = (await res.json()) as { props: Record<string, unknown[]> };
    expect(Object.keys(page.props)).toEqual(['roundKinds']);
    expect(page.props.roundKinds).toContain('puzzle');
  });

  it('serves built assets with long cache headers and refuses paths outside them', async () => {
    const res = await fetch(`${base}/assets/main-aaa.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect(await res.text()).toContain('console.log');
    expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/assets/..%2F.vite%2Fmanifest.json`)).status).toBe(404);
  });

  it('never puts a token in page props', async () => {
    const html = await (await fetch(`${base}/host/g1#token=secret`)).text();
    expect(pageFromHtml(html).props).toEqual({ gameId: 'g1' });
  });
});
