// Coalesces a shell's output into fewer, larger frames. A busy program writes in many
// small chunks; one frame per chunk costs a WebSocket message and an xterm.js write each.
import { realTimers, type Timers } from '../../common/timers.js';
import { gatherOutput } from './output-frame.js';

/** Output waits at most this long for more to join it... */
export const BATCH_DELAY_MS = 5;
/** ...and goes out at once when this much has gathered (Docker's largest chunk: a flood's frame is one chunk, no copy of it waits). */
export const BATCH_MAX_BYTES = 64 * 1024;

export class OutputBatcher {
  private chunks: Buffer[] = [];
  private size = 0;
  private timer: unknown = undefined;
  private nextAtOnce = false;

  constructor(
    private readonly emit: (data: Buffer) => void,
    private readonly timers: Timers = realTimers,
    private readonly delayMs = BATCH_DELAY_MS,
    private readonly maxBytes = BATCH_MAX_BYTES,
  ) {}

  /** Bytes waiting to go out. */
  get queued(): number {
    return this.size;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.nextAtOnce || this.size >= this.maxBytes) this.flush();
    else if (this.timer === undefined) this.timer = this.timers.setTimeout(() => this.flush(), this.delayMs);
  }

  /**
   * Input went to the shell: send what has gathered now, and send the next output (the
   * echo) the moment it comes instead of waiting for company.
   */
  inputSent(): void {
    this.flush();
    this.nextAtOnce = true;
  }

  /** Sends what has gathered now (the shell exited, a keystroke went out). */
  flush(): void {
    this.cancelTimer();
    this.nextAtOnce = false;
    if (this.size === 0) return;
    // Gathered into its frame: one copy however many chunks (see output-frame.ts).
    const data = gatherOutput(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    this.emit(data);
  }

  /** Forgets what has gathered (its socket is gone). */
  discard(): void {
    this.cancelTimer();
    this.chunks = [];
    this.size = 0;
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
