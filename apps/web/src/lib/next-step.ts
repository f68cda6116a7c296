import { translate } from '../composables/useI18n';
import { playerName } from './in-play';
import { type MessageKey, messages } from './messages';
import type { GameView } from './types';

/** The console's one line saying what happens next, from the engine's `next` step. */
export function nextStepText(view: GameView): string {
  const key = `next.${view.next.key}` as MessageKey;
  const name = playerName(view.players, view.next.playerId);
  return key in messages.en ? translate(key, { name }) : translate('next.unknown', { key: view.next.key });
}
