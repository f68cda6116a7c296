import { describe, expect, it } from 'vitest';
import { escapeAttribute, renderShell } from './html-shell.js';
import { always, type InertiaRequest, lazy, respond } from './inertia-page.js';
import { assetVersion, entryTags, type Manifest, staticClosure } from './vite-manifest.js';

const get = (headers: Record<string, string> = {}, url = '/play/g1'): InertiaRequest => ({
  method: 'GET',
  url,
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
});

describe('respond', () => {
  it('answers a first visit with the HTML page object and every non-lazy prop', async () => {
    const res = await respond(get(), { component: 'Play', props: { gameId: 'g1', more: lazy(() => 1) } }, 'v1');
    expect(res).toEqual({
      kind: 'html',
      status: 200,
      page: { component: 'Play', props: { gameId: 'g1' }, url: '/play/g1', version: 'v1' },
    });
  });

  it('answers an Inertia visit with JSON, X-Inertia and Vary', async () => {
    const res = await respond(
      get({ 'X-Inertia': 'true', 'X-Inertia-Version': 'v1' }),
      { component: 'A', props: {} },
      'v1',
    );
    expect(res.kind).toBe('json');
    if (res.kind !== 'json') return;
    expect(res.headers['X-Inertia']).toBe('true');
    expect(res.headers.Vary).toBe('X-Inertia');
  });

  it('sends 409 with X-Inertia-Location when a GET carries a stale version', async () => {
    const res = await respond(
      get({ 'X-Inertia': 'true', 'X-Inertia-Version': 'old' }, '/sets?x=1'),
      { component: 'A', props: {} },
      'v2',
    );
    expect(res).toEqual({ kind: 'conflict', status: 409, headers: { 'X-Inertia-Location': '/sets?x=1' } });
  });

  it('does not version-check a non-GET visit', async () => {
    const req = { ...get({ 'X-Inertia': 'true', 'X-Inertia-Version': 'old' }), method: 'POST' };
    expect((await respond(req, { component: 'A', props: {} }, 'v2')).kind).toBe('json');
  });

  it('partial reload: only the props asked for, lazy ones evaluated only when asked, always ones always', async () => {
    let lazyCalls = 0;
    let fnCalls = 0;
    const props = {
      a: 1,
      b: () => {
        fnCalls++;
        return 2;
      },
      c: lazy(() => {
        lazyCalls++;
        return 3;
      }),
      d: always('d'),
    };
    const headers = { 'X-Inertia': 'true', 'X-Inertia-Version': 'v', 'X-Inertia-Partial-Component': 'P' };
    const full = await respond(get({ 'X-Inertia': 'true' }), { component: 'P', props }, 'v');
    expect(full.kind === 'json' && full.page.props).toEqual({ a: 1, b: 2, d: 'd' });
    expect(lazyCalls).toBe(0);
    expect(fnCalls).toBe(1);

    const onlyA = await respond(get({ ...headers, 'X-Inertia-Partial-Data': 'a' }), { component: 'P', props }, 'v');
    expect(onlyA.kind === 'json' && onlyA.page.props).toEqual({ a: 1, d: 'd' });
    expect(fnCalls).toBe(1);

    const onlyC = await respond(get({ ...headers, 'X-Inertia-Partial-Data': 'c, b' }), { component: 'P', props }, 'v');
    expect(onlyC.kind === 'json' && onlyC.page.props).toEqual({ b: 2, c: 3, d: 'd' });
    expect(lazyCalls).toBe(1);

    const except = await respond(get({ ...headers, 'X-Inertia-Partial-Except': 'a' }), { component: 'P', props }, 'v');
    expect(except.kind === 'json' && except.page.props).toEqual({ b: 2, d: 'd' });
    expect(lazyCalls).toBe(1);
  });

  it('ignores partial headers meant for another component', async () => {
    const headers = { 'X-Inertia': 'true', 'X-Inertia-Partial-Component': 'Other', 'X-Inertia-Partial-Data': 'a' };
    const res = await respond(get(headers), { component: 'P', props: { a: 1, b: 2 } }, 'v');
    expect(res.kind === 'json' && res.page.props).toEqual({ a: 1, b: 2 });
  });
});

describe('html shell', () => {
  it('escapes the page object so no prop can break out of the attribute', () => {
    const page = { component: 'Join', props: { code: `"><script>alert('x')</script>&` }, url: '/join/x', version: 'v' };
    const html = renderShell(page, '<script type="module" src="/assets/main.js"></script>');
    expect(html).not.toContain('<script>alert');
    const attr = /data-page="([^"]*)"/.exec(html)?.[1] ?? '';
    const decoded = attr
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(JSON.parse(decoded)).toEqual(page);
    expect(escapeAttribute(`a"b'c<d>&`)).toBe('a&quot;b&#39;c&lt;d&gt;&amp;');
  });
});

describe('vite manifest', () => {
  const manifest: Manifest = {
    'src/main.ts': { file: 'assets/main-1.js', isEntry: true, imports: ['_vendor.js'], css: ['assets/main-1.css'] },
    '_vendor.js': { file: 'assets/vendor-2.js', css: ['assets/vendor-2.css'] },
    'src/pages/Play.vue': { file: 'assets/Play-3.js', isDynamicEntry: true, imports: ['_vendor.js'] },
  };

  it('lists the entry with its static imports, CSS first', () => {
    expect(staticClosure(manifest, 'src/main.ts').map((c) => c.file)).toEqual([
      'assets/vendor-2.js',
      'assets/main-1.js',
    ]);
    const tags = entryTags(manifest);
    expect(tags).toContain('<link rel="stylesheet" href="/assets/vendor-2.css">');
    expect(tags).toContain('<link rel="modulepreload" href="/assets/vendor-2.js">');
    expect(tags).toContain('<script type="module" src="/assets/main-1.js"></script>');
    expect(tags).not.toContain('Play-3');
  });

  it('derives the version from the manifest content', () => {
    expect(assetVersion('{"a":1}')).toBe(assetVersion('{"a":1}'));
    expect(assetVersion('{"a":1}')).not.toBe(assetVersion('{"a":2}'));
  });
});
