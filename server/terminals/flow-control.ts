// Acknowledgement-based flow control for one terminal. The browser acknowledges output
// after xterm.js has rendered it; past the high watermark the server stops reading the
// process's output (backpressure then reaches the process through Docker), and starts
// again below the low one. So a slow browser bounds the server's memory per pane.

/**
 * Unacknowledged output above which reading stops. xterm.js advises at most ~500 KB; less
 * is what a browser must still draw after Ctrl-C (VS Code uses 100,000 characters).
 */
export const HIGH_WATERMARK = 128 * 1024;
/** Reading resumes below this; must exceed the browser's ack batch (8 KiB) or the stream stalls. */
export const LOW_WATERMARK = 32 * 1024;

export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
  ) {}

  get pending(): number {
    return this.unacked;
  }

  /** Whether reading is stopped because the browser is behind. */
  get holding(): boolean {
    return this.paused;
  }

  sent(bytes: number): void {
    this.unacked += bytes;
    if (!this.paused && this.unacked > HIGH_WATERMARK) {
      this.paused = true;
      this.pause();
    }
  }

  acked(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < LOW_WATERMARK) {
      this.paused = false;
      this.resume();
    }
  }
}
