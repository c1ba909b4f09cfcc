// How many sockets of one kind a session may hold at once (its pages' event sockets): every
// socket is a file descriptor and a subscriber, and one token holder opening thousands must
// not take them from everybody else.
import { PlaygroundError } from '../errors.js';

export class SocketQuota {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly max: number,
    /** What is counted, for the refusal: "event sockets". */
    private readonly what: string,
    /** Who holds them, for the refusal. */
    private readonly holder = 'This session',
  ) {}

  /** Takes a place for `key` or throws a 429; the returned function gives it back (once). */
  take(key: string): () => void {
    const held = this.open.get(key) ?? 0;
    if (held >= this.max)
      throw new PlaygroundError(
        `${this.holder} has ${this.max} ${this.what} open already; close a tab.`,
        429,
      );
    this.open.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }

  held(key: string): number {
    return this.open.get(key) ?? 0;
  }
}
