import { computed, type Ref, ref } from 'vue';
import { mediaInPlay, playerName, readyAnswerer } from '../lib/in-play';
import type { MessageKey } from '../lib/messages';
import type { Ack, Command, GameView } from '../lib/types';

/** Why a control cannot act now, with the places its words fill. */
export interface Why {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface HostAction {
  id: string;
  label: MessageKey;
  /** Fills the label's `{name}`-style places. */
  params?: Record<string, string | number>;
  /** Shown on the button and in the legend. */
  keys: string;
  enabled: boolean;
  /** When not enabled: why not (the button says it, and so does the key when pressed). */
  why?: Why;
  primary?: boolean;
  run: () => void;
}

/** What the console says after an action: a confirmation, a reason, a question. */
export interface Feedback {
  key: MessageKey;
  params?: Record<string, string | number>;
  tone: 'done' | 'why' | 'ask';
  /** `why.disabled`: the control pressed and why it could not act. */
  action?: { label: MessageKey; params?: Record<string, string | number> };
  why?: Why;
}

/** A feedback's words: `translate` fills in the control's name and the reason, each in the page's language. */
export function feedbackText(
  feedback: Feedback,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  if (feedback.action && feedback.why)
    return t(feedback.key, {
      action: t(feedback.action.label, feedback.action.params),
      why: t(feedback.why.key, feedback.why.params),
    });
  return t(feedback.key, feedback.params);
}

type Send = (command: Command) => Promise<Ack<{ version?: number }>>;

/** Whether someone is answering (the clock runs, or 3-6-9's question is open): answers can be marked. */
export const canMark = (view: GameView) => view.phase === 'playing' && view.go?.stage === 'answering';

/**
 * Ids the digit keys 1..9, 0 mark correct, numbered exactly as the board numbers them (found ones
 * keep their place, as '' so their key does nothing), in every round. Empty while nobody answers.
 */
export function answerTargets(view: GameView): string[] {
  const r = view.round;
  if (!r || !canMark(view)) return [];
  const open = (list: { id: string; found: boolean }[]) => list.map((a) => (a.found ? '' : a.id));
  switch (r.kind) {
    case 'threeSixNine':
      return [r.id];
    case 'finale':
      return open(r.answers);
    case 'openDoor':
      return r.turn ? open(r.turn.answers) : [];
    case 'puzzle':
      return r.turn ? open(r.turn.links) : [];
    case 'gallery':
      return r.turn?.currentPhotoId ? [r.turn.currentPhotoId] : [];
    case 'collectiveMemory':
      return r.turn ? open(r.turn.keywords) : [];
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
  'game.next',
  'game.pause',
  'game.resume',
  'undo',
];

/** Whether the question or turn in play is over (its answers shown): only `game.next` moves on. */
function questionOver(view: GameView): boolean {
  const r = view.round;
  if (!r) return true;
  if (r.kind === 'threeSixNine' || r.kind === 'finale') return r.stage === 'done';
  return !r.turn || r.turn.stage === 'done';
}

/**
 * Why a command of the question in play cannot be sent now (null: it can), as the engine would
 * refuse it: the game not running, the pick still to make, the clock not started, the question over.
 */
function whyNotInPlay(view: GameView, needsAnswerer: boolean): Why | null {
  if (view.phase === 'lobby') return { key: 'why.notStarted' };
  if (view.phase === 'finished') return { key: 'why.finished' };
  if (questionOver(view)) return { key: 'why.questionOver' };
  const go = view.go;
  if (go?.stage === 'pick') return { key: 'why.pickFirst', params: { name: playerName(view.players, go.playerId) } };
  if (needsAnswerer && go?.stage !== 'answering')
    return { key: go?.stage === 'ready' ? 'why.startClockFirst' : 'why.nobodyAnswering' };
  return null;
}

/** What the wrong/pass key does in this round, said after it was pressed. */
function wrongFeedback(view: GameView): Feedback {
  const kind = view.round?.kind;
  if (kind === 'threeSixNine') return { key: 'done.wrongPasses', tone: 'done' };
  if (kind === 'gallery') return { key: 'done.wrongGallery', tone: 'done' };
  return { key: 'done.wrong', params: { name: playerName(view.players, view.go?.playerId ?? null) }, tone: 'done' };
}

export function useHostActions(
  view: Ref<GameView | null>,
  send: Send,
  helpers: { focusAdjust: () => void; toggleMute: () => void },
) {
  const feedback = ref<Feedback | null>(null);
  /** A step that throws a question away asks first: S again confirms, Esc cancels. */
  const confirming = ref<'skip' | null>(null);

  const say = (next: Feedback | null) => {
    feedback.value = next;
  };

  /** Sends, and once the server took it, says what it did. */
  function sendAndSay(command: Command, done?: Feedback) {
    confirming.value = null;
    const sent = send(command);
    if (done) void sent.then((ack) => ack.ok && say(done));
  }

  const actions = computed<HostAction[]>(() => {
    const v = view.value;
    if (!v) return [];
    const playing = v.phase === 'playing';
    const running = !!v.clock && !v.paused;
    const next = v.next.command;
    const notPlaying: Why | undefined = playing
      ? undefined
      : { key: v.phase === 'lobby' ? 'why.notStarted' : 'why.finished' };
    const simple = (type: Command['type'], done?: Feedback) => () => sendAndSay({ type } as Command, done);
    const inPlay = (needsAnswerer: boolean) => whyNotInPlay(v, needsAnswerer);
    const action = (a: Omit<HostAction, 'enabled' | 'why'>, why: Why | null | undefined): HostAction => ({
      ...a,
      enabled: !why,
      ...(why ? { why } : {}),
    });

    const nextStepWhy = (): Why | null => {
      if (next && SIMPLE.includes(next)) return null;
      const go = v.go;
      if (go?.stage === 'pick') return { key: 'why.pickFirst', params: { name: playerName(v.players, go.playerId) } };
      return { key: v.phase === 'finished' ? 'why.finished' : 'why.nothingNext' };
    };
    const clockWhy = (): Why | null => {
      if (!playing) return notPlaying ?? null;
      if (v.paused) return { key: 'why.paused' };
      if (next === 'clock.start') return null;
      if (v.round?.kind === 'threeSixNine') return { key: 'why.noClock' };
      return inPlay(false) ?? { key: 'why.nobodyAnswering' };
    };
    // Before their clock runs, the player up next may pass: the engine takes `clock.stop` as that pass.
    const readyId = readyAnswerer(v);
    const readyName = readyId ? playerName(v.players, readyId) : '';

    const list: HostAction[] = [
      action(
        {
          id: 'next-step',
          label: 'cmd.nextStep',
          keys: 'Enter',
          primary: true,
          run: () => next && SIMPLE.includes(next) && sendAndSay({ type: next } as Command),
        },
        nextStepWhy(),
      ),
      v.phase === 'lobby'
        ? action(
            { id: 'start', label: 'cmd.game.start', keys: 'G', run: simple('game.start') },
            v.players.length >= 2 ? null : { key: 'why.needPlayers' },
          )
        : running
          ? action({ id: 'clock', label: 'cmd.clock.stop', keys: 'Space', run: simple('clock.stop') }, null)
          : action({ id: 'clock', label: 'cmd.clock.start', keys: 'Space', run: simple('clock.start') }, clockWhy()),
      readyId
        ? action(
            { id: 'pass', label: 'cmd.passFor', params: { name: readyName }, keys: 'D', run: simple('clock.stop') },
            null,
          )
        : action({ id: 'pass', label: 'cmd.pass', keys: 'D', run: () => {} }, notPlaying ?? { key: 'why.notReady' }),
      action(
        { id: 'media', label: 'cmd.media.play', keys: 'C', run: simple('media.play') },
        mediaInPlay(v) ? null : (notPlaying ?? { key: 'why.noMedia' }),
      ),
      action(
        {
          id: 'wrong',
          label: 'cmd.answer.wrong',
          keys: 'X',
          run: () => sendAndSay({ type: 'answer.wrong' }, wrongFeedback(v)),
        },
        inPlay(true),
      ),
      action(
        {
          id: 'reveal',
          label: 'cmd.answers.reveal',
          keys: 'R',
          run: simple('answers.reveal', { key: 'done.revealed', tone: 'done' }),
        },
        inPlay(false),
      ),
      action(
        {
          id: 'skip',
          label: 'cmd.question.skip',
          keys: 'S',
          run: () => {
            if (confirming.value === 'skip')
              return sendAndSay({ type: 'question.skip' }, { key: 'done.skipped', tone: 'done' });
            confirming.value = 'skip';
            const turnRound = v.round && v.round.kind !== 'threeSixNine' && v.round.kind !== 'finale';
            const owner = turnRound && v.round && 'turn' in v.round ? v.round.turn?.ownerId : null;
            say(
              owner
                ? { key: 'confirm.skipTurn', params: { name: playerName(v.players, owner) }, tone: 'ask' }
                : { key: 'confirm.skip', tone: 'ask' },
            );
          },
        },
        inPlay(false),
      ),
      action(
        { id: 'next', label: 'cmd.game.next', keys: 'N', run: simple('game.next') },
        next === 'game.next' ? null : (notPlaying ?? (v.paused ? { key: 'why.paused' } : { key: 'why.notDone' })),
      ),
      v.paused
        ? action({ id: 'pause', label: 'cmd.game.resume', keys: 'P', run: simple('game.resume') }, notPlaying)
        : action({ id: 'pause', label: 'cmd.game.pause', keys: 'P', run: simple('game.pause') }, notPlaying),
      action(
        { id: 'undo', label: 'cmd.undo', keys: 'U', run: simple('undo') },
        v.canUndo ? null : { key: 'why.nothingToUndo' },
      ),
      action(
        { id: 'adjust', label: 'cmd.focusAdjust', keys: 'A', run: helpers.focusAdjust },
        v.phase === 'lobby' ? { key: 'why.notStarted' } : null,
      ),
      action({ id: 'mute', label: 'cmd.mute', keys: 'M', run: helpers.toggleMute }, null),
    ];
    return list;
  });

  /** Runs an action, or says why it cannot act now. */
  function trigger(a: HostAction) {
    if (a.id !== 'skip') confirming.value = null;
    if (a.enabled) {
      if (a.id !== 'mute') say(null);
      a.run();
    } else if (a.why)
      say({ key: 'why.disabled', tone: 'why', action: { label: a.label, params: a.params }, why: a.why });
  }

  function cancelConfirm() {
    confirming.value = null;
    if (feedback.value?.tone === 'ask') say(null);
  }

  function onKeydown(event: KeyboardEvent) {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        if (target?.closest('input, textarea, select')) return;
        event.preventDefault();
        const undo = actions.value.find((a) => a.id === 'undo');
        if (undo) trigger(undo);
      }
      return;
    }
    if (target?.closest('input, textarea, select, [contenteditable]')) return;
    // Enter and Space on a focused button press that button, as the keyboard user expects.
    if ((event.key === 'Enter' || event.key === ' ') && target?.closest('button, a')) return;
    const v = view.value;
    if (!v) return;
    if (event.key === 'Escape' && confirming.value) {
      event.preventDefault();
      cancelConfirm();
      return;
    }
    if (/^[0-9]$/.test(event.key)) {
      const index = event.key === '0' ? 9 : Number(event.key) - 1;
      const pick = pickTargets(v)[index];
      if (pick) {
        event.preventDefault();
        confirming.value = null;
        say(null);
        void send({ type: 'item.pick', itemId: pick });
        return;
      }
      const answer = answerTargets(v)[index];
      if (answer) {
        event.preventDefault();
        confirming.value = null;
        say(null);
        void send({ type: 'answer.correct', answerId: answer });
      } else if (v.phase === 'playing' && !canMark(v) && pickTargets(v).length === 0) {
        const why = whyNotInPlay(v, true);
        if (why)
          say({
            key: 'why.disabled',
            tone: 'why',
            action: { label: 'cmd.answer.correct', params: { answer: event.key } },
            why,
          });
      }
      return;
    }
    const key = event.key === ' ' ? 'Space' : event.key.length === 1 ? event.key.toUpperCase() : event.key;
    const action = actions.value.find((a) => a.keys === key);
    if (action) {
      event.preventDefault();
      trigger(action);
    }
  }

  return { actions, onKeydown, trigger, feedback, confirming, say, cancelConfirm };
}
