import type { GameView, PlayerView, RoundKind, Scoring } from './types';

/**
 * The TV as a show: the cards between the boards. `title` opens a round (its name, rule and what an
 * answer is worth), `lineup` opens the finale (de slimste mens van de dag, the finalists),
 * `standings` follows a round, `winner` ends the game. Decided from the state alone; how long a
 * card stays is the screen's business (useShowMoment).
 */
export type ShowCard = 'title' | 'lineup' | 'standings' | 'winner';

/** The round in play has not begun yet: nobody has answered, picked, passed or started a clock. */
export function roundUntouched(view: GameView): boolean {
  const r = view.round;
  if (view.phase !== 'playing' || !r || view.clock) return false;
  switch (r.kind) {
    case 'threeSixNine':
      return r.number === 1 && r.stage === 'answering' && r.tried.length === 0;
    case 'finale':
      return r.number === 1 && r.stage === 'ready' && r.passed.length === 0 && !r.answers.some((a) => a.found);
    default: {
      const t = r.turn;
      if (!t) return r.turnsTaken.length === 0;
      if (r.turnsTaken.length > 1 || t.passed.length > 0) return false;
      // Open Deur and Collectief Geheugen open with a pick; Puzzel and Galerij with the first clock.
      const picks = r.kind === 'openDoor' || r.kind === 'collectiveMemory';
      return picks ? t.stage === 'pick' : t.stage === 'ready';
    }
  }
}

/** The round in play is over (all its questions or turns done) and the host moves on to the next. */
export function roundOver(view: GameView): boolean {
  if (view.phase !== 'playing' || view.paused) return false;
  return view.next.key === 'next_round' || view.next.key === 'game_over';
}

/** The card a fresh look at this state calls for (before any timing), or null for the board. */
export function cardFor(view: GameView): ShowCard | null {
  if (view.phase === 'finished') return 'winner';
  if (view.phase !== 'playing' || view.paused) return null;
  if (roundUntouched(view)) return view.round?.kind === 'finale' ? 'lineup' : 'title';
  if (roundOver(view)) return 'standings';
  return null;
}

/** Players by seconds (most first, ties by seat): the standings. */
export function ranking(players: readonly PlayerView[]): PlayerView[] {
  return [...players].sort((a, b) => b.seconds - a.seconds || a.seat - b.seat);
}

/** The winner: the result's, or (a game without a finale) the most seconds. */
export function winnerOf(view: GameView): PlayerView | null {
  const id = view.result?.winnerId;
  return (id ? view.players.find((p) => p.id === id) : ranking(view.players)[0]) ?? null;
}

/** The 3-6-9 questions that earn the bonus, e.g. [3, 6, 9, 12, 15]. */
export function bonusQuestions(scoring: Scoring, total: number): number[] {
  const every = scoring.threeSixNine.bonusEvery;
  return every > 0 ? Array.from({ length: Math.floor(total / every) }, (_, i) => (i + 1) * every) : [];
}

/** What an answer is worth in a round, as the parameters of its `show.worth.*` line. */
export function worthParams(kind: RoundKind, scoring: Scoring, total = 15): Record<string, string | number> {
  switch (kind) {
    case 'threeSixNine':
      return { seconds: scoring.threeSixNine.bonusSeconds, questions: bonusQuestions(scoring, total).join(', ') };
    case 'openDoor':
      return { seconds: scoring.openDoor };
    case 'puzzle':
      return { seconds: scoring.puzzle };
    case 'gallery':
      return { seconds: scoring.gallery };
    case 'collectiveMemory':
      return {
        list: Array.from({ length: 5 }, (_, i) => `+${(i + 1) * scoring.collectiveMemoryStep}`).join(', '),
      };
    case 'finale':
      return { seconds: scoring.finale };
  }
}
