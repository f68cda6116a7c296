import { translate } from '../composables/useI18n';
import { type MessageKey, messages } from './messages';
import type { GameView } from './types';

/** The console's one line saying what happens next, from the engine's `next` step. */
export function nextStepText(view: GameView): string {
  const key = `next.${view.next.key}` as MessageKey;
  const name = view.players.find((p) => p.id === view.next.playerId)?.name ?? '';
  return key in messages.en ? translate(key, { name }) : translate('next.unknown', { key: view.next.key });
}
