// @vitest-environment node
/**
 * Issue 4: every device shows the same seconds, within 0.1 s, even when a device's own clock is
 * wrong. In Debian's Chromium against the BUILT server: the host console, the TV screen and three
 * phones, two of them with their clocks set 4.7 s ahead and 2.3 s behind; an Open Deur clock runs
 * and every page's drawn clock is read at the same true instants (see e2e/clock-sync.mjs).
 * A correctness check of the server-time offset, not a benchmark: `npm run measure:clocks` prints
 * the figures.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClockSyncSummary, measureClockSync } from './e2e/clock-sync.mjs';
import { type BuiltServer, CHROMIUM, haveChromium, launchChromium, startBuiltServer } from './e2e/harness.mjs';

if (!haveChromium) console.warn(`clock-sync e2e skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

/** A sample whose frame is older than this at the instant it stands for was a rendering hiccup, not sync. */
const HICCUP_MS = 250;

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

describe.skipIf(!haveChromium)('clock sync across devices', () => {
  let summary: ClockSyncSummary;

  beforeAll(async () => {
    ({ summary } = await measureClockSync(browser, server.url, { Ann: 4700, Bert: -2300 }, { count: 24 }));
  });

  it('corrects each wrong device clock by its measured offset', () => {
    const [host, screen, ann, bert, chris] = summary.perDevice;
    expect([host, screen, ann, bert, chris].map((d) => d?.label)).toEqual(['host', 'screen', 'Ann', 'Bert', 'Chris']);
    // The server runs on this machine, so a right clock's offset is ~0 and a wrong one's is minus its skew.
    expect(Math.abs(ann!.offsetMs + 4700)).toBeLessThan(100);
    expect(Math.abs(bert!.offsetMs - 2300)).toBeLessThan(100);
    for (const d of summary.perDevice) expect(Math.abs(d.errorMs), d.label).toBeLessThan(100);
  });

  it('draws the same remaining time on every device within 100 ms (median over the samples)', () => {
    expect(summary.samples).toBe(24);
    expect(summary.medianSpreadMs).toBeLessThan(100);
  });

  it('shows the same whole seconds on the skewed phones as on the right ones', () => {
    const fresh = summary.rows.filter((r) => r.staleness.every((s) => s < HICCUP_MS));
    expect(fresh.length).toBeGreaterThanOrEqual(summary.samples / 2);
    for (const row of fresh) {
      // Read where the true remaining time is 0.2..0.8 s past a whole second: no device may differ.
      expect(row.seconds).toEqual(row.seconds.map(() => row.expectedSeconds));
    }
  });
});

describe.skipIf(!haveChromium)('the clock-sync measurement itself', () => {
  // The app measures its offset on (re)connect and every 60 s: the jump lands well inside one minute.
  it('sees a device whose clock jumps after it measured its offset (nothing corrects that)', async () => {
    const { summary } = await measureClockSync(
      browser,
      server.url,
      {},
      {
        count: 6,
        beforeSampling: async (devices) => {
          // Ann's phone steps its clock 3 s ahead after connecting, as a network time correction would.
          await devices
            .find((d) => d.label === 'Ann')!
            .page.evaluate(() => {
              const before = Date.now;
              Date.now = () => before() + 3000;
            });
        },
      },
    );
    const ann = summary.perDevice.find((d) => d.label === 'Ann')!;
    expect(Math.abs(ann.errorMs + 3000)).toBeLessThan(100);
    expect(summary.medianSpreadMs).toBeGreaterThan(2900);
    expect(summary.sameSecondsSamples).toBe(0);
  });
});
