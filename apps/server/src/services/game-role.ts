import type { Role } from '@slimste/engine';

/**
 * Who a socket or a bearer is in a game: the engine's roles, plus `screen` (the TV's link with its
 * screen token, issue 11). The screen sees exactly what a spectator sees; it also takes part in
 * the game's call, receiving the faces.
 */
export type GameRole = Role | { role: 'screen' };

/** The engine's role whose view this role gets: the screen sees the spectator's. */
export function viewRole(role: GameRole): Role {
  return role.role === 'screen' ? { role: 'spectator' } : role;
}
