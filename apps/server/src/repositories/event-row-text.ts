import type { Actor, Command, HistoryEntry } from '@slimste/engine';

/**
 * The text columns of one event row, made with as little work as the hot path can: every accepted
 * command writes one (docs/PERFORMANCE.md, fifth pass). Each function returns exactly what
 * `toISOString` or `JSON.stringify` would; the spec holds them to it.
 */

/** The last whole minute formatted, and its start (ms): commands come in time order, mostly. */
let minuteStart = Number.NaN;
let minutePrefix = '';

const MINUTE_MS = 60_000;
/** `toISOString` writes a six-digit year with a sign outside these years (0000-9999). */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;

/**
 * `new Date(ms).toISOString()`, with the date and minute made once a minute (toISOString costs
 * about as much as serializing the command itself).
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > LAST_FOUR_DIGIT_YEAR_MS) return new Date(ms).toISOString();
  const start = ms - (ms % MINUTE_MS);
  if (start !== minuteStart) {
    minuteStart = start;
    minutePrefix = new Date(start).toISOString().slice(0, 17); // "YYYY-MM-DDTHH:MM:"
  }
  const inMinute = ms - start;
  const seconds = Math.floor(inMinute / 1000);
  const millis = inMinute % 1000;
  return `${minutePrefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** Same keys, the same values (`===`), in the same order: what a spread copy of `b` is to `b`. */
function sameShallow(a: object, b: object): boolean {
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  for (let i = 0; i < aKeys.length; i++) {
    const key = aKeys[i] as string;
    if (key !== bKeys[i] || (a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  }
  return true;
}

/** The object's own keys are exactly these, in this order (the order JSON writes them in). */
function keysAre(value: object, first: string, second: string): boolean {
  const keys = Object.keys(value);
  return keys.length === 2 && keys[0] === first && keys[1] === second;
}

/**
 * `JSON.stringify([pushed])`: the undo log's entry a command pushed. Nearly always that is the
 * command itself, by its actor at its time (the engine's copy of them), so its JSON is made of the
 * row's own command and actor JSON instead of serializing them a second time.
 */
export function pushedEntryJson(
  pushed: HistoryEntry,
  command: Command,
  commandJson: string,
  actor: Actor,
  actorJson: string,
  at: number,
): string {
  const own =
    keysAre(pushed, 'command', 'ctx') &&
    keysAre(pushed.ctx, 'actor', 'now') &&
    pushed.ctx.now === at &&
    Number.isInteger(at) &&
    sameShallow(pushed.command, command) &&
    sameShallow(pushed.ctx.actor, actor);
  if (!own) return JSON.stringify([pushed]);
  return `[{"command":${commandJson},"ctx":{"actor":${actorJson},"now":${at}}}]`;
}
