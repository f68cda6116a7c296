/** Remembers keys, the `max` most recent: `first(key)` is true the first time a key is seen. */
export class SeenOnce {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  first(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    // A Set iterates in insertion order: the oldest key goes first.
    if (this.seen.size > this.max) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}
