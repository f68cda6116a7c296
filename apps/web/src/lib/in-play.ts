import type { GameView, Media, PlayerView } from './types';

/**
 * The player whose go it is while their clock has not started yet (stage `ready`), outside 3-6-9.
 * They may pass (`clock.stop`) without losing a second.
 */
export function readyAnswerer(view: GameView): string | null {
  const r = view.round;
  if (view.phase !== 'playing' || !r || r.kind === 'threeSixNine') return null;
  if (r.kind === 'finale') return r.stage === 'ready' ? r.answererId : null;
  return r.turn?.stage === 'ready' ? r.turn.answererId : null;
}

/** The clip, sound or picture of the question or item in play, which `media.play` shows on the screen. */
export function mediaInPlay(view: GameView): Media | null {
  const r = view.round;
  if (view.phase !== 'playing' || !r) return null;
  if (r.kind === 'threeSixNine' || r.kind === 'finale') return r.media ?? null;
  if (r.kind === 'openDoor' || r.kind === 'collectiveMemory') return r.turn?.itemId ? (r.turn.media ?? null) : null;
  return null;
}

/** Who answers now (3-6-9, finale, or the turn's answerer), or null between questions. */
export function answererOf(view: GameView): string | null {
  const r = view.round;
  if (!r) return null;
  if (r.kind === 'threeSixNine' || r.kind === 'finale') return r.answererId;
  return r.turn?.answererId ?? null;
}

/** A player's name by id ('' when unknown), for the boards' "X answers" lines. */
export function playerName(players: readonly PlayerView[], id: string | null): string {
  return players.find((p) => p.id === id)?.name ?? '';
}
