import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import GoControls from '../src/components/player/GoControls.vue';
import RoundBoard from '../src/components/round/RoundBoard.vue';
import { useHostActions } from '../src/composables/useHostActions';
import { setLocale } from '../src/composables/useI18n';
import { provideMediaCue } from '../src/composables/useMediaCue';
import type { Command, GameView, RoundView } from '../src/lib/types';
import { gameView, hostVersion, rounds } from './fixtures';

beforeEach(() => setLocale('en'));

/** Open Deur after the owner Chris stopped: Ann is up to complete, her clock not started. */
const completing: RoundView = {
  ...rounds.openDoor,
  turn: { ...rounds.openDoor.turn, stage: 'ready', answererId: 'p1', passed: ['p3'] },
};
const finaleReady: RoundView = { ...rounds.finale, stage: 'ready', answererId: 'p1', passed: ['p3'] };

describe('the Pass button on the phone', () => {
  it('shows only to the player who is up and whose clock has not started, and sends clock.stop', async () => {
    const w = mount(GoControls, { props: { view: gameView(completing), playerId: 'p1' } });
    expect(w.text()).toContain('You are up: the host starts your clock, or pass if you know nothing.');
    expect(w.find('[data-testid="stop"]').exists()).toBe(false);
    await w.get('[data-testid="pass"]').trigger('click');
    expect(w.emitted('send')).toEqual([[{ type: 'clock.stop' }]]);

    // Someone else is up, or it is 3-6-9, or the game is paused, or my clock already runs: no Pass.
    await w.setProps({ view: gameView(completing), playerId: 'p2' });
    expect(w.find('[data-testid="pass"]').exists()).toBe(false);
    await w.setProps({ view: gameView({ ...rounds.threeSixNine, answererId: 'p1' }), playerId: 'p1' });
    expect(w.find('[data-testid="pass"]').exists()).toBe(false);
    await w.setProps({ view: gameView(completing, { paused: true }), playerId: 'p1' });
    expect(w.find('[data-testid="pass"]').exists()).toBe(false);
    const running = gameView(
      { ...completing, turn: { ...rounds.openDoor.turn, stage: 'answering', answererId: 'p1' } },
      { clock: { playerId: 'p1', startedAt: 0, msAtStart: 60_000 } },
    );
    await w.setProps({ view: running, playerId: 'p1' });
    expect(w.find('[data-testid="pass"]').exists()).toBe(false);
    expect(w.find('[data-testid="stop"]').exists()).toBe(true);
  });

  it('lets the finale opponent pass before their clock, in Dutch too', async () => {
    setLocale('nl');
    const w = mount(GoControls, { props: { view: gameView(finaleReady), playerId: 'p1' } });
    expect(w.get('[data-testid="pass"]').text()).toBe('Passen');
    await w.get('[data-testid="pass"]').trigger('click');
    expect(w.emitted('send')).toEqual([[{ type: 'clock.stop' }]]);
  });
});

function hostKeys(view: GameView) {
  const sent: Command[] = [];
  const state = ref<GameView | null>(view);
  const { actions, onKeydown } = useHostActions(state, (c) => Promise.resolve({ ok: true, version: sent.push(c) }), {
    focusAdjust: () => {},
    toggleMute: () => {},
  });
  const press = (key: string) => onKeydown(new KeyboardEvent('keydown', { key, cancelable: true }));
  return { sent, actions, press, state };
}

describe('host console: pass and play clip', () => {
  it('D passes for the player up next, while Space and Enter still start their clock', () => {
    const next = { command: 'clock.start' as const, key: 'start_clock_completion', playerId: 'p1' };
    const { sent, actions, press } = hostKeys(gameView(hostVersion(completing), { next }));
    const pass = actions.value.find((a) => a.id === 'pass')!;
    expect(pass).toMatchObject({ keys: 'D', enabled: true, label: 'cmd.passFor', params: { name: 'Ann' } });
    press('d');
    press(' ');
    press('Enter');
    expect(sent.map((c) => c.type)).toEqual(['clock.stop', 'clock.start', 'clock.start']);
  });

  it('offers no pass while a clock runs or in 3-6-9', () => {
    for (const view of [
      gameView(hostVersion(rounds.openDoor), { clock: { playerId: 'p3', startedAt: 0, msAtStart: 1 } }),
      gameView(hostVersion(rounds.threeSixNine)),
    ]) {
      const { sent, actions, press } = hostKeys(view);
      expect(actions.value.find((a) => a.id === 'pass')).toMatchObject({ label: 'cmd.pass', enabled: false });
      press('d');
      expect(sent).toEqual([]);
    }
  });

  it('C plays the clip on the screen only when the question in play has one', () => {
    const clip = { kind: 'video' as const, url: '/media/clip.mp4' };
    const withClip = gameView({
      ...hostVersion(rounds.openDoor),
      turn: { ...hostVersion(rounds.openDoor).turn, media: clip },
    });
    const { sent, actions, press, state } = hostKeys(withClip);
    expect(actions.value.find((a) => a.id === 'media')).toMatchObject({ keys: 'C', enabled: true });
    press('c');
    expect(sent).toEqual([{ type: 'media.play' }]);
    for (const round of [
      { ...rounds.finale, media: clip },
      { ...rounds.threeSixNine, media: clip },
    ]) {
      state.value = gameView(round);
      press('c');
    }
    state.value = gameView(hostVersion(rounds.puzzle));
    expect(actions.value.find((a) => a.id === 'media')!.enabled).toBe(false);
    press('c');
    expect(sent.map((c) => c.type)).toEqual(['media.play', 'media.play', 'media.play']);
  });
});

describe('the screen plays the clip when the host says so', () => {
  let play: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  });
  afterEach(() => play.mockRestore());

  /** The screen's wiring: the view's mediaCue provided to the boards below it. */
  function screenWith(view: GameView) {
    const state = ref<GameView | null>(view);
    const Screen = defineComponent({
      setup() {
        provideMediaCue(state);
        return () => (state.value ? h(RoundBoard, { view: state.value }) : null);
      },
    });
    return { wrapper: mount(Screen, { attachTo: document.body }), state };
  }
  const withMedia = (media: { kind: 'video' | 'audio' | 'image'; url: string }, cue: number) =>
    gameView({ ...rounds.collectiveMemory, turn: { ...rounds.collectiveMemory.turn, media } }, { mediaCue: cue });

  it('replays a video from the start each time mediaCue goes up, never on first load', async () => {
    const { wrapper, state } = screenWith(withMedia({ kind: 'video', url: '/media/clip.mp4' }, 4));
    await nextTick();
    const video = wrapper.get('video').element as HTMLVideoElement;
    expect(video.autoplay).toBe(false);
    expect(play).not.toHaveBeenCalled();

    video.currentTime = 12;
    state.value = withMedia({ kind: 'video', url: '/media/clip.mp4' }, 5);
    await nextTick();
    expect(play).toHaveBeenCalledTimes(1);
    expect(play.mock.contexts[0]).toBe(video);
    expect(video.currentTime).toBe(0);

    // Any other change (a keyword found) plays nothing; the next cue plays it again.
    state.value = { ...withMedia({ kind: 'video', url: '/media/clip.mp4' }, 5), version: 9 } as GameView;
    await nextTick();
    expect(play).toHaveBeenCalledTimes(1);
    state.value = withMedia({ kind: 'video', url: '/media/clip.mp4' }, 6);
    await nextTick();
    expect(play).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('plays audio too, and just shows an image', async () => {
    const { wrapper, state } = screenWith(withMedia({ kind: 'audio', url: '/media/s.mp3' }, 0));
    state.value = withMedia({ kind: 'audio', url: '/media/s.mp3' }, 1);
    await nextTick();
    expect(play).toHaveBeenCalledTimes(1);
    expect(play.mock.contexts[0]).toBe(wrapper.get('audio').element);
    state.value = withMedia({ kind: 'image', url: '/media/p.png' }, 2);
    await nextTick();
    expect(wrapper.find('img').exists()).toBe(true);
    expect(play).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });

  it('says how to allow clips when the browser refuses to play, and retries on the next click', async () => {
    play.mockImplementationOnce(() => Promise.reject(new DOMException('no gesture', 'NotAllowedError')));
    const { wrapper, state } = screenWith(withMedia({ kind: 'video', url: '/media/clip.mp4' }, 0));
    state.value = withMedia({ kind: 'video', url: '/media/clip.mp4' }, 1);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="media-blocked"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="media-blocked"]').text()).toContain('click Sound on');
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    await vi.waitFor(() => expect(wrapper.find('[data-testid="media-blocked"]').exists()).toBe(false));
    expect(play).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('never plays by itself on the console or the phones (no cue provided)', async () => {
    const state = ref(withMedia({ kind: 'video', url: '/media/clip.mp4' }, 0));
    const w = mount(RoundBoard, { props: { view: state.value } });
    await w.setProps({ view: withMedia({ kind: 'video', url: '/media/clip.mp4' }, 3) });
    expect(play).not.toHaveBeenCalled();
  });
});
