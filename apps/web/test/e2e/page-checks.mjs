// Generic checks of a page as a person sees it, for every e2e spec (plain ESM; types in page-checks.d.mts):
// nothing wider than the viewport, no text overflowing its box, no console error, and no serious or
// critical axe-core violation. The checks know no selector of the app: they look at every element.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Pixels of slack for sub-pixel layout (fractional widths, borders rounded by the engine). */
const SLACK = 1;
/** At most this many lines per page and step. */
const MAX_PROBLEMS = 20;

/** @type {WeakMap<import('playwright-core').Page, { errors: string[]; axeSeen: Set<string> }>} */
const watched = new WeakMap();

/**
 * Starts collecting a page's console errors and uncaught exceptions (call once, right after the
 * page is made, before its first `goto`). `checkPage` reports and clears what was collected.
 */
export function watchPage(page) {
  if (watched.has(page)) return;
  const state = { errors: [], axeSeen: new Set() };
  watched.set(page, state);
  page.on('console', (message) => {
    if (message.type() === 'error') state.errors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => state.errors.push(`uncaught: ${error.message}`));
}

/**
 * Runs in the page: every visible element is looked at. An element wider than the viewport (or
 * sticking out of it sideways), a page that scrolls sideways, and text that does not fit its box
 * (its content wider or taller than the box, whether it spills out or is clipped) are problems.
 * Text cut off on purpose with `text-overflow: ellipsis` is contained, not a problem; form fields
 * scroll their own value and are only held to the viewport.
 */
function layoutInPage() {
  const SLACK = 1;
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : '';
    const testId = el.getAttribute('data-testid');
    const test = testId ? `[data-testid="${testId}"]` : '';
    const cls =
      typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${test}${cls}>${text ? ` "${text}"` : ''}`;
  };
  const scroller = document.scrollingElement ?? document.documentElement;
  if (scroller.scrollWidth > vw + SLACK)
    problems.push(`the page scrolls sideways: ${scroller.scrollWidth} px wide in a ${vw} px viewport`);

  const hasOwnText = (el) =>
    [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
  const formField = (el) => el.matches('input, select, textarea, option, optgroup');
  const replaced = (el) => el.matches('video, audio, img, canvas, iframe, object, embed');

  // The elements a person sees, with their box and style.
  const seen = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!(el instanceof HTMLElement)) continue; // SVG drawings (the QR code) are pictures
    if (el.closest('svg, template, script, style')) continue;
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue; // screen-reader-only text, empty boxes
    seen.push({ el, rect, style: getComputedStyle(el) });
  }

  // 1. Sticking out of the viewport: the outermost element that does (its children only repeat it).
  const out = new Set();
  for (const { el, rect } of seen) {
    if (rect.left >= -SLACK && rect.right <= vw + SLACK) continue;
    out.add(el);
    let parent = el.parentElement;
    while (parent && !out.has(parent)) parent = parent.parentElement;
    if (parent) continue;
    problems.push(
      `${describe(el)} sticks out of the ${vw} px viewport (${Math.round(rect.left)} to ${Math.round(rect.right)} px)`,
    );
  }

  // 2. Content that does not fit its box: the innermost such box (its ancestors only repeat it).
  const reported = [];
  const explained = (el) => reported.some((r) => el.contains(r)) || [...out].some((o) => el.contains(o));
  for (let i = seen.length - 1; i >= 0; i--) {
    const { el, style } = seen[i];
    if (out.has(el) || formField(el) || replaced(el)) continue;
    // Inline boxes have no client size of their own: the block around them is measured instead.
    if (style.display === 'inline' || el.clientWidth === 0 || !el.textContent?.trim()) continue;
    const ellipsis = style.textOverflow === 'ellipsis' && style.overflowX !== 'visible';
    if (el.scrollWidth > el.clientWidth + SLACK && !ellipsis && !explained(el)) {
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      problems.push(
        scrolls
          ? `${describe(el)} scrolls sideways (${el.scrollWidth} px of content in ${el.clientWidth} px)`
          : `${describe(el)}: its content is ${el.scrollWidth} px wide in a ${el.clientWidth} px box`,
      );
      reported.push(el);
      continue;
    }
    // Taller than its box: only a box that holds text itself and clips it, so that a container
    // growing with its children never counts.
    const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
    if (clipsY && hasOwnText(el) && el.scrollHeight > el.clientHeight + SLACK + 1 && !explained(el)) {
      problems.push(`${describe(el)}: its text is ${el.scrollHeight} px tall in a ${el.clientHeight} px box (cut off)`);
      reported.push(el);
      continue;
    }
    // 3. Text that runs out of a box that does not clip it: each text's lines against the box.
    if (!hasOwnText(el) || style.overflowX !== 'visible' || explained(el)) continue;
    const box = el.getBoundingClientRect();
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !(node.textContent ?? '').trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = range.getBoundingClientRect();
      if (text.right > box.right + SLACK + 1 || text.left < box.left - SLACK - 1) {
        problems.push(
          `${describe(el)}: its text runs out of its box (text ${Math.round(text.left)} to ${Math.round(text.right)} px, box ${Math.round(box.left)} to ${Math.round(box.right)} px)`,
        );
        reported.push(el);
        break;
      }
    }
  }
  return problems;
}

/**
 * A fingerprint of the page's look: the address and the set of kinds of element on it (tag, classes,
 * role, disabled), not their text nor how many there are. A third found answer looks like the second;
 * a first one (a new class) is a new look, and axe-core checks it.
 */
function lookInPage() {
  const kinds = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).sort().join('.') : '';
    const state = el.disabled || el.getAttribute('aria-disabled') === 'true' ? ':disabled' : '';
    kinds.add(`${el.tagName}.${cls}[${el.getAttribute('role') ?? ''}]${state}`);
  }
  let hash = 0;
  for (const s of [location.pathname, ...[...kinds].sort()])
    for (let i = 0; i < s.length; i++) hash = (Math.imul(hash, 31) + s.charCodeAt(i)) | 0;
  return String(hash);
}

async function axeProblems(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  // Evaluated over the DevTools protocol: the page's Content-Security-Policy (script-src 'self') stays on.
  if (!loaded) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`,
        ),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.impact} ${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
}

/**
 * Every problem of the page as it is now, as readable lines (empty: all is well).
 * - `axe`: `true` always runs axe-core, `false` never, `'changed'` (default) once per look of the
 *   page (the kinds of element on it, see `lookInPage`; a look already checked is not checked again).
 * - `allowConsole`: patterns of console errors that this step expects (e.g. a 404 on purpose).
 */
export async function pageProblems(page, options = {}) {
  const { axe = 'changed', allowConsole = [] } = options;
  const state = watched.get(page);
  const problems = [];
  if (state) {
    const errors = state.errors.splice(0);
    problems.push(...errors.filter((e) => !allowConsole.some((re) => re.test(e))));
  }
  const t0 = Date.now();
  problems.push(...(await page.evaluate(layoutInPage)));
  const t1 = Date.now();
  let runAxe = axe === true;
  if (axe === 'changed') {
    const look = await page.evaluate(lookInPage);
    const seen = state?.axeSeen ?? new Set();
    runAxe = !seen.has(look);
    seen.add(look);
  }
  if (runAxe) problems.push(...(await axeProblems(page)));
  if (process.env.PAGE_CHECKS_DEBUG)
    console.log(
      `page checks ${page.url().split('/')[3]}: layout ${t1 - t0} ms${runAxe ? `, axe ${Date.now() - t1} ms` : ''}`,
    );
  // A broken layout repeats itself down a long page: the first lines say enough.
  return problems.length > MAX_PROBLEMS
    ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`]
    : problems;
}

/** Throws (naming the step and the page's address) when `pageProblems` finds anything. */
export async function expectPageClean(page, step, options = {}) {
  const problems = await pageProblems(page, options);
  if (problems.length) {
    throw new Error(`${step} (${page.url()}), ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  }
}

/** `expectPageClean` on several pages at once (checked side by side), each with its own label. */
export async function expectPagesClean(pages, step, options = {}) {
  const results = await Promise.allSettled(
    Object.entries(pages).map(([label, page]) => expectPageClean(page, `${step}: ${label}`, options)),
  );
  const failures = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason?.message ?? r.reason));
  if (failures.length) throw new Error(failures.join('\n'));
}

export { SLACK };
