import type { GameLog, ReplayPage } from '@slimste/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, connect, emit, joinState, record, type State } from './support/clients.js';
import { assertNoUnrevealedAnswers, playToEnd, waitForVersion } from './support/driver.js';
import { bearer, type CreatedGame, closeAll, createGame, importTestSet, seat } from './support/games.js';
import { type RunningServer, removeDir, startServer, storageModes } from './support/server.js';

/** A state without the moment it was made (a live frame's and a replay's differ there only). */
const timeless = ({ serverTime: _t, ...rest }: State) => rest;

/** Parses RFC 4180 as the server writes it (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe.each(storageModes())('a game’s history: log, results, replay (host only, $name)', ({ env }) => {
  let server: RunningServer;
  let game: CreatedGame;
  let other: CreatedGame;
  let screen: State[];
  let final: State;
  const sockets: Client[] = [];

  const get = (path: string, token?: string) => server.request(path, { headers: token ? bearer(token) : {} });

  beforeAll(async () => {
    server = await startServer({ env });
    const set = await importTestSet(server);
    const created = await server.request('/api/games', {
      method: 'POST',
      headers: bearer(set.editToken),
      json: {
        questionSetId: set.id,
        config: { players: 3, rounds: ['threeSixNine', 'openDoor', 'finale'], threeSixNine: { questions: 3 } },
      },
    });
    expect(created.status).toBe(201);
    game = { ...created.body, players: [] };
    // The screen is there from version 0 on: it sees every version the replay must show.
    const spectator = await connect(server.url);
    sockets.push(spectator);
    screen = record(spectator, 'state');
    await joinState(spectator, game.id);
    // A name a spreadsheet would take for a formula.
    for (const name of ['=SUM(1+1)', 'Bea, "B"', 'Cas']) {
      const res = await server.request(`/api/games/${game.code}/players`, { method: 'POST', json: { name } });
      expect(res.status).toBe(201);
      game.players.push({ playerId: res.body.playerId, token: res.body.token, name });
    }
    const table = await seat(server, game);
    sockets.push(...table.all);
    const host = record(table.host, 'state');
    let version = table.hostState.version;
    const send = async (command: Record<string, unknown>) => {
      const ack = await emit(table.host, 'command', command);
      expect(ack, JSON.stringify(command)).toEqual({ ok: true, version: version + 1 });
      version = ack.version;
      return waitForVersion(host, version);
    };
    const [p1, p2, p3] = game.players.map((p) => p.playerId);
    await send({ type: 'lobby.seats', order: [p1, p2, p3] });
    await send({ type: 'game.start' });
    await send({ type: 'seconds.adjust', playerId: p2, delta: 5, reason: 'undone later' });
    await send({ type: 'undo' });
    await send({ type: 'seconds.adjust', playerId: p3, delta: -3, reason: '@jury' });
    await send({ type: 'game.pause' });
    table.hostState = await send({ type: 'game.resume' });
    const played = await playToEnd(table, game, set.document);
    final = played.finalHost;
    await waitForVersion(screen, final.version);
    other = await createGame(server, { players: 2 });
  }, 60_000);

  afterAll(async () => {
    closeAll(sockets);
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('replays every version exactly as the screen saw it, page by page', async () => {
    expect(screen.map((s) => s.version)).toEqual(Array.from({ length: final.version + 1 }, (_, v) => v));
    const replayed: State[] = [];
    for (let from = 0; from <= final.version; from += 7) {
      const res = await get(`/api/games/${game.id}/replay?from=${from}&count=7`, game.hostToken);
      expect(res.status).toBe(200);
      const page = res.body as ReplayPage;
      expect(page).toMatchObject({ gameId: game.id, code: game.code, from, version: final.version });
      expect(page.states.map((s) => s.version)).toEqual(
        Array.from({ length: Math.min(7, final.version + 1 - from) }, (_, i) => from + i),
      );
      replayed.push(...(page.states as State[]));
    }
    expect(replayed.map(timeless)).toEqual(screen.map(timeless));
    // The screen's view, never the host's.
    for (const s of replayed) {
      expect(s).toMatchObject({ role: 'spectator', playerId: null });
      assertNoUnrevealedAnswers(s);
    }
    // One page of everything, with the defaults: 50 from version 0.
    const all = await get(`/api/games/${game.id}/replay?count=200`, game.hostToken);
    expect((all.body as ReplayPage).states.map(timeless)).toEqual(screen.map(timeless));
    const first = await get(`/api/games/${game.id}/replay`, game.hostToken);
    expect((first.body as ReplayPage).states).toHaveLength(Math.min(50, final.version + 1));
    // Each state is stamped with the moment of its version.
    const log = (await get(`/api/games/${game.id}/log`, game.hostToken)).body as GameLog;
    const last = (all.body as ReplayPage).states.at(-1);
    expect(last?.serverTime).toBe(Date.parse(log.events.at(-1)?.at ?? ''));
  });

  it('a long game replays the same from its checkpoints, whichever page is asked for first', async () => {
    const long = await createGame(server, { players: 2 });
    const spectator = await connect(server.url);
    sockets.push(spectator);
    const frames = record(spectator, 'state');
    await joinState(spectator, long.id);
    const host = await connect(server.url);
    sockets.push(host);
    const hostFrames = record(host, 'state');
    await joinState(host, { gameId: long.id, token: long.hostToken });
    const [a, b] = long.players.map((p) => p.playerId);
    let version = frames[0]!.version;
    const send = async (command: Record<string, unknown>) => {
      const ack = await emit(host, 'command', command);
      expect(ack, JSON.stringify(command)).toEqual({ ok: true, version: version + 1 });
      version = ack.version;
    };
    await send({ type: 'game.start' });
    // Past two checkpoints (every 100 versions), with corrections and undos on the way.
    for (let i = 0; version < 260; i++) {
      if (i % 10 === 9) await send({ type: 'undo' });
      else if (i % 3 === 0) await send({ type: 'seconds.adjust', playerId: i % 2 ? a : b, delta: (i % 5) + 1 });
      else {
        const now = await waitForVersion(hostFrames, version);
        await send({ type: now.paused ? 'game.resume' : 'game.pause' });
      }
    }
    await waitForVersion(frames, version);
    const page = async (from: number, count: number) => {
      const res = await get(`/api/games/${long.id}/replay?from=${from}&count=${count}`, long.hostToken);
      expect(res.status).toBe(200);
      return (res.body as ReplayPage).states as State[];
    };
    // The spectator joined after the two joins: from version 3 on it heard every version as it happened.
    const heard = (states: State[], from: number, count: number) =>
      states.filter((f) => f.version > 2 && f.version >= from && f.version < from + count).map(timeless);
    // The far end first (nothing cached: from version 0), then pages that start at, after and
    // before a checkpoint.
    for (const [from, count] of [
      [230, 40],
      [150, 60],
      [100, 1],
      [99, 3],
      [0, 200],
      [200, 61],
      [260, 5],
    ] as const) {
      const states = await page(from, count);
      expect(states.map((f) => f.version)).toEqual(
        Array.from({ length: Math.min(count, version + 1 - from) }, (_, i) => from + i),
      );
      expect(heard(states, from, count), `from ${from}`).toEqual(heard(frames, from, count));
    }
  });

  it('is for the host only: 401 without a token, 403 with another, 404 for an unknown game', async () => {
    for (const path of ['log', 'results.csv', 'replay']) {
      const url = `/api/games/${game.id}/${path}`;
      expect(await get(url)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
      expect(await get(url, game.players[0]?.token)).toMatchObject({
        status: 403,
        body: { error: { code: 'forbidden' } },
      });
      expect(await get(url, other.hostToken)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect(await get(url, 'not-a-token')).toMatchObject({ status: 403 });
      expect(await get(`/api/games/no-such-game/${path}`, game.hostToken)).toMatchObject({
        status: 404,
        body: { error: { code: 'not_found' } },
      });
    }
  });

  it('is in the OpenAPI description, each route with the bearer and the replay with its query', async () => {
    const doc = (await server.request('/api/docs-json')).body;
    for (const path of ['/api/games/{id}/log', '/api/games/{id}/results.csv', '/api/games/{id}/replay']) {
      const get = doc.paths[path]?.get;
      expect(get, path).toBeDefined();
      expect(get.security.some((s: Record<string, unknown>) => 'bearer' in s)).toBe(true);
      expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404']));
    }
    const replay = doc.paths['/api/games/{id}/replay'].get;
    expect(replay.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'count']));
    expect(Object.keys(replay.responses)).toContain('400');
  });

  it('refuses a range it cannot serve with invalid_range', async () => {
    for (const query of ['count=0', 'count=201', 'count=1.5', 'from=-1', 'from=abc', `from=${final.version + 1}`]) {
      const res = await get(`/api/games/${game.id}/replay?${query}`, game.hostToken);
      expect(res, query).toMatchObject({ status: 400, body: { error: { code: 'invalid_range' } } });
    }
    const end = await get(`/api/games/${game.id}/replay?from=${final.version}&count=200`, game.hostToken);
    expect((end.body as ReplayPage).states.map((s) => s.version)).toEqual([final.version]);
  });

  it('downloads the whole event log: every version, who, when, what', async () => {
    const res = await get(`/api/games/${game.id}/log`, game.hostToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="slimste-${game.code}-log.json"`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const log = res.body as GameLog;
    expect(log).toMatchObject({ format: 'slimste.game-log', gameId: game.id, code: game.code, version: final.version });
    expect(Number.isNaN(Date.parse(log.createdAt))).toBe(false);
    expect(log.events.map((e) => e.version)).toEqual(Array.from({ length: final.version }, (_, i) => i + 1));
    expect(log.events.slice(0, 3).map((e) => [e.actor, e.command.type])).toEqual([
      [{ role: 'system' }, 'lobby.join'],
      [{ role: 'system' }, 'lobby.join'],
      [{ role: 'system' }, 'lobby.join'],
    ]);
    expect(log.events[4]).toMatchObject({ actor: { role: 'host' }, command: { type: 'game.start' } });
    expect(log.events.find((e) => e.command.type === 'undo')?.events).toEqual([
      { type: 'undone', command: 'seconds.adjust' },
    ]);
    for (const e of log.events) expect(new Date(e.at).toISOString()).toBe(e.at);
  });

  it('gives the results as CSV: found, missed, corrections (undone ones left out), seconds after each round', async () => {
    const res = await fetch(`${server.url}/api/games/${game.id}/results.csv`, { headers: bearer(game.hostToken) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="slimste-${game.code}-results.csv"`);
    // The bytes as sent: a UTF-8 byte order mark first (res.text() would drop it).
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual([
      'type',
      'version',
      'time',
      'round',
      'round_kind',
      'item',
      'question',
      'answer',
      'player',
      'seat',
      'seconds',
      'reason',
    ]);
    const col = (name: string) => header!.indexOf(name);
    const of = (type: string) => rows.filter((r) => r[0] === type);
    // The formula-looking name comes out quoted, never as a formula.
    const ann = "'=SUM(1+1)";
    expect(rows.flat().filter((c) => /^[=+\-@]/.test(c) && !/^-\d+$/.test(c))).toEqual([]);

    // The undone +5 is gone; the −3 stands, its reason guarded.
    expect(of('correction').map((r) => [r[col('player')], r[col('seconds')], r[col('reason')]])).toEqual([
      ['Cas', '-3', "'@jury"],
    ]);
    // 3-6-9: questions 1 and 3 answered (by seat 1, who keeps the turn), 2 missed by everyone.
    const found369 = of('found').filter((r) => r[col('round_kind')] === 'threeSixNine');
    expect(found369.map((r) => [r[col('item')], r[col('answer')], r[col('player')], r[col('seconds')]])).toEqual([
      ['q1', 'SECRET 369 answer 1', ann, '0'],
      ['q3', 'SECRET 369 answer 3', ann, '10'],
    ]);
    expect(
      of('missed')
        .filter((r) => r[col('round_kind')] === 'threeSixNine')
        .map((r) => [r[col('item')], r[col('question')], r[col('answer')]]),
    ).toEqual([['q2', 'Question 2?', 'SECRET 369 answer 2']]);
    // Open Deur: each questioner's four answers are each found or missed, once.
    const doors = rows.filter((r) => r[col('round_kind')] === 'openDoor' && (r[0] === 'found' || r[0] === 'missed'));
    const items = [...new Set(doors.map((r) => r[col('item')]))];
    expect(items).toHaveLength(3);
    for (const item of items) expect(doors.filter((r) => r[col('item')] === item)).toHaveLength(4);
    expect(doors.filter((r) => r[0] === 'found').every((r) => r[col('seconds')] === '20')).toBe(true);
    // The finale: each answer takes 20 s off the opponent, named in the reason.
    const finale = of('found').filter((r) => r[col('round_kind')] === 'finale');
    expect(finale.length).toBeGreaterThan(0);
    for (const r of finale) expect(r[col('reason')]).toMatch(/^20 s off (=SUM|Bea|Cas)/);

    // Seconds of every player after each of the three rounds; after the last, as the game ended.
    const seconds = of('seconds');
    expect(seconds.map((r) => r[col('round')])).toEqual(['1', '1', '1', '2', '2', '2', '3', '3', '3']);
    expect(seconds.slice(6).map((r) => [r[col('player')], Number(r[col('seconds')])])).toEqual(
      [...final.players]
        .sort((a, b) => a.seat - b.seat)
        .map((p) => [p.name.startsWith('=') ? `'${p.name}` : p.name, p.seconds]),
    );
    // Every row names the version and the time of its action.
    const log = (await get(`/api/games/${game.id}/log`, game.hostToken)).body as GameLog;
    const atOf = new Map(log.events.map((e) => [String(e.version), e.at]));
    for (const r of rows) expect(r[col('time')]).toBe(atOf.get(r[col('version')]!));
  });
});
