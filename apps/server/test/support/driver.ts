import type { AnswerView, QuestionSetDocument, RoundView } from '@slimste/protocol';
import { expect } from 'vitest';
import { type Client, emit, record, type State } from './clients.js';
import type { CreatedGame, Table } from './games.js';
import { SECRET } from './question-set.fixture.js';

type Step = { by: 'host' | string; command: Record<string, unknown> };

/**
 * Decides the next command from the host's view, the way a quizmaster and players would play:
 * 3-6-9 alternately right and wrong; in a turn one answer per go, then the player says stop; the
 * gallery alternately named and passed; the finale two answers per go.
 */
export function nextStep(state: State, set: QuestionSetDocument, goLog: Map<string, number>): Step | null {
  if (state.phase === 'lobby') return { by: 'host', command: { type: 'game.start' } };
  if (state.phase === 'finished') return null;
  if (state.paused) return { by: 'host', command: { type: 'game.resume' } };
  const r = state.round;
  if (!r) throw new Error('a game in play without a round');
  if (r.kind === 'threeSixNine') {
    if (r.stage === 'done') return { by: 'host', command: { type: 'game.next' } };
    const id = set.rounds.threeSixNine[r.number - 1]!.id;
    return r.number % 2 === 1
      ? { by: 'host', command: { type: 'answer.correct', answerId: id } }
      : { by: 'host', command: { type: 'answer.wrong' } };
  }
  if (r.kind === 'finale') {
    if (r.stage === 'ready') return { by: 'host', command: { type: 'clock.start' } };
    if (r.stage === 'done') return { by: 'host', command: { type: 'game.next' } };
    const key = `finale:${r.number}:${r.answererId}`;
    const found = goLog.get(key) ?? 0;
    const open = r.answers.find((a) => !a.found);
    if (found < 2 && open) {
      goLog.set(key, found + 1);
      return { by: 'host', command: { type: 'answer.correct', answerId: open.id } };
    }
    return { by: r.answererId, command: { type: 'clock.stop' } };
  }
  const t = r.turn;
  if (!t || t.stage === 'done') return { by: 'host', command: { type: 'game.next' } };
  if (t.stage === 'pick') {
    const items = r.kind === 'openDoor' ? r.questioners : r.kind === 'collectiveMemory' ? r.clips : [];
    const free = items.find((i) => !i.used);
    if (!free) throw new Error(`nothing left to pick in ${r.kind}`);
    return { by: t.ownerId, command: { type: 'item.pick', itemId: free.id } };
  }
  if (t.stage === 'ready') return { by: 'host', command: { type: 'clock.start' } };
  const key = `${state.roundIndex}:${t.ownerId}:${t.answererId}:${t.passed.length}`;
  const actions = goLog.get(key) ?? 0;
  goLog.set(key, actions + 1);
  if (r.kind === 'gallery') {
    const photoId = r.turn?.currentPhotoId;
    return actions % 2 === 0 && photoId
      ? { by: 'host', command: { type: 'answer.correct', answerId: photoId } }
      : { by: 'host', command: { type: 'answer.wrong' } };
  }
  const open = turnAnswers(r)?.list.find((a) => !a.found);
  if (actions === 0 && open) return { by: 'host', command: { type: 'answer.correct', answerId: open.id } };
  return { by: t.answererId, command: { type: 'clock.stop' } };
}

/** The answers of the turn (or finale question) in play, and whether they have all been revealed. */
export function turnAnswers(r: RoundView): { list: AnswerView[]; revealed: boolean } | null {
  switch (r.kind) {
    case 'threeSixNine':
      return null;
    case 'finale':
      // A finale question that is done shows all its answers (also when it ended the game).
      return { list: r.answers, revealed: r.revealed || r.stage === 'done' };
    case 'openDoor':
      return r.turn && { list: r.turn.answers, revealed: r.turn.revealed };
    case 'puzzle':
      return r.turn && { list: r.turn.links, revealed: r.turn.revealed };
    case 'gallery':
      return r.turn && { list: r.turn.photos, revealed: r.turn.revealed };
    case 'collectiveMemory':
      return r.turn && { list: r.turn.keywords, revealed: r.turn.revealed };
  }
}

/** Every answer text in a player's or the screen's view must be found or revealed; nothing else may carry one. */
export function assertNoUnrevealedAnswers(view: State): void {
  const json = JSON.stringify(view);
  const total = json.split(SECRET).length - 1;
  if (total === 0) return;
  let allowed = 0;
  const r = view.round;
  if (r?.kind === 'threeSixNine' && r.answer?.includes(SECRET)) {
    expect(r.stage).toBe('done');
    allowed += 1;
  }
  const answers = r && turnAnswers(r);
  for (const a of answers?.list ?? []) {
    if (a.text?.includes(SECRET)) {
      expect(a.found || answers!.revealed, `answer ${a.id} shown while hidden`).toBe(true);
      allowed += 1;
    }
  }
  expect(total, `unexpected answer text in a ${view.role} view: ${json.slice(0, 400)}`).toBe(allowed);
}

export interface PlayedGame {
  steps: number;
  finalHost: State;
  /** Every state each socket received, in order. */
  received: Map<Client, State[]>;
}

/** Plays a game to its end over the sockets, checking acks, versions and what every role sees. */
export async function playToEnd(
  table: Table,
  game: CreatedGame,
  set: QuestionSetDocument,
  maxSteps = 2000,
): Promise<PlayedGame> {
  const received = new Map<Client, State[]>();
  for (const socket of table.all) received.set(socket, record(socket, 'state'));
  const hostStates = received.get(table.host)!;
  const socketOf = new Map(game.players.map((p, i) => [p.playerId, table.players[i]!]));
  const goLog = new Map<string, number>();
  let current = table.hostState;
  let version: number = current.version;
  let steps = 0;
  for (; steps < maxSteps; steps++) {
    const step = nextStep(current, set, goLog);
    if (!step) break;
    const socket = step.by === 'host' ? table.host : socketOf.get(step.by)!;
    const ack = await emit(socket, 'command', step.command);
    expect(ack, `${JSON.stringify(step)} at ${JSON.stringify(current.next)}`).toEqual({
      ok: true,
      version: version + 1,
    });
    version = ack.version;
    current = await waitForVersion(hostStates, version);
  }
  expect(current.phase).toBe('finished');
  // Let the last broadcasts arrive at every socket.
  for (const states of received.values()) await waitForVersion(states, version);
  for (const [socket, states] of received) {
    if (socket === table.host) continue;
    for (const s of states) assertNoUnrevealedAnswers(s);
  }
  return { steps, finalHost: current, received };
}

export async function waitForVersion(states: State[], version: number, ms = 5000): Promise<State> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = states.find((s) => s.version === version);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no state with version ${version}; last ${states.at(-1)?.version}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
