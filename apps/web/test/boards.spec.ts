import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import CollectiveMemoryBoard from '../src/components/round/CollectiveMemoryBoard.vue';
import FinaleBoard from '../src/components/round/FinaleBoard.vue';
import GalleryBoard from '../src/components/round/GalleryBoard.vue';
import OpenDoorBoard from '../src/components/round/OpenDoorBoard.vue';
import PuzzleGrid from '../src/components/round/PuzzleGrid.vue';
import RoundBoard from '../src/components/round/RoundBoard.vue';
import ThreeSixNineBoard from '../src/components/round/ThreeSixNineBoard.vue';
import { setLocale } from '../src/composables/useI18n';
import { gameView, hostVersion, players, rounds } from './fixtures';

beforeEach(() => setLocale('en'));

describe('ThreeSixNineBoard', () => {
  it('shows the question number and what it is worth, and hides the answer from the screen', () => {
    const go = { playerId: 'p2', stage: 'answering' as const };
    const w = mount(ThreeSixNineBoard, { props: { round: rounds.threeSixNine, players, go } });
    expect(w.get('[data-testid="question-number"]').text()).toBe('Question 6 of 15');
    expect(w.get('[data-testid="worth"]').text()).toBe('worth 10 s');
    expect(w.text()).toContain('Answering: Bert');
    expect(w.find('[data-testid="answer"]').exists()).toBe(false);
    expect(w.find('button').exists()).toBe(false);
  });

  it('names whoever has the go, and nobody once all were wrong', async () => {
    const w = mount(ThreeSixNineBoard, { props: { round: rounds.threeSixNine, players, go: null } });
    expect(w.text()).not.toContain('Answering');
    await w.setProps({
      round: { ...rounds.threeSixNine, stage: 'done', answer: 'Brussels', tried: ['p1', 'p2', 'p3'] },
    });
    expect(w.text()).not.toContain('Answering');
    expect(w.text()).toContain('Nobody had it');
  });

  it('says a non-bonus question is worth nothing, in Dutch too', () => {
    setLocale('nl');
    const w = mount(ThreeSixNineBoard, { props: { round: { ...rounds.threeSixNine, number: 4, worth: 0 }, players } });
    expect(w.get('[data-testid="worth"]').text()).toBe('niets waard');
    expect(w.get('[data-testid="question-number"]').text()).toBe('Vraag 4 van 15');
  });

  it('gives the host the answer and a correct button naming the question id', async () => {
    const round = hostVersion(rounds.threeSixNine);
    const w = mount(ThreeSixNineBoard, { props: { round, players, host: true } });
    expect(w.get('[data-testid="answer"]').text()).toContain('Brussels');
    await w.get('[data-testid="answer-1"]').trigger('click');
    expect(w.emitted('correct')).toEqual([['q6']]);
  });
});

describe('OpenDoorBoard', () => {
  it('shows found answers with who and seconds, hidden ones as places only', () => {
    const w = mount(OpenDoorBoard, { props: { round: rounds.openDoor, players } });
    const slots = w.findAll('.answer');
    expect(slots).toHaveLength(4);
    expect(slots[0]!.text()).toContain('Duvel');
    expect(slots[0]!.text()).toContain('Chris');
    expect(slots[0]!.text()).toContain('+20');
    expect(slots[0]!.attributes('data-found')).toBe('true');
    expect(slots[1]!.text()).toBe('?');
    expect(w.findAll('.used')).toHaveLength(1);
  });

  it('lets a picker choose only unused questioners', async () => {
    const round = { ...rounds.openDoor, turn: { ...rounds.openDoor.turn, stage: 'pick' as const, itemId: null } };
    const w = mount(OpenDoorBoard, { props: { round, players, canPick: true } });
    expect(w.findAll('[data-testid^="pick-"]')).toHaveLength(1);
    await w.get('[data-testid="pick-2"]').trigger('click');
    expect(w.emitted('pick')).toEqual([['od2']]);
  });

  it('host: each open answer is a button that marks it correct', async () => {
    const w = mount(OpenDoorBoard, { props: { round: hostVersion(rounds.openDoor), players, host: true } });
    expect(w.findAll('button.pick')).toHaveLength(3);
    // Before the clock runs the buttons say why they do nothing.
    expect(w.get('[data-testid="answer-3"]').attributes('aria-disabled')).toBe('true');
    await w.get('[data-testid="answer-3"]').trigger('click');
    expect(w.emitted('correct')).toBeUndefined();
    await w.setProps({ markable: true });
    expect(w.get('[data-testid="answer-3"]').attributes('aria-disabled')).toBeUndefined();
    await w.get('[data-testid="answer-3"]').trigger('click');
    expect(w.emitted('correct')).toEqual([['a3']]);
  });
});

describe('PuzzleGrid', () => {
  it('draws 12 clues and colours the 4 of a found link', () => {
    const w = mount(PuzzleGrid, { props: { round: rounds.puzzle, players } });
    const cells = w.findAll('[data-testid="puzzle-grid"] li');
    expect(cells).toHaveLength(12);
    const coloured = cells.filter((c) => c.classes('link-0'));
    expect(coloured.map((c) => c.get('.clue').text())).toEqual(['Rome', 'Paris', 'Madrid', 'Berlin']);
    // Not by colour alone: each found clue carries its link's number.
    expect(coloured.map((c) => c.get('.link-no').text())).toEqual(Array(4).fill('1 · link 1 found'));
    expect(cells.filter((c) => c.find('.link-no').exists())).toHaveLength(4);
    expect(cells.filter((c) => c.classes('link-1') || c.classes('link-2'))).toHaveLength(0);
    expect(w.findAll('.answer')[0]!.text()).toContain('Capitals');
  });
});

describe('GalleryBoard', () => {
  it('shows the current photo with its place, and which photos were named', () => {
    const w = mount(GalleryBoard, { props: { round: rounds.gallery, players } });
    const photo = w.get('[data-testid="gallery-photo"]');
    expect(photo.get('img').attributes('src')).toBe('/media/nl.svg');
    expect(photo.text()).toContain('Photo 2 of 3');
    const strip = w.findAll('.strip li');
    expect(strip.map((li) => li.attributes('data-found'))).toEqual(['true', 'false', 'false']);
    expect(strip[0]!.text()).toContain('Belgium');
  });

  it('host marks the current photo correct', async () => {
    const w = mount(GalleryBoard, { props: { round: hostVersion(rounds.gallery), players, host: true } });
    await w.get('[data-testid="answer-1"]').trigger('click');
    expect(w.emitted('correct')).toEqual([['ph2']]);
  });
});

describe('CollectiveMemoryBoard', () => {
  it('fills the 10-20-30-40-50 slots in the order the keywords were found', () => {
    const w = mount(CollectiveMemoryBoard, { props: { round: rounds.collectiveMemory, players } });
    const slots = w.findAll('[data-testid="memory-slots"] li');
    expect(slots.map((s) => s.attributes('data-worth'))).toEqual(['10', '20', '30', '40', '50']);
    expect(slots[0]!.text()).toContain('Scifo');
    expect(slots[1]!.text()).toContain('Mexico');
    expect(slots[2]!.classes()).not.toContain('found');
  });

  it('host: keywords keep their numbers once found, so the digit keys match the board', async () => {
    const round = hostVersion(rounds.collectiveMemory);
    const w = mount(CollectiveMemoryBoard, { props: { round, players, host: true, markable: true } });
    expect(w.findAll('.host-keywords li kbd').map((k) => k.text())).toEqual(['1', '2', '3', '4', '5']);
    expect(w.find('[data-testid="answer-1"]').exists()).toBe(false);
    expect(w.get('[data-testid="found-1"]').text()).toContain('found');
    await w.get('[data-testid="answer-4"]').trigger('click');
    expect(w.emitted('correct')).toEqual([['k4']]);
  });
});

describe('ItemPicker', () => {
  it('shows no keyboard digits on a phone, and the digits on the console', () => {
    const round = { ...rounds.openDoor, turn: { ...rounds.openDoor.turn, stage: 'pick' as const, itemId: null } };
    const phone = mount(OpenDoorBoard, { props: { round, players, canPick: true } });
    expect(phone.get('[data-testid="pick-2"]').find('kbd').exists()).toBe(false);
    const host = mount(OpenDoorBoard, { props: { round, players, canPick: true, host: true } });
    expect(host.get('[data-testid="pick-2"]').get('kbd').text()).toBe('2');
  });
});

describe('FinaleBoard', () => {
  it('names the finalists and shows answers as seconds taken off', () => {
    const w = mount(FinaleBoard, { props: { round: rounds.finale, players } });
    expect(w.get('[data-testid="finalists"]').text()).toBe('Final: Ann vs Chris');
    expect(w.findAll('.answer')[0]!.text()).toContain('−20');
  });
});

describe("what an empty slot is worth, from the game's scoring", () => {
  const worths = (w: ReturnType<typeof mount>, selector: string) => w.findAll(selector).map((e) => e.text());

  it('Open Door +20, Puzzle +30, Gallery +15, final −20 on the slots still open', () => {
    const board = (round: Parameters<typeof gameView>[0]) => mount(RoundBoard, { props: { view: gameView(round) } });
    expect(worths(board(rounds.openDoor), '.answer .worth')).toEqual(['+20', '+20', '+20']);
    expect(worths(board(rounds.puzzle), '.answer .worth')).toEqual(['+30', '+30']);
    expect(worths(board(rounds.gallery), '.strip .worth')).toEqual(['+15', '+15']);
    expect(worths(board(rounds.finale), '.answer .worth')).toEqual(['−20', '−20', '−20', '−20']);
  });

  it('follows a game with other seconds, and shows nothing once the turn is done', () => {
    const scoring = { ...gameView(null).scoring, openDoor: 25, collectiveMemoryStep: 15 };
    const od = mount(RoundBoard, { props: { view: gameView(rounds.openDoor, { scoring }) } });
    expect(worths(od, '.answer .worth')).toEqual(['+25', '+25', '+25']);
    const memory = mount(RoundBoard, { props: { view: gameView(rounds.collectiveMemory, { scoring }) } });
    const slots = memory.findAll('[data-testid="memory-slots"] li');
    expect(slots.map((s) => s.attributes('data-worth'))).toEqual(['15', '30', '45', '60', '75']);
    const done = { ...rounds.openDoor, turn: { ...rounds.openDoor.turn, stage: 'done' as const } };
    expect(mount(RoundBoard, { props: { view: gameView(done) } }).findAll('.answer .worth')).toHaveLength(0);
  });
});

describe('RoundBoard', () => {
  it('shows the winner and the slimste van de dag when the game is over', () => {
    const view = gameView(null, {
      phase: 'finished',
      result: { winnerId: 'p3', slimsteVanDeDagId: 'p2', finalists: ['p1', 'p3'], eliminatedIds: ['p1'] },
    });
    const w = mount(RoundBoard, { props: { view } });
    expect(w.get('[data-testid="result"]').text()).toContain('Winner: Chris');
    expect(w.text()).toContain('Smartest person of the day: Bert');
  });

  it('picks the board of the round in play', () => {
    for (const round of Object.values(rounds)) {
      const w = mount(RoundBoard, { props: { view: gameView(round) } });
      expect(w.find('section.board').classes()).toContain(
        {
          threeSixNine: 'three-six-nine',
          openDoor: 'open-door',
          puzzle: 'puzzle',
          gallery: 'gallery',
          collectiveMemory: 'memory',
          finale: 'finale',
        }[round.kind],
      );
    }
  });
});
