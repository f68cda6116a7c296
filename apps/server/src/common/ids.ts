import { randomBytes, randomInt } from 'node:crypto';

/** 128 random bits, base64url: game ids and tokens must be unguessable. */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/** Join codes avoid look-alikes (0/O, 1/I/L) so they can be read aloud and typed on a phone. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

export function randomCode(length = CODE_LENGTH): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Player ids are public (everyone sees them in `state`), so short is fine. */
export function randomPlayerId(): string {
  return `p-${randomBytes(6).toString('base64url')}`;
}
