/**
 * The TV as a show, in happy-dom: the cards between the boards (title, standings, line-up, winner)
 * and when they come, the boards as the TV draws them (3-6-9 row of questions, Puzzel rows, clocks
 * that run down, whose go it is from `go`) and the game's language.
 */
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, type Ref, ref } from 'vue';
import PlayerClock from '../src/components/common/PlayerClock.vue';
import PlayersBar from '../src/components/common/PlayersBar.vue';
import RoundBoard from '../src/components/round/RoundBoard.vue';
import LineupCard from '../src/components/screen/LineupCard.vue';
import StandingsCard from '../src/components/screen/StandingsCard.vue';
import TitleCard from '../src/components/screen/TitleCard.vue';
import WinnerCard from '../src/components/screen/WinnerCard.vue';
import { clearLocaleChoice, setLocale, useGameLanguage, useI18n } from '../src/composables/useI18n';
import { SHOW_TIMING, type ShowTiming, timingFrom, useShowMoment } from '../src/composables/useShowMoment';
import { cardFor } from '../src/lib/show';
import type { GameView, RoundView } from '../src/lib/types';
import { gameView, players, rounds } from './fixtures';

beforeEach(() => setLocale('en'));

/** A round as it opens: nobody has answered, picked or passed. */
const opening = {
  threeSixNine: { ...rounds.threeSixNine, number: 1, worth: 0, results: [] },
  openDoor: {
    ...rounds.openDoor,
    questioners: rounds.openDoor.questioners.map((q) => ({ ...q, used: false })),
    turnsTaken: ['p3'],
    turn: { ...rounds.openDoor.turn, stage: 'pick' as const, itemId: null, question: null, answers: [] },
  },
  puzzle: { ...rounds.puzzle, turnsTaken: ['p3'], turn: { ...rounds.puzzle.turn, stage: 'ready' as const } },
  finale: {
    ...rounds.finale,
    number: 1,
    stage: 'ready' as const,
    answers: rounds.finale.answers.map((a) => ({ ...a, text: undefined, found: false, by: null, seconds: null })),
  },
} satisfies Record<string, RoundView>;
const at = (round: RoundView, roundIndex: number, extra: Partial<GameView> = {}) =>
  gameView(round, { roundIndex, ...extra });

describe('which card the state calls for', () => {
  it('a title card when a round opens, the line-up when the finale opens, the board once it has begun', () => {
    expect(cardFor(at(opening.threeSixNine, 0))).toBe('title');
    expect(cardFor(at(opening.openDoor, 1))).toBe('title');
    expect(cardFor(at(opening.puzzle, 2))).toBe('title');
    expect(cardFor(at(opening.finale, 5))).toBe('lineup');
    // Begun: a wrong answer, a pick, a running clock, a second turn.
    expect(cardFor(at({ ...opening.threeSixNine, tried: ['p1'] }, 0))).toBeNull();
    expect(cardFor(at({ ...opening.openDoor, turn: { ...opening.openDoor.turn, stage: 'ready' } }, 1))).toBeNull();
    const running = { playerId: 'p3', startedAt: 0, msAtStart: 50_000 };
    expect(cardFor(at(opening.puzzle, 2, { clock: running }))).toBeNull();
    expect(cardFor(at({ ...opening.puzzle, turnsTaken: ['p3', 'p1'] }, 2))).toBeNull();
    expect(cardFor(at(rounds.threeSixNine, 0))).toBeNull();
  });

  it('the standings once a round is over, nothing while paused or in the lobby, the winner at the end', () => {
    const next = { command: 'game.next' as const, key: 'next_round', playerId: null };
    expect(cardFor(at(rounds.openDoor, 1, { next }))).toBe('standings');
    expect(cardFor(at(rounds.openDoor, 1, { next, paused: true }))).toBeNull();
    expect(cardFor(gameView(null, { phase: 'lobby' }))).toBeNull();
    expect(cardFor(gameView(null, { phase: 'finished' }))).toBe('winner');
  });
});

describe('when the cards come and go (useShowMoment)', () => {
  afterEach(() => vi.useRealTimers());

  function harness(start: GameView, timing: ShowTiming = { titleMs: 7000, standingsAfterMs: 3000 }) {
    const view = ref<GameView | null>(start) as Ref<GameView | null>;
    let card!: Ref<string | null>;
    mount(
      defineComponent({
        setup() {
          card = useShowMoment(view, timing);
          return () => h('div');
        },
      }),
    );
    return { view, card: () => card.value };
  }

  it('the title card stays a while, then the board; it goes at once when the round begins', async () => {
    vi.useFakeTimers();
    const { view, card } = harness(at(opening.threeSixNine, 0));
    expect(card()).toBe('title');
    vi.advanceTimersByTime(6900);
    expect(card()).toBe('title');
    vi.advanceTimersByTime(200);
    expect(card()).toBeNull();

    // The next round opens: its own title card, gone as soon as the first go starts.
    view.value = at(opening.puzzle, 2);
    await nextTick();
    expect(card()).toBe('title');
    view.value = at(opening.puzzle, 2, { clock: { playerId: 'p3', startedAt: 0, msAtStart: 50_000 } });
    await nextTick();
    expect(card()).toBeNull();
  });

  it('the screen sets its own pace: ?titles=12 seconds, or hold until the round begins', async () => {
    expect(timingFrom('')).toEqual(SHOW_TIMING);
    expect(timingFrom('?titles=12').titleMs).toBe(12_000);
    expect(timingFrom('?titles=-1')).toEqual(SHOW_TIMING);
    expect(timingFrom('?titles=soon')).toEqual(SHOW_TIMING);
    vi.useFakeTimers();
    const { view, card } = harness(at(opening.threeSixNine, 0), timingFrom('?titles=hold'));
    vi.advanceTimersByTime(10 * 60_000);
    expect(card()).toBe('title');
    view.value = at({ ...opening.threeSixNine, tried: ['p1'] }, 0);
    await nextTick();
    expect(card()).toBeNull();
  });

  it('a clip the host plays (C) ends the title card at once', async () => {
    vi.useFakeTimers();
    const { view, card } = harness(at(opening.threeSixNine, 0));
    expect(card()).toBe('title');
    view.value = at(opening.threeSixNine, 0, { mediaCue: 1 });
    await nextTick();
    expect(card()).toBeNull();
  });

  it('the standings come a moment after the round ends (the last answers are seen first) and stay', async () => {
    vi.useFakeTimers();
    const { view, card } = harness(at(rounds.openDoor, 1));
    expect(card()).toBeNull();
    view.value = at(rounds.openDoor, 1, { next: { command: 'game.next', key: 'next_round', playerId: null } });
    await nextTick();
    expect(card()).toBeNull();
    vi.advanceTimersByTime(3000);
    expect(card()).toBe('standings');
    vi.advanceTimersByTime(60_000);
    expect(card()).toBe('standings');
    view.value = at(opening.finale, 5);
    await nextTick();
    expect(card()).toBe('lineup');
  });
});

describe('TitleCard', () => {
  it('names the round, says its rule in one line and what an answer is worth, from the game’s scoring', () => {
    const card = (round: RoundView, roundIndex: number, extra: Partial<GameView> = {}) =>
      mount(TitleCard, { props: { view: at(round, roundIndex, extra) } });
    const tsn = card(opening.threeSixNine, 0);
    expect(tsn.get('h2').text()).toBe('3-6-9');
    expect(tsn.text()).toContain('Round 1 of 6');
    expect(tsn.text()).toContain('a right answer keeps the turn');
    expect(tsn.get('[data-testid="title-worth"]').text()).toBe(
      'Questions 3, 6, 9, 12, 15: +10 s each; the others earn nothing',
    );
    const scoring = { ...gameView(null).scoring, openDoor: 25, collectiveMemoryStep: 15 };
    expect(card(opening.openDoor, 1, { scoring }).get('[data-testid="title-worth"]').text()).toBe(
      '+25 s for every answer',
    );
    const memory = card(rounds.collectiveMemory, 4, { scoring });
    expect(memory.get('h2').text()).toBe('Collective Memory');
    expect(memory.get('[data-testid="title-worth"]').text()).toBe(
      'Keywords 1 to 5 of a clip: +15, +30, +45, +60, +75 s',
    );
  });

  it('speaks Dutch as people know the rounds there', () => {
    setLocale('nl');
    const w = mount(TitleCard, { props: { view: at(rounds.collectiveMemory, 4) } });
    expect(w.get('h2').text()).toBe('Collectief Geheugen');
    expect(w.text()).toContain('Ronde 5 van 6');
    expect(w.get('[data-testid="title-worth"]').text()).toBe(
      'Trefwoord 1 tot 5 van een fragment: +10, +20, +30, +40, +50 s',
    );
  });
});

describe('StandingsCard, LineupCard, WinnerCard', () => {
  it('ranks everyone by seconds between rounds and says what comes next', () => {
    const w = mount(StandingsCard, { props: { view: at(rounds.openDoor, 1) } });
    expect(w.findAll('.rows li').map((li) => li.get('.name').text())).toEqual(['Bert', 'Ann', 'Chris']);
    expect(w.findAll('[data-testid="standing-seconds"]').map((s) => s.text())).toEqual(['75', '60', '50']);
    expect(w.get('h2').text()).toBe('Standings after Open Door');
    expect(w.get('[data-testid="next-round"]').text()).toBe('Next: Puzzle');
  });

  it('before the finale: de slimste mens van de dag and the two who play the final', () => {
    const result = { winnerId: null, slimsteVanDeDagId: 'p2', finalists: ['p1', 'p3'], eliminatedIds: [] };
    const w = mount(LineupCard, { props: { view: at(opening.finale, 5, { result }) } });
    expect(w.get('[data-testid="lineup-slimste"]').text()).toContain('Bert');
    expect(w.get('[data-testid="lineup-finalists"]').text()).toContain('Ann');
    expect(w.get('[data-testid="lineup-finalists"]').text()).toContain('Chris');
    expect(w.get('[data-testid="lineup-finalists"]').text()).not.toContain('Bert');
    expect(w.find('[data-testid="lineup-out"]').exists()).toBe(false);
  });

  it('at the end: the winner celebrated, the slimste van de dag beside them', () => {
    const result = { winnerId: 'p3', slimsteVanDeDagId: 'p2', finalists: ['p1', 'p3'], eliminatedIds: ['p1'] };
    const w = mount(WinnerCard, { props: { view: gameView(null, { phase: 'finished', result }) } });
    expect(w.get('[data-testid="winner-name"]').text()).toBe('Chris wins!');
    expect(w.get('[data-testid="winner-slimste"]').text()).toBe('Smartest person of the day: Bert');
    // A game without a finale: the most seconds win.
    const plain = mount(WinnerCard, { props: { view: gameView(null, { phase: 'finished', result: null }) } });
    expect(plain.get('[data-testid="winner-name"]').text()).toBe('Bert wins!');
    expect(plain.find('[data-testid="winner-slimste"]').exists()).toBe(false);
  });
});

describe('the boards on the TV', () => {
  it('3-6-9: per question who got it, which were missed, the one in play and the bonus ones to come', () => {
    const w = mount(RoundBoard, { props: { view: gameView(rounds.threeSixNine) } });
    const questions = w.findAll('[data-testid="questions"] li');
    expect(questions).toHaveLength(15);
    expect(questions.slice(0, 7).map((q) => q.attributes('data-state'))).toEqual([
      'got',
      'missed',
      'got',
      'got',
      'missed',
      'current',
      'later',
    ]);
    expect(questions[0]!.text()).toContain('Ann');
    expect(questions[2]!.text()).toContain('Bert');
    expect(questions[1]!.text()).toContain('missed');
    expect(questions[8]!.text()).toBe('9+10');
  });

  it('3-6-9 after all three were wrong: the answer shows, nobody is said to be answering (go is null)', () => {
    const done = { ...rounds.threeSixNine, stage: 'done' as const, tried: ['p2', 'p3', 'p1'], answer: 'Brussels' };
    const w = mount(RoundBoard, { props: { view: gameView(done, { go: null }) } });
    expect(w.text()).not.toContain('Answering');
    expect(w.text()).toContain('Nobody had it');
    const bar = mount(PlayersBar, { props: { view: gameView(done, { go: null }), size: 'tv' } });
    expect(bar.findAll('.player-clock.active')).toHaveLength(0);
    const answering = mount(RoundBoard, {
      props: { view: gameView(rounds.threeSixNine, { go: { playerId: 'p2', stage: 'answering' } }) },
    });
    expect(answering.get('[data-testid="answerer"]').text()).toBe('Answering: Bert');
  });

  it('Puzzel: the clues of a found link gather into a row of their own, numbered as the link', () => {
    const grid = rounds.puzzle.turn.grid;
    // The found link's clues scattered over the grid, as a shuffle leaves them.
    const scattered = [
      grid[4]!,
      grid[0]!,
      grid[5]!,
      grid[6]!,
      grid[1]!,
      grid[7]!,
      grid[8]!,
      grid[2]!,
      grid[9]!,
      grid[10]!,
      grid[3]!,
      grid[11]!,
    ];
    const round = { ...rounds.puzzle, turn: { ...rounds.puzzle.turn, grid: scattered } };
    const w = mount(RoundBoard, { props: { view: gameView(round) } });
    const cells = w.findAll('[data-testid="puzzle-grid"] li');
    expect(cells.slice(0, 4).map((c) => c.get('.clue').text())).toEqual(['Rome', 'Paris', 'Madrid', 'Berlin']);
    expect(cells.slice(0, 4).every((c) => c.classes('gathered') && c.get('.link-no').text().startsWith('1 '))).toBe(
      true,
    );
    expect(cells.slice(4).some((c) => c.classes('gathered'))).toBe(false);
    expect(cells.slice(4).map((c) => c.get('.clue').text())).toEqual([
      'Apple',
      'Pear',
      'Plum',
      'Fig',
      'Red',
      'Blue',
      'Green',
      'Pink',
    ]);
    expect(w.findAll('.links .answer')[0]!.text()).toContain('1.');
  });

  it('Galerij on the TV: the photo fills the board', () => {
    const w = mount(RoundBoard, { props: { view: gameView(rounds.gallery), fill: true } });
    expect(w.get('section.gallery').classes()).toContain('fill');
    expect(
      mount(RoundBoard, { props: { view: gameView(rounds.gallery) } })
        .get('section.gallery')
        .classes(),
    ).not.toContain('fill');
  });

  it('a long name wraps inside its answer slot instead of running out of it', () => {
    const long = players.map((p) => (p.id === 'p3' ? { ...p, name: 'Maximiliaan Vandenbroucke' } : p));
    const w = mount(RoundBoard, { props: { view: gameView(rounds.openDoor, { players: long }) } });
    expect(w.get('.answer.found .meta .by').text()).toBe('Maximiliaan Vandenbroucke');
  });
});

describe('a clock on the TV reads as a clock', () => {
  it('its ring holds the seconds left in the minute and runs down while the clock runs', async () => {
    let now = 100_000;
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const clock = { playerId: 'p1', startedAt: 100_000, msAtStart: 45_000 };
    const w = mount(PlayerClock, { props: { player: players[0]!, clock, size: 'tv', now: () => now } });
    const fraction = () => Number(w.get('.clock-ring').attributes('data-fraction'));
    expect(fraction()).toBeCloseTo(0.75, 3);
    now = 115_000;
    frames.shift()?.(0);
    await nextTick();
    expect(w.get('[data-testid="seconds"]').text()).toBe('30');
    expect(fraction()).toBeCloseTo(0.5, 3);
    expect(w.get('.clock-ring').classes()).toContain('is-running');
    vi.unstubAllGlobals();
    // A stopped clock of 75 s: a quarter of the ring past the full minute.
    const stopped = mount(PlayerClock, { props: { player: players[1]!, clock: null, size: 'tv' } });
    expect(Number(stopped.get('.clock-ring').attributes('data-fraction'))).toBeCloseTo(14.2 / 60, 3);
    expect(stopped.get('.clock-ring').classes()).not.toContain('is-running');
  });
});

describe('the language of a game', () => {
  it('a page of a game speaks the game’s language, unless this device chose another', async () => {
    clearLocaleChoice();
    const language = ref('nl');
    const w = mount(
      defineComponent({
        setup() {
          const { t } = useI18n();
          useGameLanguage(() => language.value);
          return () => h('p', t('round.collectiveMemory'));
        },
      }),
    );
    expect(w.text()).toBe('Collectief Geheugen');
    expect(document.documentElement.lang).toBe('nl');
    language.value = 'en-GB';
    await nextTick();
    expect(w.text()).toBe('Collective Memory');
    // The device chooses Dutch itself: the game's English no longer decides.
    setLocale('nl');
    await nextTick();
    expect(w.text()).toBe('Collectief Geheugen');
    expect(localStorage.getItem('slimste:lang')).toBe('nl');
    clearLocaleChoice();
    await nextTick();
    expect(w.text()).toBe('Collective Memory');
  });
});
