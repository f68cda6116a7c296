#!/usr/bin/env node
import { formatSummary, measureClockSync } from '../apps/web/test/e2e/clock-sync.mjs';
// Issue 4: "every device shows the same seconds within 0.1 s". Starts the BUILT server (run
// `npm run build` first), opens the host console, the TV screen and three phones in Debian's
// Chromium, runs an Open Deur clock and prints how far apart the devices draw it: first with every
// device's clock right, then with two phones' clocks wrong (+4.7 s and -2.3 s).
//   npm run measure:clocks            (or: node scripts/measure-clock-sync.mjs [samples])
import { CHROMIUM, haveChromium, launchChromium, startBuiltServer } from '../apps/web/test/e2e/harness.mjs';

const count = Number(process.argv[2] ?? 40);
if (!haveChromium) {
  console.error(`${CHROMIUM} is missing (apt-get install -y chromium)`);
  process.exit(2);
}

const scenarios = [
  { title: 'Every clock right', skews: {} },
  { title: 'Ann +4.7 s, Bert -2.3 s', skews: { Ann: 4700, Bert: -2300 } },
];

const server = await startBuiltServer();
const browser = await launchChromium();
try {
  console.log(
    `Clock sync: host, screen and 3 players in Chromium (${browser.version()}), one Open Deur clock running.`,
  );
  for (const { title, skews } of scenarios) {
    const { summary } = await measureClockSync(browser, server.url, skews, { count });
    console.log(`\n${formatSummary(title, summary)}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
