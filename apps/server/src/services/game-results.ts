import {
  apply,
  clockMs,
  type GameEvent,
  type GameState,
  type HistoryEntry,
  historyEntries,
  historyOrigin,
  replay,
  secondsOf,
} from '@slimste/engine';
import type { CsvCell } from './csv.js';

/** The columns of `results.csv`. */
export const RESULT_COLUMNS = [
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
] as const;

export type ResultType = 'found' | 'missed' | 'correction' | 'seconds';

/** One row of the results: who found what, what nobody found, the jury's corrections, the seconds after each round. */
export interface ResultRow {
  type: ResultType;
  /** The version of the action (null for the undo's own pause, which no stored command made). */
  version: number | null;
  /** ISO 8601. */
  time: string;
  round: number;
  roundKind: string;
  item: string;
  question: string;
  answer: string;
  player: string;
  seat: number | null;
  /** found: seconds earned (the finale: taken off the opponent); correction: the delta; seconds: the player's seconds. */
  seconds: number | null;
  reason: string;
}

interface Question {
  key: string;
  round: number;
  kind: string;
  item: string;
  question: string;
  answers: { id: string; text: string }[];
}

/** The question (or turn's item) in play in a state, with its answers; null between turns and outside play. */
export function questionOf(s: GameState): Question | null {
  const r = s.round;
  if (!r) return null;
  const round = s.roundIndex + 1;
  const sets = s.set.rounds;
  if (r.kind === 'threeSixNine') {
    const q = sets.threeSixNine[r.index];
    return q
      ? {
          key: `threeSixNine:${r.index}`,
          round,
          kind: r.kind,
          item: q.id,
          question: q.question,
          answers: [{ id: q.id, text: q.answer }],
        }
      : null;
  }
  if (r.kind === 'finale') {
    const q = sets.finale[r.index];
    return q
      ? { key: `finale:${r.index}`, round, kind: r.kind, item: q.id, question: q.question, answers: q.answers }
      : null;
  }
  const itemId = r.turn?.itemId;
  if (!itemId) return null;
  const base = { key: `${r.kind}:${itemId}`, round, kind: r.kind, item: itemId };
  switch (r.kind) {
    case 'openDoor': {
      const q = sets.openDoor.find((i) => i.id === itemId);
      return q ? { ...base, question: `${q.questioner}: ${q.question}`, answers: q.answers } : null;
    }
    case 'puzzle': {
      const p = sets.puzzle.find((i) => i.id === itemId);
      return p
        ? {
            ...base,
            question: p.links.flatMap((l) => l.clues).join(' / '),
            answers: p.links.map((l) => ({ id: l.id, text: l.answer })),
          }
        : null;
    }
    case 'gallery': {
      const g = sets.gallery.find((i) => i.id === itemId);
      return g ? { ...base, question: g.title, answers: g.photos.map((p) => ({ id: p.id, text: p.answer })) } : null;
    }
    case 'collectiveMemory': {
      const c = sets.collectiveMemory.find((i) => i.id === itemId);
      return c ? { ...base, question: c.title, answers: c.keywords } : null;
    }
  }
}

/**
 * The results of a game as it stands: the actions its undo log still holds (an undone answer is no
 * answer), replayed from the start. `final` is the game's state; `versionOf` names the version
 * that pushed each entry of its log (see `GameHistoryService`).
 */
export function gameResults(final: GameState, versionOf: (entry: HistoryEntry) => number | null): ResultRow[] {
  const origin = historyOrigin(final);
  if (!origin) return [];
  const rows: ResultRow[] = [];
  const found = new Map<string, Set<string>>();
  const closed = new Set<string>();
  let s = origin;

  const player = (state: GameState, id: string) => {
    const p = state.players.find((x) => x.id === id);
    return { player: p?.name ?? id, seat: p?.seat ?? null };
  };
  const base = (q: Question | null, state: GameState, version: number | null, now: number) => ({
    version,
    time: new Date(now).toISOString(),
    round: q?.round ?? state.roundIndex + 1,
    roundKind: q?.kind ?? state.config.rounds[state.roundIndex] ?? '',
    item: q?.item ?? '',
    question: q?.question ?? '',
  });
  const close = (q: Question, state: GameState, version: number | null, now: number) => {
    if (closed.has(q.key)) return;
    closed.add(q.key);
    const got = found.get(q.key) ?? new Set<string>();
    for (const a of q.answers) {
      if (got.has(a.id)) continue;
      rows.push({
        type: 'missed',
        ...base(q, state, version, now),
        answer: a.text,
        player: '',
        seat: null,
        seconds: null,
        reason: '',
      });
    }
  };
  const standings = (state: GameState, roundIndex: number, version: number | null, now: number) => {
    for (const p of [...state.players].sort((a, b) => a.seat - b.seat)) {
      rows.push({
        type: 'seconds',
        version,
        time: new Date(now).toISOString(),
        round: roundIndex + 1,
        roundKind: state.config.rounds[roundIndex] ?? '',
        item: '',
        question: '',
        answer: '',
        player: p.name,
        seat: p.seat,
        seconds: secondsOf(clockMs(state, p.id, now)),
        reason: '',
      });
    }
  };

  for (const entry of historyEntries(final)) {
    const before = s;
    let events: GameEvent[] = [];
    if (entry.auto) s = replay(s, [entry]);
    else {
      const result = apply(s, entry.command, entry.ctx);
      if (!result.ok) throw new Error(`the undo log does not replay: ${result.error.message}`);
      s = result.state;
      events = result.events;
    }
    const version = entry.auto ? null : versionOf(entry);
    const now = entry.ctx.now;
    const q = questionOf(before);
    for (const e of events) {
      if (e.type === 'answer.found') {
        const answer = q?.answers.find((a) => a.id === e.answerId);
        if (q) {
          const got = found.get(q.key) ?? new Set<string>();
          got.add(e.answerId);
          found.set(q.key, got);
        }
        const opponent = events.find(
          (x): x is Extract<GameEvent, { type: 'seconds.changed' }> => x.type === 'seconds.changed',
        );
        const reason =
          q?.kind === 'finale' && opponent ? `${-opponent.delta} s off ${player(s, opponent.playerId).player}` : '';
        rows.push({
          type: 'found',
          ...base(q, before, version, now),
          answer: answer?.text ?? e.answerId,
          ...player(s, e.playerId),
          seconds: e.seconds,
          reason,
        });
      } else if (e.type === 'seconds.changed' && entry.command.type === 'seconds.adjust') {
        rows.push({
          type: 'correction',
          ...base(q, before, version, now),
          answer: '',
          ...player(s, e.playerId),
          seconds: e.delta,
          reason: e.reason ?? '',
        });
      }
    }
    const next = questionOf(s);
    if (q && next?.key !== q.key) close(q, before, version, now);
    const roundEnded = before.roundIndex >= 0 && s.roundIndex !== before.roundIndex;
    const gameEnded = before.phase !== 'finished' && s.phase === 'finished';
    if (gameEnded) {
      const last = questionOf(s);
      if (last) close(last, s, version, now);
    }
    if (roundEnded || gameEnded) standings(s, before.roundIndex, version, now);
  }
  return rows;
}

/** The rows as CSV cells, the header first. */
export function resultCells(rows: readonly ResultRow[]): CsvCell[][] {
  return [
    [...RESULT_COLUMNS],
    ...rows.map((r) => [
      r.type,
      r.version,
      r.time,
      r.round,
      r.roundKind,
      r.item,
      r.question,
      r.answer,
      r.player,
      r.seat,
      r.seconds,
      r.reason,
    ]),
  ];
}
