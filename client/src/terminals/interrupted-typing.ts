// What a pane types for the page (a lesson's Run button), in order. A command that follows
// a Ctrl-C waits until the interrupted program has let go of the terminal: a full-screen one
// (top, less, vim) restores the screen as it leaves and flushes what was typed ahead
// (tcsetattr with TCSAFLUSH), so a command sent with the Ctrl-C would be lost. The wait ends
// once the output has been quiet for a moment (the shell's prompt is back), or after a bound.

import { realTimers, type Timers } from '../../../common/timers';

const CTRL_C = '\x03';
/** A prompt comes back in one burst: output quiet this long means the program has gone. */
export const QUIET_MS = 150;
/** A program that ignores Ctrl-C, or says nothing, holds the command no longer than this. */
export const MAX_WAIT_MS = 2000;

interface Typed {
  text: string;
  /** Hold what follows until the output has settled. */
  thenSettle: boolean;
}

export class InterruptedTyping {
  private readonly queue: Typed[] = [];
  private settling = false;
  private quietTimer: unknown = undefined;
  private maxTimer: unknown = undefined;

  constructor(
    private readonly send: (text: string) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Types `text`, after whatever waits before it. */
  type(text: string): void {
    this.queue.push({ text, thenSettle: false });
    this.flush();
  }

  /** Ctrl-C now, then `text` once the interrupted program's output has settled. */
  interruptThen(text: string): void {
    this.queue.push({ text: CTRL_C, thenSettle: true }, { text, thenSettle: false });
    this.flush();
  }

  /** The shell wrote something: while settling, the quiet starts again. */
  output(): void {
    if (!this.settling) return;
    this.timers.clearTimeout(this.quietTimer);
    this.quietTimer = this.timers.setTimeout(this.settled, QUIET_MS);
  }

  /** Drops what waits (the pane is going). */
  dispose(): void {
    this.queue.length = 0;
    this.stopTimers();
    this.settling = false;
  }

  private flush(): void {
    while (!this.settling && this.queue.length > 0) {
      const item = this.queue.shift()!;
      this.send(item.text);
      if (item.thenSettle) {
        this.settling = true;
        this.maxTimer = this.timers.setTimeout(this.settled, MAX_WAIT_MS);
      }
    }
  }

  private settled = (): void => {
    this.stopTimers();
    this.settling = false;
    this.flush();
  };

  private stopTimers(): void {
    this.timers.clearTimeout(this.quietTimer);
    this.timers.clearTimeout(this.maxTimer);
  }
}
