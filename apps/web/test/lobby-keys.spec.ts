import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import LobbyPanel from '../src/components/host/LobbyPanel.vue';
import { setLocale } from '../src/composables/useI18n';
import type { Command } from '../src/lib/types';
import { gameView } from './fixtures';

beforeEach(() => setLocale('en'));

async function key(key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, cancelable: true, bubbles: true, ...init });
  document.body.dispatchEvent(event);
  await nextTick();
  return event;
}

function lobby() {
  const w = mount(LobbyPanel, {
    props: { view: gameView(null, { phase: 'lobby' }), code: 'ABCD', joinUrl: null },
    attachTo: document.body,
  });
  const sent = () => (w.emitted('send') ?? []).map(([c]) => c as Command);
  const selected = () => w.find('li.selected .name').text();
  return { w, sent, selected };
}

describe('the lobby by keyboard', () => {
  it('selects with the arrows and moves the selected seat with Alt+arrows', async () => {
    const { w, sent, selected } = lobby();
    expect(w.text()).toContain('Alt+↑/↓ move their seat');
    expect(w.find('li.selected').exists()).toBe(false);
    expect((await key('ArrowDown')).defaultPrevented).toBe(true);
    expect(selected()).toBe('Ann');
    await key('ArrowDown');
    await key('ArrowDown');
    await key('ArrowDown'); // stays on the last
    expect(selected()).toBe('Chris');
    await key('ArrowUp', { altKey: true });
    expect(sent()).toEqual([{ type: 'lobby.seats', order: ['p1', 'p3', 'p2'] }]);
    await key('ArrowDown', { altKey: true }); // already last: nothing
    await key('ArrowUp');
    expect(selected()).toBe('Bert');
    await key('ArrowDown', { altKey: true });
    expect(sent()[1]).toEqual({ type: 'lobby.seats', order: ['p1', 'p3', 'p2'] });
    w.unmount();
  });

  it('removes the selected player only after Delete is pressed twice; Esc cancels', async () => {
    const { w, sent, selected } = lobby();
    await key('ArrowDown');
    await key('ArrowDown');
    await key('Delete');
    expect(w.get('[data-testid="confirm-remove"]').text()).toContain('Remove Bert?');
    expect(sent()).toEqual([]);
    await key('Escape');
    expect(w.find('[data-testid="confirm-remove"]').exists()).toBe(false);
    await key('Delete');
    await key('Delete');
    expect(sent()).toEqual([{ type: 'lobby.remove', playerId: 'p2' }]);
    expect(selected()).toBe('Chris');
    w.unmount();
  });

  it('leaves the keys alone while typing and does nothing without a selection', async () => {
    const { w, sent } = lobby();
    await key('Delete');
    expect(w.find('[data-testid="confirm-remove"]').exists()).toBe(false);
    const input = document.createElement('input');
    document.body.append(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await nextTick();
    expect(w.find('li.selected').exists()).toBe(false);
    expect(sent()).toEqual([]);
    input.remove();
    w.unmount();
  });
});
