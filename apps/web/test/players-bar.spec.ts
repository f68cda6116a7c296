import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PlayersBar from '../src/components/common/PlayersBar.vue';
import { gameView, rounds } from './fixtures';

const clockOf = (wrapper: ReturnType<typeof mount>, id: string) => wrapper.get(`[data-player-id="${id}"]`).classes();

describe('PlayersBar in the final', () => {
  const lineUp = { winnerId: '', slimsteVanDeDagId: 'p2', finalists: ['p1', 'p3'], eliminatedIds: [] };

  it('crowns de slimste mens van de dag instead of dimming them while the finalists play', () => {
    const wrapper = mount(PlayersBar, { props: { view: gameView(rounds.finale, { result: lineUp }) } });
    expect(clockOf(wrapper, 'p2')).toContain('crowned');
    expect(clockOf(wrapper, 'p2')).not.toContain('resting');
    expect(clockOf(wrapper, 'p1')).not.toContain('crowned');
  });

  it('crowns the winner and strikes the finale loser out at the end', () => {
    const result = { ...lineUp, winnerId: 'p3', eliminatedIds: ['p1'] };
    const view = gameView(rounds.finale, { phase: 'finished', result });
    const wrapper = mount(PlayersBar, { props: { view } });
    expect(clockOf(wrapper, 'p3')).toContain('crowned');
    expect(clockOf(wrapper, 'p1')).toContain('out');
    expect(clockOf(wrapper, 'p1')).not.toContain('crowned');
  });
});
