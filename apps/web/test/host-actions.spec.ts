import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { answerTargets, pickTargets, useHostActions } from '../src/composables/useHostActions';
import { errorsAt, parseDetails } from '../src/lib/set-errors';
import type { Command, GameView } from '../src/lib/types';
import { gameView, hostVersion, rounds } from './fixtures';

function press(handler: (e: KeyboardEvent) => void, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init });
  handler(event);
  return event;
}

describe('host keyboard', () => {
  it('numbers the open answers and the items to pick like the boards do', () => {
    expect(answerTargets(gameView(hostVersion(rounds.openDoor)))).toEqual(['', 'a2', 'a3', 'a4']);
    expect(answerTargets(gameView(rounds.collectiveMemory))).toEqual(['k3', 'k4', 'k5']);
    expect(answerTargets(gameView(rounds.gallery))).toEqual(['ph2']);
    expect(answerTargets(gameView(rounds.threeSixNine))).toEqual(['q6']);
    const picking = { ...rounds.collectiveMemory, turn: { ...rounds.collectiveMemory.turn, stage: 'pick' as const } };
    expect(pickTargets(gameView(picking))).toEqual(['', 'c2']);
  });

  it('sends a command for every shortcut, Enter sending the next step', () => {
    const sent: Command[] = [];
    const view = ref<GameView | null>(
      gameView(hostVersion(rounds.openDoor), { next: { command: 'clock.start', key: 'start_clock', playerId: 'p3' } }),
    );
    let focused = 0;
    const { onKeydown, actions } = useHostActions(view, (c) => sent.push(c), {
      focusAdjust: () => focused++,
      toggleMute: () => {},
    });
    press(onKeydown, 'Enter');
    press(onKeydown, ' ');
    press(onKeydown, 'x');
    press(onKeydown, 'r');
    press(onKeydown, 's');
    press(onKeydown, 'n');
    press(onKeydown, 'p');
    press(onKeydown, 'u');
    press(onKeydown, 'z', { ctrlKey: true });
    press(onKeydown, '2');
    press(onKeydown, '1'); // already found: nothing
    press(onKeydown, 'a');
    expect(sent.map((c) => c.type)).toEqual([
      'clock.start',
      'clock.start',
      'answer.wrong',
      'answers.reveal',
      'question.skip',
      'game.next',
      'game.pause',
      'undo',
      'undo',
      'answer.correct',
    ]);
    expect(sent[9]).toEqual({ type: 'answer.correct', answerId: 'a2' });
    expect(focused).toBe(1);
    expect(actions.value.every((a) => a.keys.length > 0)).toBe(true);
  });

  it('stops the running clock with Space and leaves typing alone', () => {
    const sent: Command[] = [];
    const view = ref<GameView | null>(
      gameView(rounds.finale, { clock: { playerId: 'p3', startedAt: 0, msAtStart: 1 } }),
    );
    const { onKeydown } = useHostActions(view, (c) => sent.push(c), {
      focusAdjust: () => {},
      toggleMute: () => {},
    });
    press(onKeydown, ' ');
    const input = document.createElement('input');
    document.body.append(input);
    input.addEventListener('keydown', onKeydown);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    expect(sent).toEqual([{ type: 'clock.stop' }]);
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
