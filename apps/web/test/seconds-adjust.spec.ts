import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import CorrectionsLog from '../src/components/host/CorrectionsLog.vue';
import SecondsAdjust from '../src/components/host/SecondsAdjust.vue';
import { setLocale } from '../src/composables/useI18n';
import { players } from './fixtures';

beforeEach(() => setLocale('en'));

describe('seconds +/−', () => {
  it('applies once on Enter, then hands the keyboard back; Esc leaves too', async () => {
    const w = mount(SecondsAdjust, { props: { players }, attachTo: document.body });
    await w.get('[data-testid="adjust-delta"]').setValue('7');
    await w.get('[data-testid="adjust-reason"]').setValue('jury');
    await w.get('form').trigger('submit');
    expect(w.emitted('send')).toEqual([[{ type: 'seconds.adjust', playerId: 'p1', delta: 7, reason: 'jury' }]]);
    expect(w.emitted('leave')).toHaveLength(1);
    // The reason is cleared: nothing is left to apply a second time by accident.
    expect((w.get('[data-testid="adjust-reason"]').element as HTMLInputElement).value).toBe('');
    await w.get('[data-testid="adjust-minus"]').trigger('click');
    expect(w.emitted('send')![1]).toEqual([{ type: 'seconds.adjust', playerId: 'p1', delta: -7 }]);
    await w.get('[data-testid="adjust-reason"]').trigger('keydown', { key: 'Escape' });
    expect(w.emitted('leave')).toHaveLength(3);
    expect(w.emitted('send')).toHaveLength(2);
    w.unmount();
  });
});

describe('the corrections list', () => {
  it('says who, how much, why and when, and offers to take back what still stands', async () => {
    const corrections = [
      { version: 5, playerId: 'p1', delta: 7, reason: 'jury', at: Date.UTC(2026, 0, 1, 20, 15, 3) },
      { version: 7, playerId: 'p2', delta: -3, at: Date.UTC(2026, 0, 1, 20, 16, 0), undone: true },
    ];
    const w = mount(CorrectionsLog, { props: { corrections, players, canAct: true } });
    const rows = w.findAll('tbody tr');
    expect(
      rows.map((r) =>
        r
          .findAll('td')
          .map((td) => td.text())
          .slice(0, 3),
      ),
    ).toEqual([
      ['Bert', '−3 s', '(undone)'],
      ['Ann', '+7 s', 'jury'],
    ]);
    expect(rows[1]!.findAll('td')[3]!.text()).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(w.findAll('[data-testid="take-back"]')).toHaveLength(1);
    expect(w.get('[data-testid="take-back"]').attributes('aria-label')).toBe('Take back +7 s for Ann');
    await w.get('[data-testid="take-back"]').trigger('click');
    expect(w.emitted('takeBack')).toEqual([[corrections[0]]]);
  });
});
