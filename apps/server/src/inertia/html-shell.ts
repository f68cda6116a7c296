import type { PageObject } from './inertia-page.js';

/** Escapes text for a double-quoted HTML attribute (the JSON page object goes in `data-page`). */
export function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function renderShell(page: PageObject, tags: string, title = 'De Slimste Mens'): string {
  const missing = tags
    ? ''
    : '<noscript></noscript><p style="font-family:sans-serif">The web app is not built: run <code>npm run build -w apps/web</code>.</p>';
  return `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
    <meta name="theme-color" content="#0b1f3a">
    <link rel="icon" href="data:,">
    <title>${escapeAttribute(title)}</title>
    ${tags}
  </head>
  <body>
    <div id="app" data-page="${escapeAttribute(JSON.stringify(page))}"></div>${missing}
  </body>
</html>
`;
}
