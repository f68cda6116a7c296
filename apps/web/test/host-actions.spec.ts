import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { answerTargets, feedbackText, pickTargets, useHostActions } from '../src/composables/useHostActions';
import { translate } from '../src/composables/useI18n';
import { errorsAt, parseDetails } from '../src/lib/set-errors';
import type { Command, GameView } from '../src/lib/types';
import { gameView, hostVersion, rounds } from './fixtures';

function press(handler: (e: KeyboardEvent) => void, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init });
  handler(event);
  return event;
}

const answering = { playerId: 'p3', stage: 'answering' as const };

/** The console's keys on a view: what they sent, and what the console said. */
function console_(initial: GameView) {
  const sent: Command[] = [];
  const view = ref<GameView | null>(initial);
  let focused = 0;
  const host = useHostActions(view, (c) => Promise.resolve({ ok: true as const, version: sent.push(c) }), {
    focusAdjust: () => focused++,
    toggleMute: () => {},
  });
  const key = (k: string, init: KeyboardEventInit = {}) => press(host.onKeydown, k, init);
  const action = (id: string) => host.actions.value.find((a) => a.id === id)!;
  return { sent, view, key, action, focused: () => focused, ...host };
}

describe('host keyboard', () => {
  it('numbers the answers as the board does, found ones keeping their place, in every round', () => {
    const at = (round: Parameters<typeof gameView>[0]) => answerTargets(gameView(round, { go: answering }));
    expect(at(hostVersion(rounds.openDoor))).toEqual(['', 'a2', 'a3', 'a4']);
    expect(at(rounds.puzzle)).toEqual(['', 'l2', 'l3']);
    expect(at(rounds.finale)).toEqual(['', 'f2', 'f3', 'f4', 'f5']);
    // Collectief Geheugen: k1 and k2 are found, so 3 is still k3 (not the first open one).
    expect(at(rounds.collectiveMemory)).toEqual(['', '', 'k3', 'k4', 'k5']);
    expect(at(rounds.gallery)).toEqual(['ph2']);
    expect(at(rounds.threeSixNine)).toEqual(['q6']);
    const picking = { ...rounds.collectiveMemory, turn: { ...rounds.collectiveMemory.turn, stage: 'pick' as const } };
    expect(pickTargets(gameView(picking))).toEqual(['', 'c2']);
  });

  it('Collectief Geheugen: pressing 3 then 5 marks keywords 3 and 5 as the board numbers them', async () => {
    const memory = hostVersion(rounds.collectiveMemory);
    const c = console_(gameView(memory, { go: answering }));
    c.key('3');
    // The server finds k3: the board keeps numbering k5 as 5.
    const found: GameView['round'] = structuredClone(memory);
    found.turn!.keywords[2] = { id: 'k3', text: 'answer k3', found: true, by: 'p3', seconds: 30 };
    c.view.value = gameView(found, { go: answering });
    c.key('5');
    c.key('3'); // found already: nothing
    expect(c.sent).toEqual([
      { type: 'answer.correct', answerId: 'k3' },
      { type: 'answer.correct', answerId: 'k5' },
    ]);
  });

  it('marks nothing before the clock runs, and says why', () => {
    const c = console_(
      gameView(hostVersion(rounds.openDoor), {
        go: { playerId: 'p3', stage: 'ready' },
        next: { command: 'clock.start', key: 'start_clock', playerId: 'p3' },
      }),
    );
    expect(answerTargets(c.view.value!)).toEqual([]);
    c.key('2');
    c.key('x');
    expect(c.sent).toEqual([]);
    expect(c.action('wrong')).toMatchObject({ enabled: false, why: { key: 'why.startClockFirst' } });
    expect(c.feedback.value).toMatchObject({ tone: 'why', why: { key: 'why.startClockFirst' } });
    expect(feedbackText(c.feedback.value!, (k, p) => translate(k, p, 'en'))).toBe(
      'Wrong / pass: not now. Start the clock first (Space).',
    );
  });

  it('sends a command for every shortcut, Enter sending the next step', async () => {
    const c = console_(
      gameView(hostVersion(rounds.openDoor), {
        go: answering,
        next: { command: 'clock.stop', key: 'judge_answer', playerId: 'p3' },
        clock: { playerId: 'p3', startedAt: 0, msAtStart: 1000 },
      }),
    );
    c.key('Enter');
    c.key(' ');
    c.key('x');
    c.key('r');
    c.key('p');
    c.key('u');
    c.key('z', { ctrlKey: true });
    c.key('2');
    c.key('1'); // already found: nothing
    c.key('a');
    expect(c.sent.map((s) => s.type)).toEqual([
      'clock.stop',
      'clock.stop',
      'answer.wrong',
      'answers.reveal',
      'game.pause',
      'undo',
      'undo',
      'answer.correct',
    ]);
    expect(c.sent[7]).toEqual({ type: 'answer.correct', answerId: 'a2' });
    expect(c.focused()).toBe(1);
    expect(c.actions.value.every((a) => a.keys.length > 0)).toBe(true);
  });

  it('X while a clock runs says what it did: the clock runs on', async () => {
    const c = console_(gameView(hostVersion(rounds.openDoor), { go: answering }));
    c.key('x');
    await Promise.resolve();
    await Promise.resolve();
    expect(c.sent).toEqual([{ type: 'answer.wrong' }]);
    expect(c.feedback.value).toMatchObject({ key: 'done.wrong', params: { name: 'Chris' } });
  });

  it('S asks first: S again skips, Esc cancels; a skip says U undoes it', async () => {
    const c = console_(gameView(hostVersion(rounds.openDoor), { go: answering }));
    c.key('s');
    expect(c.sent).toEqual([]);
    expect(c.confirming.value).toBe('skip');
    expect(c.feedback.value).toMatchObject({ key: 'confirm.skipTurn', tone: 'ask', params: { name: 'Chris' } });
    c.key('Escape');
    expect(c.confirming.value).toBe(null);
    expect(c.feedback.value).toBe(null);
    c.key('s');
    c.key('s');
    await Promise.resolve();
    await Promise.resolve();
    expect(c.sent).toEqual([{ type: 'question.skip' }]);
    expect(c.feedback.value).toMatchObject({ key: 'done.skipped', tone: 'done' });
    // Another key in between cancels the question: S, then X, then S asks again.
    c.key('s');
    c.key('x');
    c.key('s');
    expect(c.sent.map((s) => s.type)).toEqual(['question.skip', 'answer.wrong']);
    expect(c.confirming.value).toBe('skip');
  });

  it('a question that is over: only next (Enter, N) acts; the rest say why', () => {
    const done = {
      ...hostVersion(rounds.openDoor),
      turn: { ...hostVersion(rounds.openDoor).turn, stage: 'done' as const },
    };
    const c = console_(gameView(done, { next: { command: 'game.next', key: 'next_turn', playerId: null } }));
    for (const id of ['wrong', 'reveal', 'skip', 'clock'])
      expect(c.action(id), id).toMatchObject({ enabled: false, why: { key: 'why.questionOver' } });
    expect(c.action('next').enabled).toBe(true);
    c.key('s');
    c.key('r');
    c.key('n');
    expect(c.sent).toEqual([{ type: 'game.next' }]);
  });

  it('at the end only undo acts', () => {
    const c = console_(
      gameView(null, { phase: 'finished', next: { command: null, key: 'game_over', playerId: null } }),
    );
    const enabled = c.actions.value.filter((a) => a.enabled).map((a) => a.id);
    expect(enabled).toEqual(['undo', 'adjust', 'mute']);
    expect(c.action('pause').why).toEqual({ key: 'why.finished' });
  });

  it('stops the running clock with Space and leaves typing alone', () => {
    const c = console_(
      gameView(rounds.finale, { go: answering, clock: { playerId: 'p3', startedAt: 0, msAtStart: 1 } }),
    );
    c.key(' ');
    const input = document.createElement('input');
    document.body.append(input);
    input.addEventListener('keydown', c.onKeydown);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    expect(c.sent).toEqual([{ type: 'clock.stop' }]);
  });
});

describe('set editor errors', () => {
  it('puts each server message beside the field its path names', () => {
    const errors = parseDetails([
      'rounds.puzzle[1].links[2].clues: expected 4 clues, got 3',
      'title: must not be empty',
      'something general',
    ]);
    expect(errorsAt(errors, 'rounds.puzzle[1].links[2]')).toEqual(['clues: expected 4 clues, got 3']);
    expect(errorsAt(errors, 'rounds.puzzle[1]', true)).toEqual([]);
    expect(errorsAt(errors, 'title')).toEqual(['must not be empty']);
    expect(errorsAt(errors, '', true)).toEqual(['something general']);
  });
});
