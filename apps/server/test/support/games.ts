import type { CreatedQuestionSet } from '@slimste/protocol';
import { type Client, connect, join, type State } from './clients.js';
import { testQuestionSet } from './question-set.fixture.js';
import type { RunningServer } from './server.js';

export interface CreatedGame {
  id: string;
  code: string;
  hostToken: string;
  players: { playerId: string; token: string; name: string }[];
}

/** A set imported over HTTP: its id, the edit token that opens it, and its document. */
export type ImportedSet = Pick<CreatedQuestionSet, 'id' | 'editToken' | 'document'>;

/** Imports the test question set (or `document`). */
export async function importTestSet(
  server: Pick<RunningServer, 'request'>,
  document: unknown = testQuestionSet(),
): Promise<ImportedSet> {
  const res = await server.request('/api/question-sets', { method: 'POST', json: document });
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body)}`);
  const { id, editToken, document: stored } = res.body as CreatedQuestionSet;
  return { id, editToken, document: stored };
}

/** The header that opens a private set (its edit token as bearer). */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/**
 * Creates a game over HTTP and joins `players` players by code. `set` is an imported set (its edit
 * token goes along) or the id of a demo set; without it the server picks its default demo set.
 */
export async function createGame(
  server: Pick<RunningServer, 'request'>,
  options: { set?: ImportedSet | string; config?: Record<string, unknown>; players?: number } = {},
): Promise<CreatedGame> {
  const players = options.players ?? 3;
  const set = options.set;
  const created = await server.request('/api/games', {
    method: 'POST',
    json: { questionSetId: typeof set === 'string' ? set : set?.id, config: { players, ...options.config } },
    headers: typeof set === 'object' ? bearer(set.editToken) : {},
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const game: CreatedGame = { ...created.body, players: [] };
  for (let i = 0; i < players; i++) {
    const name = `Player ${i + 1}`;
    const res = await server.request(`/api/games/${game.code}/players`, { method: 'POST', json: { name } });
    if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
    game.players.push({ playerId: res.body.playerId, token: res.body.token, name });
  }
  return game;
}

export interface Table {
  host: Client;
  players: Client[];
  spectator: Client;
  all: Client[];
  /** The host's `state` right after joining. */
  hostState: State;
}

/** Connects the host, every player and one spectator to a game, each joined with `room`. */
export async function seat(server: RunningServer, game: CreatedGame): Promise<Table> {
  const host = await connect(server.url);
  const { ack, state: hostState } = await join(host, { gameId: game.id, token: game.hostToken });
  if (!hostState) throw new Error(`the host could not join: ${JSON.stringify(ack)}`);
  const players: Client[] = [];
  for (const p of game.players) {
    const socket = await connect(server.url);
    await join(socket, { gameId: game.id, token: p.token });
    players.push(socket);
  }
  const spectator = await connect(server.url);
  await join(spectator, game.id);
  return { host, players, spectator, all: [host, ...players, spectator], hostState };
}

export function closeAll(sockets: Client[]): void {
  for (const s of sockets) s.disconnect();
}
