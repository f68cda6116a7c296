import { computed, type Ref } from 'vue';
import { mediaInPlay, readyAnswerer } from '../lib/in-play';
import type { MessageKey } from '../lib/messages';
import type { Command, GameView } from '../lib/types';

export interface HostAction {
  id: string;
  label: MessageKey;
  /** Fills the label's `{name}`-style places. */
  params?: Record<string, string | number>;
  /** Shown on the button and in the legend. */
  keys: string;
  enabled: boolean;
  primary?: boolean;
  run: () => void;
}

/** Ids the digit keys 1..9, 0 mark correct, in the order the boards number them. */
export function answerTargets(view: GameView): string[] {
  const r = view.round;
  if (!r || view.phase !== 'playing') return [];
  switch (r.kind) {
    case 'threeSixNine':
      return r.stage === 'answering' ? [r.id] : [];
    case 'finale':
      return r.stage === 'done' ? [] : r.answers.map((a) => (a.found ? '' : a.id));
    case 'openDoor':
      return r.turn && r.turn.stage !== 'pick' && r.turn.stage !== 'done'
        ? r.turn.answers.map((a) => (a.found ? '' : a.id))
        : [];
    case 'puzzle':
      return r.turn && r.turn.stage !== 'done' ? r.turn.links.map((a) => (a.found ? '' : a.id)) : [];
    case 'gallery':
      return r.turn?.stage === 'answering' && r.turn.currentPhotoId ? [r.turn.currentPhotoId] : [];
    case 'collectiveMemory':
      return r.turn && r.turn.stage !== 'pick' && r.turn.stage !== 'done'
        ? r.turn.keywords.filter((k) => !k.found).map((k) => k.id)
        : [];
  }
}

/** Items the digit keys pick while a turn waits for its pick. */
export function pickTargets(view: GameView): string[] {
  const r = view.round;
  if (!r || (r.kind !== 'openDoor' && r.kind !== 'collectiveMemory') || r.turn?.stage !== 'pick') return [];
  const items = r.kind === 'openDoor' ? r.questioners : r.clips;
  return items.map((i) => (i.used ? '' : i.id));
}

/** Commands the host can send with no argument: Enter sends the next step when it is one of these. */
const SIMPLE: Command['type'][] = [
  'game.start',
  'clock.start',
  'clock.stop',
  'answer.wrong',
  'answers.reveal',
  'question.skip',
  'game.next',
  'game.pause',
  'game.resume',
  'undo',
];

export function useHostActions(
  view: Ref<GameView | null>,
  send: (command: Command) => void,
  helpers: { focusAdjust: () => void; toggleMute: () => void },
) {
  const actions = computed<HostAction[]>(() => {
    const v = view.value;
    if (!v) return [];
    const playing = v.phase === 'playing';
    const running = !!v.clock && !v.paused;
    const next = v.next.command;
    const simple = (type: Command['type']) => () => send({ type } as Command);
    // Before their clock runs, the player up next may pass: the engine takes `clock.stop` as that pass.
    const readyId = readyAnswerer(v);
    const readyName = v.players.find((p) => p.id === readyId)?.name;
    const list: HostAction[] = [
      {
        id: 'next-step',
        label: 'cmd.nextStep',
        keys: 'Enter',
        enabled: !!next && SIMPLE.includes(next),
        primary: true,
        run: () => next && SIMPLE.includes(next) && send({ type: next } as Command),
      },
      v.phase === 'lobby'
        ? { id: 'start', label: 'cmd.game.start', keys: 'G', enabled: v.players.length >= 2, run: simple('game.start') }
        : running
          ? { id: 'clock', label: 'cmd.clock.stop', keys: 'Space', enabled: playing, run: simple('clock.stop') }
          : {
              id: 'clock',
              label: 'cmd.clock.start',
              keys: 'Space',
              enabled: playing && !v.paused && next === 'clock.start',
              run: simple('clock.start'),
            },
      readyName
        ? {
            id: 'pass',
            label: 'cmd.passFor',
            params: { name: readyName },
            keys: 'D',
            enabled: true,
            run: simple('clock.stop'),
          }
        : { id: 'pass', label: 'cmd.pass', keys: 'D', enabled: false, run: () => {} },
      { id: 'media', label: 'cmd.media.play', keys: 'C', enabled: !!mediaInPlay(v), run: simple('media.play') },
      { id: 'wrong', label: 'cmd.answer.wrong', keys: 'X', enabled: playing, run: simple('answer.wrong') },
      { id: 'reveal', label: 'cmd.answers.reveal', keys: 'R', enabled: playing, run: simple('answers.reveal') },
      { id: 'skip', label: 'cmd.question.skip', keys: 'S', enabled: playing, run: simple('question.skip') },
      { id: 'next', label: 'cmd.game.next', keys: 'N', enabled: playing, run: simple('game.next') },
      v.paused
        ? { id: 'pause', label: 'cmd.game.resume', keys: 'P', enabled: playing, run: simple('game.resume') }
        : { id: 'pause', label: 'cmd.game.pause', keys: 'P', enabled: playing, run: simple('game.pause') },
      { id: 'undo', label: 'cmd.undo', keys: 'U', enabled: v.canUndo, run: simple('undo') },
      { id: 'adjust', label: 'cmd.focusAdjust', keys: 'A', enabled: v.phase !== 'lobby', run: helpers.focusAdjust },
      { id: 'mute', label: 'cmd.mute', keys: 'M', enabled: true, run: helpers.toggleMute },
    ];
    return list;
  });

  function onKeydown(event: KeyboardEvent) {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        if (target?.closest('input, textarea, select')) return;
        event.preventDefault();
        actions.value.find((a) => a.id === 'undo' && a.enabled)?.run();
      }
      return;
    }
    if (target?.closest('input, textarea, select, [contenteditable]')) return;
    // Enter and Space on a focused button press that button, as the keyboard user expects.
    if ((event.key === 'Enter' || event.key === ' ') && target?.closest('button, a')) return;
    const v = view.value;
    if (!v) return;
    if (/^[0-9]$/.test(event.key)) {
      const index = event.key === '0' ? 9 : Number(event.key) - 1;
      const pick = pickTargets(v)[index];
      if (pick) {
        event.preventDefault();
        send({ type: 'item.pick', itemId: pick });
        return;
      }
      const answer = answerTargets(v)[index];
      if (answer) {
        event.preventDefault();
        send({ type: 'answer.correct', answerId: answer });
      }
      return;
    }
    const key = event.key === ' ' ? 'Space' : event.key.length === 1 ? event.key.toUpperCase() : event.key;
    const action = actions.value.find((a) => a.keys === key && a.enabled);
    if (action) {
      event.preventDefault();
      action.run();
    }
  }

  return { actions, onKeydown };
}
