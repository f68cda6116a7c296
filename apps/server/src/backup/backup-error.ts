/**
 * A failure the operator can act on: its message is printed as it is, without a stack. Anything
 * else that goes wrong is a bug or an I/O error, printed with its own message.
 */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}
