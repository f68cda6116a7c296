// One load run over the real protocol: N games, each with a host, 3 players and a spectator on
// their own sockets (plus K extra spectators on the first game). Every game's host sends a
// command every `interval` ms; each socket notes when the `state` that command made reaches it.
import { io } from 'socket.io-client';
import { cpuMs, rssBytes } from './proc.mjs';

const PLAYERS = 3;

/** Runs `fn` over `items`, at most `limit` at a time. */
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function post(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (res.status === 429 || json?.error?.code === 'quota_exceeded') {
    throw new Error(
      `the server answered ${res.status} (its per-address limits or quotas): start it with` +
        ' HTTP_RATE_BURST=1000000000 ' +
        'HTTP_RATE_PER_MINUTE=1000000000 SOCKET_RATE_PER_SECOND=1000000 SOCKET_RATE_BURST=1000000 ' +
        'SOCKET_RATE_PER_ADDRESS_PER_SECOND=1000000000 SOCKET_RATE_PER_ADDRESS_BURST=1000000000 ' +
        'MAX_SOCKETS_PER_ADDRESS=1000000 MAX_LIVE_GAMES_PER_ADDRESS=1000000 MAX_LIVE_GAMES=1000000 for a ' +
        'load test, or let the tool start it (no --url)',
    );
  }
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The server's storage counters (GET /api/stats, with its ADMIN_TOKEN); null when it cannot be read. */
async function storageStats(url, adminToken) {
  if (!adminToken) return null;
  try {
    const res = await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${adminToken}` } });
    return res.ok ? ((await res.json()).storage ?? null) : null;
  } catch {
    return null;
  }
}

/** Commands per commit and the commits' time per command (SQLite) between two readings. */
function storageInWindow(before, after) {
  if (!before || !after) return null;
  const commands = after.commands - before.commands;
  const commits = after.commits - before.commits;
  if (!commands || !commits) return null;
  const commitMs = after.commitMs === null ? null : after.commitMs - before.commitMs;
  return {
    commands,
    commits,
    commandsPerCommit: commands / commits,
    commitUsPerCommand: commitMs === null ? null : (commitMs * 1000) / commands,
  };
}

/** A game with its host and players, over Slimste's HTTP API; for the bare yardstick, made-up ids. */
async function makeGame(url, bare, i) {
  if (bare) {
    const id = `bare-game-${i}`;
    return {
      id,
      hostToken: 'host',
      players: Array.from({ length: PLAYERS }, (_, p) => ({ playerId: `p${p}`, token: 't' })),
    };
  }
  const game = await post(`${url}/api/games`, { config: { players: PLAYERS } });
  const players = [];
  for (let p = 0; p < PLAYERS; p++)
    players.push(await post(`${url}/api/games/${game.code}/players`, { name: `Speler ${p + 1}` }));
  return { id: game.id, hostToken: game.hostToken, players };
}

/** Connects one socket and joins its game; resolves with its first `state`. */
function joinSocket(url, room, onState) {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/games`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
    });
    let joined = null;
    socket.on('state', (message) => {
      if (!joined) {
        joined = { socket, version: message.version, latest: message };
        resolve(joined);
        return;
      }
      // The latest state: the bare yardstick sends one like it (a state of the game in play).
      joined.latest = message;
      onState(message);
    });
    socket.on('connect_error', (err) => reject(new Error(`connect: ${err.message}`)));
    socket.on('connect', () => {
      socket.emit('room', room, (ack) => {
        if (!ack?.ok) reject(new Error(`room: ${JSON.stringify(ack)}`));
      });
    });
  });
}

/**
 * @param {{ url: string, bare: boolean, games: number, interval: number, duration: number,
 *   warmup: number, spectators: number, pid: number | number[] | null, proxyPid?: number,
 *   target?: string, log?: (line: string) => void }} options
 * `pid`: the server process, or a cluster's nodes (their CPU and memory summed); `proxyPid`: a
 * load balancer in front of them, whose CPU is reported on its own.
 */
export async function runLoad(options) {
  const { url, bare, games: gameCount, interval, duration, warmup, spectators, pid } = options;
  const log = options.log ?? (() => {});
  const errors = [];
  const rssStart = pid ? rssBytes(pid) : null;

  log(`creating ${gameCount} games with ${PLAYERS} players each...`);
  const games = await pool(Array.from({ length: gameCount }), 16, (_, i) => makeGame(url, bare, i));
  await sleep(500);
  const rssGames = pid ? rssBytes(pid) : null;

  // Per game: when each command was sent (by version) and how many sockets have its state.
  const tracks = games.map(() => ({ base: 0, sentAt: [], received: [], acked: [], sockets: 0 }));
  const latencies = [];
  const onState = (g) => (message) => {
    const track = tracks[g];
    const k = message.version - track.base - 1;
    if (k < 0 || k >= track.sentAt.length) return;
    track.received[k] = (track.received[k] ?? 0) + 1;
    const sent = track.sentAt[k];
    if (sent.measured) latencies.push(performance.now() - sent.at);
  };

  const rooms = [];
  games.forEach((game, g) => {
    rooms.push({ g, host: true, room: { gameId: game.id, token: game.hostToken } });
    for (const p of game.players) rooms.push({ g, room: { gameId: game.id, token: p.token } });
    rooms.push({ g, room: game.id });
  });
  for (let s = 0; s < spectators; s++) rooms.push({ g: 0, room: games[0].id });
  log(`connecting ${rooms.length} sockets...`);
  const connected = await pool(rooms, 64, async (r) => {
    const joined = await joinSocket(url, r.room, onState(r.g));
    tracks[r.g].sockets += 1;
    return { ...r, ...joined };
  });
  const hosts = connected.filter((c) => c.host);
  // The bare yardstick has no lobby; Slimste's games start so that seconds.adjust is allowed.
  if (!bare) {
    await pool(hosts, 64, (h) => new Promise((resolve) => h.socket.emit('command', { type: 'game.start' }, resolve)));
  }
  await sleep(1_000);
  for (const h of hosts) tracks[h.g].base = bare ? 0 : h.version + 1;
  const rssSockets = pid ? rssBytes(pid) : null;

  // The load: every host sends a command every `interval` ms, the games spread evenly over it.
  log(`load: ${gameCount} games, one command per game every ${interval} ms, ${warmup} s warm-up + ${duration} s`);
  let ackedInWindow = 0;
  let windowOpen = false;
  /** Whether commands sent now count (after the warm-up, before the end). */
  let measured = false;
  const timers = [];
  for (const h of hosts) {
    const game = games[h.g];
    const track = tracks[h.g];
    let n = 0;
    const send = () => {
      const k = track.sentAt.length;
      const player = game.players[n % PLAYERS];
      const command = { type: 'seconds.adjust', playerId: player.playerId, delta: n % 2 ? 1 : -1 };
      n += 1;
      track.sentAt.push({ at: performance.now(), measured });
      h.socket.emit('command', command, (ack) => {
        if (ack?.ok) {
          track.acked[k] = true;
          if (windowOpen) ackedInWindow += 1;
        } else errors.push(ack?.error?.code ?? 'no ack');
      });
    };
    const start = setTimeout(() => {
      send();
      timers.push(setInterval(send, interval));
    }, Math.random() * interval);
    timers.push(start);
  }
  await sleep(warmup * 1_000);
  measured = true;
  windowOpen = true;
  await options.onWindow?.('start');
  const storage0 = await storageStats(url, options.adminToken);
  const cpu0 = pid ? cpuMs(pid) : null;
  const proxy0 = options.proxyPid ? cpuMs(options.proxyPid) : null;
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(duration * 1_000);
  windowOpen = false;
  const cpu1 = pid ? cpuMs(pid) : null;
  const proxy1 = options.proxyPid ? cpuMs(options.proxyPid) : null;
  const rssEnd = pid ? rssBytes(pid) : null;
  const self = process.cpuUsage(self0);
  const seconds = (performance.now() - t0) / 1_000;
  const storage1 = await storageStats(url, options.adminToken);
  await options.onWindow?.('end');
  measured = false;
  for (const t of timers) clearInterval(t);
  // In-flight states still count: give them time to arrive.
  await sleep(3_000);

  let measuredCommands = 0;
  let missed = 0;
  let unacked = 0;
  tracks.forEach((track) => {
    track.sentAt.forEach((sent, k) => {
      if (!sent.measured) return;
      measuredCommands += 1;
      if (!track.acked[k]) unacked += 1;
      else missed += track.sockets - (track.received[k] ?? 0);
    });
  });
  // What the bare yardstick sends: a host's and a spectator's state as this server sent them
  // during the load (not the lobby's, which is smaller).
  const hostSocket = connected.find((c) => c.host);
  const screenSocket = connected.find((c) => !c.host && c.room === games[0].id);
  const sample = { host: hostSocket?.latest, screen: screenSocket?.latest };
  const frameBytes = {
    host: Buffer.byteLength(JSON.stringify(hostSocket?.latest ?? null)),
    screen: Buffer.byteLength(JSON.stringify(screenSocket?.latest ?? null)),
  };
  for (const c of connected) c.socket.disconnect();

  const sockets = connected.length;
  return {
    target: options.target ?? (bare ? 'bare' : 'slimste'),
    games: gameCount,
    sockets,
    interval,
    seconds,
    commandsSent: measuredCommands,
    commandsAcked: ackedInWindow,
    commandsPerSecond: ackedInWindow / seconds,
    latencies,
    deliveries: latencies.length,
    missed,
    unacked,
    errors: errors.length,
    errorCodes: [...new Set(errors)],
    cpuMsPerCommand: cpu0 !== null && cpu1 !== null && ackedInWindow ? (cpu1 - cpu0) / ackedInWindow : null,
    proxyCpuMsPerCommand:
      proxy0 !== null && proxy1 !== null && ackedInWindow ? (proxy1 - proxy0) / ackedInWindow : null,
    cpuShare: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / 1_000 / seconds : null,
    /** The load tool's own CPU in the window: near a whole core, its figures include its own queueing. */
    toolCpuShare: (self.user + self.system) / 1e6 / seconds,
    /** The server's own count of what it stored in the window (GET /api/stats), when it could read it. */
    storage: storageInWindow(storage0, storage1),
    bytesPerSocket: rssSockets && rssGames ? (rssSockets - rssGames) / sockets : null,
    /** The same at the end of the load: what the traffic left behind counts too (buffers, caches). */
    bytesPerSocketAfterLoad: rssEnd && rssGames ? (rssEnd - rssGames) / sockets : null,
    bytesPerGame: rssGames && rssStart && !bare ? (rssGames - rssStart) / gameCount : null,
    rss: rssSockets,
    sample,
    frameBytes,
  };
}
