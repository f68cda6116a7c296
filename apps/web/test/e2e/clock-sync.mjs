// How far apart the devices' clocks are drawn, measured in Chromium against the built server.
// Plain ESM, shared by scripts/measure-clock-sync.mjs and test/clock-sync.e2e.spec.ts (types in
// clock-sync.d.mts).
//
// Each device is its own browser context. Some get a deliberately wrong clock (Date and
// performance.timeOrigin shifted, as on a phone whose time is off); every page keeps the true clock
// in `window.__clockProbe.trueNow` (the original Date.now: the operating system's clock, the one the
// server and this process read too). The app draws each running clock in requestAnimationFrame and
// writes the exact ms it drew into `data-ms`; the probe notes the true time of every frame. So a
// page's drawn value can be carried to any common true instant exactly (a clock loses 1 ms per ms),
// and the only difference left between devices is the error of their server-time offset.
import { io } from 'socket.io-client';

export const PLAYER_NAMES = ['Ann', 'Bert', 'Chris'];

/**
 * Runs in the page before any of its scripts (playwright `addInitScript`): shifts what the app reads
 * (Date.now, new Date(), performance.timeOrigin) by `skewMs`, keeps the true clock for the probe, and
 * stamps every animation frame with the true time. Must be self-contained: it is serialised.
 */
export function installClockProbe(skewMs) {
  const trueNow = Date.now.bind(Date);
  const probe = { skewMs, trueNow, frameTrue: 0 };
  Object.defineProperty(window, '__clockProbe', { value: probe });
  if (skewMs !== 0) {
    const RealDate = Date;
    RealDate.now = () => trueNow() + skewMs;
    window.Date = new Proxy(RealDate, {
      construct: (target, args, newTarget) =>
        Reflect.construct(target, args.length ? args : [trueNow() + skewMs], newTarget),
      apply: () => new RealDate(trueNow() + skewMs).toString(),
    });
    const origin = performance.timeOrigin + skewMs;
    Object.defineProperty(performance, 'timeOrigin', { get: () => origin });
  }
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    raf((timestamp) => {
      probe.frameTrue = trueNow();
      callback(timestamp);
    });
}

async function postJson(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A game with Open Deur first (its first turn runs a clock), and three players joined over the API. */
export async function createGame(serverUrl) {
  const game = await postJson(`${serverUrl}/api/games`, { config: { rounds: ['openDoor', 'finale'] } });
  const players = [];
  for (const name of PLAYER_NAMES) {
    const joined = await postJson(`${serverUrl}/api/games/${game.code}/players`, { name });
    players.push({ name, playerId: joined.playerId, token: joined.token });
  }
  return { ...game, players };
}

/**
 * The quizmaster's moves, sent from this process over Socket.IO: start the game, let the first
 * player pick a questioner, start their clock. Resolves with the running clock.
 */
export async function runFirstClock(serverUrl, game) {
  const socket = io(`${serverUrl}/games`, { transports: ['websocket'], forceNew: true });
  let state = null;
  socket.on('state', (message) => {
    if (!state || message.version >= state.version) state = message;
  });
  try {
    const joined = await socket.timeout(10_000).emitWithAck('room', { gameId: game.id, token: game.hostToken });
    if (!joined?.ok) throw new Error(`host join refused: ${JSON.stringify(joined)}`);
    const send = async (command) => {
      const ack = await socket.timeout(10_000).emitWithAck('command', command);
      if (!ack?.ok) throw new Error(`${command.type} refused: ${JSON.stringify(ack)}`);
    };
    await send({ type: 'game.start' });
    for (let step = 0; step < 10 && !state.clock; step++) {
      const next = state.next?.command;
      if (next === 'item.pick') {
        const questioner = state.round.questioners.find((q) => !q.used);
        await send({ type: 'item.pick', itemId: questioner.id });
      } else if (next === 'clock.start') await send({ type: 'clock.start' });
      else throw new Error(`no way to a running clock from next step ${JSON.stringify(state.next)}`);
    }
    if (!state.clock) throw new Error('no clock runs');
    return state.clock;
  } finally {
    socket.close();
  }
}

/**
 * The devices of a quiz night, each its own browser context with its own clock skew: the host's
 * console, the TV screen, and the three players' phones.
 */
export async function openDevices(browser, serverUrl, game, skews) {
  const specs = [
    { label: 'host', path: `/host/${game.id}#token=${game.hostToken}&code=${game.code}`, size: [1280, 900] },
    { label: 'screen', path: `/screen/${game.id}#code=${game.code}`, size: [1600, 900] },
    ...game.players.map((p) => ({ label: p.name, path: `/play/${game.id}`, size: [390, 844], mobile: true, p })),
  ];
  const devices = [];
  for (const spec of specs) {
    const skewMs = skews[spec.label] ?? 0;
    const context = await browser.newContext({
      viewport: { width: spec.size[0], height: spec.size[1] },
      locale: 'en-US',
      isMobile: !!spec.mobile,
      hasTouch: !!spec.mobile,
    });
    await context.addInitScript(installClockProbe, skewMs);
    if (spec.p) {
      const secret = JSON.stringify({ playerId: spec.p.playerId, token: spec.p.token, name: spec.p.name });
      await context.addInitScript(
        ({ key, value }) => {
          try {
            localStorage.setItem(key, value);
          } catch {
            // about:blank has no storage
          }
        },
        { key: `slimste:player:${game.id}`, value: secret },
      );
    }
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[page error] ${spec.label}: ${e.message}`));
    await page.goto(`${serverUrl}${spec.path}`);
    devices.push({ label: spec.label, skewMs, context, page });
  }
  return devices;
}

/** Runs in the page: waits for true instant `at`, then reads the running clock as drawn. */
function readClockAt({ at, playerId }) {
  const probe = window.__clockProbe;
  const read = () => {
    const clock = document.querySelector(`.player-clock.running[data-player-id="${playerId}"]`);
    return {
      readTrue: probe.trueNow(),
      frameTrue: probe.frameTrue,
      ms: clock ? Number(clock.getAttribute('data-ms')) : null,
      seconds: clock ? Number(clock.querySelector('[data-testid="seconds"]')?.textContent) : null,
    };
  };
  return new Promise((resolve) => {
    const wait = at - probe.trueNow();
    setTimeout(
      () => {
        // A timer may fire a little early: spend the last moment here.
        while (probe.trueNow() < at) {}
        resolve(read());
      },
      Math.max(0, wait - 2),
    );
  });
}

/**
 * `count` samples of every device's drawn clock, each at one true instant. The instants sit where the
 * true remaining time is 0.2..0.8 s past a whole second, so every honest device shows the same second.
 */
export async function sampleClocks(devices, clock, { count = 40, leadMs = 80 } = {}) {
  const zeroAt = clock.startedAt + clock.msAtStart; // the true instant this clock would reach 0
  const samples = [];
  while (samples.length < count) {
    let remaining = Math.floor((zeroAt - (Date.now() + leadMs)) / 100) * 100;
    while (remaining % 1000 < 200 || remaining % 1000 > 800) remaining -= 100;
    if (remaining < 1000) throw new Error('the clock ran out before the samples were taken');
    const at = zeroAt - remaining;
    const reads = await Promise.all(devices.map((d) => d.page.evaluate(readClockAt, { at, playerId: clock.playerId })));
    samples.push({ at, trueRemaining: remaining, reads });
  }
  return samples;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * Per sample: each device's drawn ms carried to the common instant (`atInstant`) and as it stood on
 * screen then (`onScreen`, a frame old at most); their spreads; whether every device showed the whole
 * seconds the server's clock says. Per device: its error against the server's clock and the offset it
 * applies (derived: drawn = msAtStart - (trueNow + skew + offset - startedAt)).
 */
export function summarize(devices, samples) {
  const rows = samples.map((s) => {
    const atInstant = s.reads.map((r) => (r.ms === null ? Number.NaN : r.ms - (s.at - r.frameTrue)));
    const onScreen = s.reads.map((r) => (r.ms === null ? Number.NaN : r.ms));
    const staleness = s.reads.map((r) => s.at - r.frameTrue);
    const expectedSeconds = Math.ceil(s.trueRemaining / 1000);
    return {
      atInstant,
      onScreen,
      staleness,
      spreadAtInstant: Math.max(...atInstant) - Math.min(...atInstant),
      spreadOnScreen: Math.max(...onScreen) - Math.min(...onScreen),
      seconds: s.reads.map((r) => r.seconds),
      expectedSeconds,
      sameSeconds: s.reads.every((r) => r.seconds === expectedSeconds),
      errors: atInstant.map((v) => v - s.trueRemaining),
    };
  });
  const perDevice = devices.map((d, i) => {
    const error = median(rows.map((r) => r.errors[i]));
    return {
      label: d.label,
      skewMs: d.skewMs,
      errorMs: error,
      offsetMs: -d.skewMs - error,
      worstStalenessMs: Math.max(...rows.map((r) => r.staleness[i])),
    };
  });
  const spreads = rows.map((r) => r.spreadAtInstant);
  const screenSpreads = rows.map((r) => r.spreadOnScreen);
  return {
    samples: rows.length,
    overMs: samples.length ? samples[samples.length - 1].at - samples[0].at : 0,
    medianSpreadMs: median(spreads),
    worstSpreadMs: Math.max(...spreads),
    medianOnScreenSpreadMs: median(screenSpreads),
    worstOnScreenSpreadMs: Math.max(...screenSpreads),
    sameSecondsSamples: rows.filter((r) => r.sameSeconds).length,
    rows,
    perDevice,
  };
}

/**
 * One whole measurement: a fresh game, the devices with their skews, a running clock, the samples.
 * `options.beforeSampling(devices)` may disturb the devices once their clocks run (a negative control).
 */
export async function measureClockSync(browser, serverUrl, skews, options = {}) {
  const game = await createGame(serverUrl);
  const devices = await openDevices(browser, serverUrl, game, skews);
  try {
    const clock = await runFirstClock(serverUrl, game);
    const running = `.player-clock.running[data-player-id="${clock.playerId}"]`;
    for (const d of devices) await d.page.waitForSelector(running, { timeout: 15_000 });
    // Let every page finish its offset measurement and draw a few frames.
    await new Promise((r) => setTimeout(r, 500));
    await options.beforeSampling?.(devices);
    const samples = await sampleClocks(devices, clock, options);
    return { clock, summary: summarize(devices, samples) };
  } finally {
    for (const d of devices) await d.context.close().catch(() => {});
  }
}

const ms = (x, digits = 1) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)} ms`;

/** The figures as text, one scenario. */
export function formatSummary(title, summary) {
  const lines = [
    `${title}: ${summary.samples} samples over ${(summary.overMs / 1000).toFixed(1)} s`,
    `  spread of the drawn remaining time at a common instant: median ${summary.medianSpreadMs.toFixed(1)} ms, worst ${summary.worstSpreadMs.toFixed(1)} ms`,
    `  as on screen at that instant (adds up to a frame of drawing lag): median ${summary.medianOnScreenSpreadMs.toFixed(1)} ms, worst ${summary.worstOnScreenSpreadMs.toFixed(1)} ms`,
    `  every device showed the server's whole seconds in ${summary.sameSecondsSamples}/${summary.samples} samples`,
    '  device   clock skew   offset applied   error vs server   oldest frame',
  ];
  for (const d of summary.perDevice)
    lines.push(
      `  ${d.label.padEnd(8)} ${ms(d.skewMs, 0).padStart(10)}   ${ms(d.offsetMs).padStart(14)}   ${ms(d.errorMs).padStart(15)}   ${d.worstStalenessMs.toFixed(0).padStart(9)} ms`,
    );
  return lines.join('\n');
}
