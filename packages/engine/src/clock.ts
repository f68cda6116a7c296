import type { GameState, PlayerState } from './types.js';

/** A player's milliseconds at `now`: from the running clock if it is theirs, else as stored. */
export function clockMs(state: GameState, playerId: string, now: number): number {
  const clock = state.clock;
  if (clock && clock.playerId === playerId) return Math.max(0, clock.msAtStart - (now - clock.startedAt));
  return state.players.find((p) => p.id === playerId)?.ms ?? 0;
}

/** Whole seconds as shown to people: rounded up, so a clock shows 0 only when it has really run out. */
export function secondsOf(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** The moment the running clock reaches 0, or null when none runs. */
export function expiryOf(state: GameState): number | null {
  return state.clock ? state.clock.startedAt + state.clock.msAtStart : null;
}

export function playerOf(state: GameState, playerId: string): PlayerState {
  const player = state.players.find((p) => p.id === playerId);
  if (!player) throw new Error(`no player ${playerId}`);
  return player;
}

/** Draft helpers below mutate `state`: call them only on the copy made by `apply`. */
export function startClock(state: GameState, playerId: string, now: number): void {
  state.clock = { playerId, startedAt: now, msAtStart: playerOf(state, playerId).ms };
}

/** Stops the running clock (if any), writing its value back to the player. Returns whose clock it was. */
export function stopClock(state: GameState, now: number): string | null {
  const clock = state.clock;
  if (!clock) return null;
  playerOf(state, clock.playerId).ms = clockMs(state, clock.playerId, now);
  state.clock = null;
  return clock.playerId;
}

/** Adds (or withdraws) milliseconds, never below 0; a running clock is rebased at `now`. */
export function addMs(state: GameState, playerId: string, deltaMs: number, now: number): void {
  const clock = state.clock;
  if (clock && clock.playerId === playerId) {
    const msAtStart = Math.max(0, clockMs(state, playerId, now) + deltaMs);
    state.clock = { playerId, startedAt: now, msAtStart };
    // Kept equal to the clock's start value, so `seconds` in a state is as of that state's version.
    playerOf(state, playerId).ms = msAtStart;
    return;
  }
  const player = playerOf(state, playerId);
  player.ms = Math.max(0, player.ms + deltaMs);
}

/**
 * A player's seconds as everyone sees them (whole, rounded up like a countdown). Every rule that
 * compares seconds compares these: hidden milliseconds never decide a turn, a ranking or a winner.
 */
export function shownSeconds(state: GameState, playerId: string, now: number): number {
  return secondsOf(clockMs(state, playerId, now));
}

/** Players ordered "fewest seconds first" (as shown), ties to the lowest seat. */
export function fewestSecondsFirst(state: GameState, playerIds: readonly string[], now: number): string[] {
  return [...playerIds].sort((a, b) => {
    const diff = shownSeconds(state, a, now) - shownSeconds(state, b, now);
    return diff !== 0 ? diff : playerOf(state, a).seat - playerOf(state, b).seat;
  });
}

export function bySeat(state: GameState): PlayerState[] {
  return [...state.players].sort((a, b) => a.seat - b.seat);
}
