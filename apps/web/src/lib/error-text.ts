import { translate } from '../composables/useI18n';
import type { MessageKey } from './messages';
import { messages } from './messages';
import type { ConfigProblem, RoundKind } from './types';

/** An error as the server (HTTP or socket) says it: the code decides the words, never the English message. */
export interface CodedError {
  code: string;
  message?: string;
  problems?: ConfigProblem[];
}

const known = (key: string): key is MessageKey => key in messages.en;

/** The error in the page's language, by its code (`err.<code>`); an unknown code is named. */
export function errorText(error: CodedError): string {
  const key = `err.${error.code}`;
  return known(key) ? translate(key) : translate('err.unknown', { code: error.code });
}

/** "3 questions" / "1 vraag": a count of a unit of the question set, in the page's language. */
export function countOf(unit: string, n: number): string {
  const key = `unit.${unit}.${n === 1 ? 'one' : 'many'}`;
  return known(key) ? translate(key, { n }) : `${n} ${unit}`;
}

export const roundName = (kind: string) => (known(`round.${kind}`) ? translate(`round.${kind}` as MessageKey) : kind);

/** A config field as the home page labels it (`openDoor.questioners` -> "Open Door questioners"). */
const FIELD_LABELS: Record<string, MessageKey> = {
  players: 'field.players',
  startSeconds: 'field.startSeconds',
  'threeSixNine.questions': 'home.questions369',
  'threeSixNine.bonusEvery': 'home.bonusEvery',
  'threeSixNine.bonusSeconds': 'home.bonusSeconds',
  'openDoor.questioners': 'home.openDoorQuestioners',
  'openDoor.secondsPerAnswer': 'home.secondsPerAnswer',
  'puzzle.secondsPerLink': 'home.secondsPerLink',
  'gallery.secondsPerPhoto': 'home.secondsPerPhoto',
  'collectiveMemory.clips': 'home.clips',
  'collectiveMemory.secondsStep': 'home.secondsStep',
  'finale.secondsPerAnswer': 'home.finaleSeconds',
};
const fieldLabel = (field: string | undefined) => {
  const key = field ? FIELD_LABELS[field] : undefined;
  return key ? translate(key) : (field ?? '');
};

/** One reason a set cannot play a config, in the page's language, with the rounds named as people know them. */
export function configProblemText(problem: ConfigProblem): string {
  const p = problem.params;
  switch (problem.code) {
    case 'out_of_range':
      return translate('cfg.out_of_range', { field: fieldLabel(problem.field), min: p.min ?? '', max: p.max ?? '' });
    case 'at_least_per_player':
      return translate('cfg.at_least_per_player', { field: fieldLabel(problem.field), players: p.players ?? '' });
    case 'too_few': {
      const round = roundName(String(p.round));
      const unit = String(p.unit);
      const needs = Number(p.needs);
      const perPlayer = p.round === 'puzzle' || p.round === 'gallery';
      const needed = perPlayer ? translate('cfg.perPlayer', { needs }) : String(needs);
      if (Number(p.has) === 0) return translate('cfg.too_few_none', { round, needs: needed });
      return translate('cfg.too_few', { round, has: countOf(unit, Number(p.has)), needs: needed });
    }
    default: {
      const key = `cfg.${problem.code}`;
      return known(key) ? translate(key) : translate('err.unknown', { code: problem.code });
    }
  }
}

/** What an error means for a person: the coded sentence, or for `invalid_config` each problem. */
export function errorLines(error: CodedError): string[] {
  if (error.code === 'invalid_config' && error.problems?.length) return error.problems.map(configProblemText);
  return [errorText(error)];
}

/** The round kinds in the order the editor and the checks go through them. */
export const ROUND_ORDER: RoundKind[] = ['threeSixNine', 'openDoor', 'puzzle', 'gallery', 'collectiveMemory', 'finale'];
