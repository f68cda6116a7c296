import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import PlayerClock from '../src/components/common/PlayerClock.vue';
import { clockValue, wholeSeconds } from '../src/composables/useClock';
import { offsetFromSamples, serverTimeOf } from '../src/composables/useServerTime';
import { players } from './fixtures';

describe('clock arithmetic', () => {
  const ann = players[0]!;
  it('counts a running clock down from its timestamps, never below 0', () => {
    const clock = { playerId: 'p1', startedAt: 1_000_000, msAtStart: 60_000 };
    expect(clockValue(ann, clock, false, 1_000_000)).toBe(60_000);
    expect(clockValue(ann, clock, false, 1_012_345)).toBe(47_655);
    expect(clockValue(ann, clock, false, 1_100_000)).toBe(0);
    expect(clockValue(ann, clock, true, 1_012_345)).toBe(ann.ms);
    expect(clockValue(players[1]!, clock, false, 1_012_345)).toBe(74_200);
  });

  it('shows whole seconds rounded up, so 0 means out of time', () => {
    expect(wholeSeconds(47_655)).toBe(48);
    expect(wholeSeconds(47_000)).toBe(47);
    expect(wholeSeconds(1)).toBe(1);
    expect(wholeSeconds(0)).toBe(0);
  });
});

describe('server time offset', () => {
  it('takes the sample with the shortest round trip, midpoint style', () => {
    const offset = offsetFromSamples([
      { t0: 1000, t1: 1400, server: 5000 },
      { t0: 2000, t1: 2020, server: 6100 },
      { t0: 3000, t1: 3100, server: 7000 },
    ]);
    expect(offset).toBe(6100 - 2010);
    expect(offsetFromSamples([])).toBeNull();
  });

  it('reads the server time from a number or an object', () => {
    expect(serverTimeOf(123)).toBe(123);
    expect(serverTimeOf({ now: 5 })).toBeNull();
    expect(serverTimeOf(Number.NaN)).toBeNull();
    expect(serverTimeOf('x')).toBeNull();
  });
});

describe('PlayerClock', () => {
  afterEach(() => vi.useRealTimers());

  it('shows a stopped clock as the state says', () => {
    const w = mount(PlayerClock, { props: { player: players[1]!, clock: null } });
    expect(w.get('[data-testid="seconds"]').text()).toBe('75');
    expect(w.classes()).not.toContain('running');
  });

  it('runs down frame by frame from the clock timestamps and the server time', async () => {
    let now = 10_000;
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const clock = { playerId: 'p1', startedAt: 10_000, msAtStart: 12_000 };
    const w = mount(PlayerClock, { props: { player: players[0]!, clock, now: () => now } });
    expect(w.get('[data-testid="seconds"]').text()).toBe('12');
    expect(w.classes()).toContain('running');

    now = 10_500;
    frames.shift()?.(0);
    await nextTick();
    expect(w.get('[data-testid="seconds"]').text()).toBe('12');

    now = 13_100;
    frames.shift()?.(0);
    await nextTick();
    expect(w.get('[data-testid="seconds"]').text()).toBe('9');
    expect(w.classes()).toContain('low');

    now = 30_000;
    frames.shift()?.(0);
    await nextTick();
    expect(w.get('[data-testid="seconds"]').text()).toBe('0');
    vi.unstubAllGlobals();
  });

  it('stops counting while the game is paused', async () => {
    const clock = { playerId: 'p1', startedAt: 0, msAtStart: 5_000 };
    const w = mount(PlayerClock, { props: { player: players[0]!, clock, paused: true, now: () => 4_000 } });
    expect(w.get('[data-testid="seconds"]').text()).toBe('60');
    expect(w.classes()).not.toContain('running');
  });
});
