import type { GameView, Media } from './types';

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
