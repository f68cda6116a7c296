/** Runs tasks one at a time per key (per game), so one node never races itself on a game's version. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    // A free key starts its task at once; a busy one after the task before it, however that ended.
    const next = previous ? previous.then(task) : start(task);
    const release = () => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail: Promise<void> = next.then(release, release);
    this.tails.set(key, tail);
    return next;
  }
}

function start<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (err) {
    return Promise.reject(err);
  }
}
