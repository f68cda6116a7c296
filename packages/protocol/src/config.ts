import type { GameConfigInput, RoundKind } from '@slimste/engine';
import { z } from 'zod';

/** The engine's round kinds, in TV order (kept here as values so protocol needs engine only for types). */
export const ROUND_KIND_VALUES = [
  'threeSixNine',
  'openDoor',
  'puzzle',
  'gallery',
  'collectiveMemory',
  'finale',
] as const;

const whole = (min: number, max: number) =>
  z
    .number()
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be ${min} to ${max}` })
    .max(max, { error: `must be ${min} to ${max}` });

const seconds = whole(0, 600);

/**
 * What a quizmaster may change when creating a game: every field optional (the engine fills in the TV
 * defaults), no unknown fields. Whether the set has enough questions is the engine's `validateConfig`.
 */
export const gameConfigInputSchema = z.strictObject({
  players: whole(2, 4).optional(),
  startSeconds: whole(1, 3600).optional(),
  rounds: z
    .array(z.enum(ROUND_KIND_VALUES))
    .min(1, { error: 'needs at least the finale' })
    .max(ROUND_KIND_VALUES.length, { error: 'a round may appear only once' })
    .check((ctx) => {
      const rounds = ctx.value;
      if (new Set(rounds).size !== rounds.length)
        ctx.issues.push({ code: 'custom', input: rounds, message: 'a round may appear only once' });
      if (rounds[rounds.length - 1] !== 'finale')
        ctx.issues.push({ code: 'custom', input: rounds, message: 'the finale must be the last round' });
    })
    .optional(),
  threeSixNine: z
    .strictObject({ questions: whole(1, 100), bonusEvery: whole(1, 100), bonusSeconds: seconds })
    .partial()
    .optional(),
  openDoor: z
    .strictObject({ questioners: whole(1, 20), secondsPerAnswer: seconds })
    .partial()
    .optional(),
  puzzle: z.strictObject({ secondsPerLink: seconds }).partial().optional(),
  gallery: z.strictObject({ secondsPerPhoto: seconds }).partial().optional(),
  collectiveMemory: z
    .strictObject({ clips: whole(1, 20), secondsStep: seconds })
    .partial()
    .optional(),
  finale: z
    .strictObject({
      rule: z.enum(['leaderWins', 'topTwo'], { error: 'must be "leaderWins" or "topTwo"' }),
      secondsPerAnswer: seconds,
    })
    .partial()
    .optional(),
});

// Both ways: every valid input is a GameConfigInput, and every field of GameConfigInput has a schema.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const configMatchesEngine: Same<z.infer<typeof gameConfigInputSchema>, GameConfigInput> = true;
const roundKindsMatchEngine: Same<(typeof ROUND_KIND_VALUES)[number], RoundKind> = true;
void configMatchesEngine;
void roundKindsMatchEngine;
