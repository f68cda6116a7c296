import { addMs, clockMs, expiryOf, startClock, stopClock } from './clock.js';
import { cloneData } from './clone.js';
import { fail, RuleError } from './errors.js';
import { currentMedia, currentRules, startRound } from './game.js';
import { CHECKPOINT_EVERY, pushHistory, startHistory } from './history.js';
import { checkFinaleEnd } from './rounds/finale.js';
import type {
  Actor,
  ApplyResult,
  Command,
  CommandType,
  Ctx,
  GameEvent,
  GameState,
  HistoryEntry,
  HistoryNode,
} from './types.js';

/** Commands only the server itself sends (a join over HTTP, a clock reaching 0). */
const SYSTEM_COMMANDS: ReadonlySet<CommandType> = new Set(['lobby.join', 'clock.expire']);
/** Commands a player may send, for themself only (checked again where the turn is known). */
const PLAYER_COMMANDS: ReadonlySet<CommandType> = new Set(['clock.stop', 'item.pick']);
const KNOWN_COMMANDS: ReadonlySet<string> = new Set<CommandType>([
  'lobby.join',
  'lobby.remove',
  'lobby.seats',
  'game.start',
  'clock.start',
  'clock.stop',
  'clock.expire',
  'answer.correct',
  'answer.wrong',
  'item.pick',
  'answers.reveal',
  'question.skip',
  'game.next',
  'game.pause',
  'game.resume',
  'seconds.adjust',
  'media.play',
  'undo',
]);
const LOBBY_COMMANDS: ReadonlySet<CommandType> = new Set(['lobby.join', 'lobby.remove', 'lobby.seats', 'game.start']);

/**
 * Applies one command. Pure: the same state, command and ctx always give the same result.
 * A rejected command returns `{ ok: false, error }` and leaves `state` untouched.
 */
export function apply(state: GameState, command: Command, ctx: Ctx): ApplyResult {
  try {
    return { ok: true, ...applyOrThrow(state, command, ctx) };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

/**
 * Replays accepted actions onto a state (storage catching up, and a check that a log is
 * deterministic). The `auto` mark of an undo's own pause is kept: without it a later undo would
 * take back only that pause.
 */
export function replay(state: GameState, entries: readonly HistoryEntry[]): GameState {
  let s = state;
  for (const entry of entries) s = applyOrThrow(s, entry.command, entry.ctx, entry.auto).state;
  return s;
}

function applyOrThrow(
  state: GameState,
  command: Command,
  ctx: Ctx,
  auto?: true,
): { state: GameState; events: GameEvent[] } {
  if (!command || typeof command !== 'object' || !KNOWN_COMMANDS.has(command.type))
    fail('invalid_command', 'Unknown command type.');
  authorize(state, command.type, ctx.actor);
  if (command.type === 'undo') return undo(state);

  const s = draft(state);
  const events: GameEvent[] = [];
  const settled = s.phase === 'playing' && settleClock(s, ctx.now, events);
  if (command.type === 'clock.expire') {
    if (!settled) fail('nothing_to_do', 'No clock has run out.');
  } else if (LOBBY_COMMANDS.has(command.type)) {
    handleLobby(s, command, ctx, events);
  } else {
    handlePlay(s, command, ctx, events);
  }
  if (s.phase !== 'lobby' && command.type !== 'game.start' && state.history) {
    const entry: HistoryEntry = { command: { ...command }, ctx: { actor: { ...ctx.actor }, now: ctx.now } };
    pushHistory(s, state.history, auto ? { ...entry, auto } : entry);
  }
  return { state: s, events };
}

/**
 * A name as people read it, to tell two players apart: compatibility forms folded (NFKC: "ｊａｎ"
 * is "jan"), format characters (zero-width joiners and spaces) and blank letters dropped, spaces
 * collapsed, case ignored.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\p{Cf}\u2800\u3164\uFFA0\u115F\u1160]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLocaleLowerCase('en');
}

function authorize(state: GameState, type: CommandType, actor: Actor): void {
  if (actor.role === 'system') {
    if (!SYSTEM_COMMANDS.has(type)) fail('forbidden', 'The server sends only joins and time-outs.');
    return;
  }
  if (SYSTEM_COMMANDS.has(type)) fail('forbidden', 'Only the server sends this command.');
  if (actor.role === 'host') return;
  if (actor.role !== 'player' || !state.players.some((p) => p.id === actor.playerId))
    fail('forbidden', 'Only the host and the players of this game can act.');
  if (!PLAYER_COMMANDS.has(type)) fail('forbidden', 'Only the host can do that.');
}

/** Copies what commands change (the question set and history are shared, never mutated). */
function draft(state: GameState): GameState {
  return {
    ...state,
    players: state.players.map((p) => ({ ...p })),
    clock: state.clock ? { ...state.clock } : null,
    paused: state.paused ? { ...state.paused } : null,
    round: state.round ? cloneData(state.round) : null,
    result: state.result
      ? { ...state.result, finalists: [...state.result.finalists], eliminatedIds: [...state.result.eliminatedIds] }
      : null,
  };
}

/** A clock that reached 0 before `now` ends its answerer's go at the moment it hit 0. */
function settleClock(s: GameState, now: number, events: GameEvent[]): boolean {
  const expiry = expiryOf(s);
  if (expiry === null || now < expiry) return false;
  currentRules(s).endGo(s, expiry, events, true);
  return true;
}

function handleLobby(s: GameState, command: Command, ctx: Ctx, events: GameEvent[]): void {
  if (s.phase !== 'lobby') fail('wrong_phase', 'The game has already started.');
  switch (command.type) {
    case 'lobby.join': {
      const { playerId, name } = command;
      if (typeof playerId !== 'string' || !playerId || typeof name !== 'string' || !name.trim())
        fail('invalid_command', 'A player needs an id and a name.');
      if (s.players.some((p) => p.id === playerId)) fail('invalid_command', 'That player has already joined.');
      const key = nameKey(name);
      if (s.players.some((p) => nameKey(p.name) === key))
        fail('name_taken', 'Another player at the table already has that name (or one that looks the same).');
      if (s.players.length >= s.config.players) fail('game_full', `The game is full (${s.config.players} players).`);
      s.players.push({ id: playerId, name: name.trim(), seat: s.players.length + 1, ms: s.config.startSeconds * 1000 });
      events.push({ type: 'player.joined', playerId });
      return;
    }
    case 'lobby.remove': {
      if (!s.players.some((p) => p.id === command.playerId)) fail('unknown_player', 'No such player.');
      s.players = s.players
        .filter((p) => p.id !== command.playerId)
        .sort((a, b) => a.seat - b.seat)
        .map((p, i) => ({ ...p, seat: i + 1 }));
      events.push({ type: 'player.removed', playerId: command.playerId });
      return;
    }
    case 'lobby.seats': {
      const order = command.order;
      const ids = s.players.map((p) => p.id);
      if (
        !Array.isArray(order) ||
        order.length !== ids.length ||
        new Set(order).size !== ids.length ||
        !ids.every((id) => order.includes(id))
      )
        fail('invalid_command', 'The seat order must list every player once.');
      for (const p of s.players) p.seat = order.indexOf(p.id) + 1;
      return;
    }
    case 'game.start': {
      if (s.players.length < 2) fail('wrong_phase', 'At least 2 players are needed to start.');
      s.phase = 'playing';
      for (const p of s.players) p.ms = s.config.startSeconds * 1000;
      events.push({ type: 'game.started' });
      startRound(s, 0, ctx.now, events);
      startHistory(s);
      return;
    }
    default:
      throw new Error(`not a lobby command: ${command.type}`);
  }
}

function handlePlay(s: GameState, command: Command, ctx: Ctx, events: GameEvent[]): void {
  const { now, actor } = ctx;
  if (command.type === 'seconds.adjust') return adjustSeconds(s, command, now, events);
  if (s.phase !== 'playing')
    fail('wrong_phase', s.phase === 'lobby' ? 'The game has not started yet.' : 'The game is over (undo to go back).');
  const rules = currentRules(s);
  switch (command.type) {
    case 'clock.start':
      if (s.paused) fail('paused', 'The game is paused: resume first.');
      return rules.startClock(s, now, events);
    case 'clock.stop':
      // Stop, or pass before the clock runs (a completer or finalist who knows nothing).
      if (!rules.isAnswering(s) && !rules.isWaiting(s)) fail('wrong_phase', 'No clock to stop.');
      if (actor.role === 'player' && actor.playerId !== rules.answererId(s))
        fail('not_your_turn', 'Only the player who is answering can stop their clock.');
      return rules.endGo(s, now, events, false);
    case 'answer.correct':
      if (typeof command.answerId !== 'string') fail('invalid_command', 'answerId is required.');
      return rules.correct(s, command.answerId, now, events);
    case 'answer.wrong':
      return rules.wrong(s, now, events);
    case 'item.pick':
      if (typeof command.itemId !== 'string') fail('invalid_command', 'itemId is required.');
      return rules.pick(s, actor, command.itemId, now, events);
    case 'answers.reveal':
      return rules.reveal(s, now, events);
    case 'question.skip':
      rules.skip(s, now, events);
      return moveOn(s, now, events);
    case 'game.next':
      if (!rules.isDone(s)) fail('wrong_phase', 'This question is still in play: reveal or skip it first.');
      return moveOn(s, now, events);
    case 'media.play': {
      const media = currentMedia(s);
      if (!media) fail('nothing_to_do', 'The question in play has no clip or sound to play.');
      s.mediaCue += 1;
      events.push({ type: 'media.played', url: media.url });
      return;
    }
    case 'game.pause': {
      if (s.paused) fail('paused', 'The game is already paused.');
      const stopped = stopClock(s, now);
      if (stopped) events.push({ type: 'clock.stopped', playerId: stopped, reason: 'pause' });
      s.paused = { playerId: stopped };
      events.push({ type: 'game.paused' });
      return;
    }
    case 'game.resume': {
      if (!s.paused) fail('wrong_phase', 'The game is not paused.');
      const resumeId = s.paused.playerId;
      s.paused = null;
      if (resumeId && rules.isAnswering(s) && rules.answererId(s) === resumeId) {
        startClock(s, resumeId, now);
        events.push({ type: 'clock.started', playerId: resumeId });
      }
      events.push({ type: 'game.resumed' });
      return;
    }
    default:
      throw new Error(`unhandled command ${command.type}`);
  }
}

/** After a question or turn is over: the next one, or the next round. */
function moveOn(s: GameState, now: number, events: GameEvent[]): void {
  if (s.phase !== 'playing') return;
  if (currentRules(s).next(s, now, events)) return;
  startRound(s, s.roundIndex + 1, now, events);
}

function adjustSeconds(
  s: GameState,
  command: Extract<Command, { type: 'seconds.adjust' }>,
  now: number,
  events: GameEvent[],
): void {
  if (s.phase === 'lobby') fail('wrong_phase', 'Seconds can be changed once the game has started.');
  const { playerId, delta, reason } = command;
  if (!s.players.some((p) => p.id === playerId)) fail('unknown_player', 'No such player.');
  if (!Number.isInteger(delta) || Math.abs(delta) > 3600)
    fail('invalid_command', 'delta must be a whole number of seconds, -3600 to 3600.');
  addMs(s, playerId, delta * 1000, now);
  events.push({ type: 'seconds.changed', playerId, delta, ...(reason ? { reason } : {}) });
  if (s.phase !== 'playing') return;
  // Withdrawn seconds can empty a running clock: that ends the go as time running out would.
  if (s.clock?.playerId === playerId && clockMs(s, playerId, now) <= 0) currentRules(s).endGo(s, now, events, true);
  checkFinaleEnd(s, now, events);
}

/**
 * Takes back the last accepted action by replaying the log without it (from the nearest
 * checkpoint, so at most CHECKPOINT_EVERY actions). A clock that was running then is frozen at its
 * value at the undone action's moment, and the game is paused: the host resumes when ready, so no
 * seconds run away while the jury corrects. That pause is logged (marked `auto`) so the log still
 * replays to the state, and the next undo takes it back with the action before.
 */
function undo(state: GameState): { state: GameState; events: GameEvent[] } {
  let last = state.history;
  while (last?.entry?.auto) last = last.prev;
  if (!last?.entry || !last.prev) fail('nothing_to_undo', 'Nothing to undo: the game is back at its start.');
  const undone = last.entry;
  let restored = stateAt(last.prev);
  const stillRunning = restored.clock && restored.phase === 'playing' && !restored.paused;
  if (stillRunning) {
    const expiry = expiryOf(restored) as number;
    // Undoing the time-out itself gives the go back, paused a moment before 0, so the jury can
    // still judge the last answer or add seconds. Otherwise a clock that would have run out by
    // then has run out, and one still running is paused where it was.
    const undoingTimeOut = undone.command.type === 'clock.expire' && expiry - 1 >= (restored.clock?.startedAt ?? 0);
    const expired = !undoingTimeOut && expiry <= undone.ctx.now;
    const pauseAt = undoingTimeOut ? Math.min(undone.ctx.now, expiry - 1) : undone.ctx.now;
    const freeze: HistoryEntry = expired
      ? { command: { type: 'clock.expire' }, ctx: { actor: { role: 'system' }, now: undone.ctx.now } }
      : { command: { type: 'game.pause' }, ctx: { actor: { role: 'host' }, now: pauseAt } };
    restored = applyOrThrow(restored, freeze.command, freeze.ctx, true).state;
  }
  return { state: restored, events: [{ type: 'undone', command: undone.command.type }] };
}

/**
 * The state right after `target`: replayed from the nearest checkpoint at or before it (the root
 * always has one). The result keeps `target` itself as its log, so the nodes (and the checkpoints
 * they carry) survive undo after undo.
 */
function stateAt(target: HistoryNode): GameState {
  const path: HistoryNode[] = [];
  let node = target;
  while (!node.checkpoint) {
    path.push(node);
    if (!node.prev) throw new Error('the undo log has no checkpoint at its root');
    node = node.prev;
  }
  let s = node.checkpoint;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i] as HistoryNode;
    const entry = step.entry as HistoryEntry;
    s = applyOrThrow(s, entry.command, entry.ctx, entry.auto).state;
    s.history = step;
    if (step.depth % CHECKPOINT_EVERY === 0) step.checkpoint = s;
  }
  return s;
}
