// Flow control for one terminal socket. Two things hold the shell's output back:
// - the acknowledgement window: the browser acknowledges output after xterm.js has rendered
//   it; past the high watermark the server stops reading the process's output (backpressure
//   then reaches the process through Docker), and starts again below the low one;
// - the socket's own send buffer (`ws.bufferedAmount`): frames the network has not taken
//   yet. Acknowledgements are the client's word; the send buffer is what the server really
//   holds, so a client that acknowledges without reading is held back by it all the same.
// An acknowledgement of more than was sent is a protocol error (see `acked`).
import { ProtocolError } from '../../common/protocol.js';

/**
 * Unacknowledged output above which reading stops. xterm.js advises at most ~500 KB; less
 * is what a browser must still draw after Ctrl-C (VS Code uses 100,000 characters). Four
 * of Docker's 64 KiB chunks: a window of only two or three made every pause wait for the
 * browser to acknowledge all it had, so the relay stood still for a round trip each time.
 */
export const HIGH_WATERMARK = 256 * 1024;
/**
 * Reading resumes below this. One frame (64 KiB) under the high watermark, so reading starts
 * again while the browser still has frames to draw and the stream never runs dry (with 32
 * KiB, below one chunk, it paused every ~200 KiB until everything was acknowledged: a third
 * of the time). Must exceed the browser's ack batch (8 KiB) or the stream stalls.
 */
export const LOW_WATERMARK = HIGH_WATERMARK - 64 * 1024;

/**
 * Send buffer above which reading stops, whatever the acknowledgements say. Above
 * HIGH_WATERMARK plus a frame (Docker chunks and output frames are at most 64 KiB), so a
 * client that reads and acknowledges honestly is only ever held by its window; what a
 * client that does not read can make the server hold is this plus one frame.
 */
export const SEND_BUFFER_HIGH = 1024 * 1024;
/** Reading resumes once the send buffer is down to this (hysteresis: no pause per frame). */
export const SEND_BUFFER_LOW = 256 * 1024;
/**
 * A socket whose send buffer stays above SEND_BUFFER_HIGH with nothing written to the
 * network for this long has stopped reading: it is dropped (its shell waits for the grace
 * period, as after any disconnect). Below the 30 s heartbeat, which only finds dead peers;
 * well above what a reading client needs to take one frame (64 KiB).
 */
export const SEND_STALL_MS = 10_000;

export class FlowControl {
  /** Output counted against the window (sent or still gathering) and not acknowledged. */
  private unacked = 0;
  /** Output really sent in frames and not acknowledged: the most an ack may claim. */
  private sentUnacked = 0;
  private windowFull = false;
  private sendBufferFull = false;

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
  ) {}

  get pending(): number {
    return this.unacked;
  }

  /** Bytes sent in frames that an acknowledgement may still claim. */
  get awaitingAck(): number {
    return this.sentUnacked;
  }

  /** Whether reading is stopped because the client is behind. */
  get holding(): boolean {
    return this.windowFull || this.sendBufferFull;
  }

  /** Output was read for this socket (it may still gather before it is sent). */
  counted(bytes: number): void {
    this.unacked += bytes;
    if (!this.windowFull && this.unacked > HIGH_WATERMARK) this.set(() => (this.windowFull = true));
  }

  /** Output went out in a frame. */
  sent(bytes: number): void {
    this.sentUnacked += bytes;
  }

  /** Counted output that will never be sent (flushed like a terminal's output queue). */
  dropped(bytes: number): void {
    this.release(Math.min(bytes, this.unacked - this.sentUnacked));
  }

  /**
   * The client rendered `bytes` more. Claiming more than was sent and not acknowledged is a
   * protocol error: honest clients never do, and believing it would let the window open
   * without end.
   */
  acked(bytes: number): void {
    if (bytes > this.sentUnacked) {
      throw new ProtocolError(
        `acknowledged ${bytes} bytes, but only ${this.sentUnacked} were sent and not acknowledged`,
      );
    }
    this.sentUnacked -= bytes;
    this.release(bytes);
  }

  /** The socket's send buffer went above SEND_BUFFER_HIGH (true) or back to SEND_BUFFER_LOW (false). */
  sendBuffer(full: boolean): void {
    if (full !== this.sendBufferFull) this.set(() => (this.sendBufferFull = full));
  }

  private release(bytes: number): void {
    this.unacked -= bytes;
    if (this.windowFull && this.unacked < LOW_WATERMARK) this.set(() => (this.windowFull = false));
  }

  /** Applies a change and pauses or resumes when `holding` flips. */
  private set(change: () => void): void {
    const before = this.holding;
    change();
    if (this.holding === before) return;
    if (this.holding) this.pause();
    else this.resume();
  }
}
