// A terminal WebSocket's send side, watched. Frames wait in the socket's send buffer
// (`ws.bufferedAmount`) until the network takes them, and nothing else bounds it: a client
// that stops reading would let it grow without end. So the buffer reports when it goes above
// SEND_BUFFER_HIGH and back down to SEND_BUFFER_LOW (the terminal holds its output
// meanwhile), and a socket whose buffer stays full with nothing written for SEND_STALL_MS is
// dropped.
import type { WebSocket } from 'ws';
import { realTimers, type Timers } from '../../common/timers.js';
import { SEND_BUFFER_HIGH, SEND_BUFFER_LOW, SEND_STALL_MS } from './flow-control.js';

export class SendBuffer {
  private full = false;
  private stallTimer: unknown = undefined;
  private readonly listeners: ((full: boolean) => void)[] = [];

  constructor(
    private readonly ws: WebSocket,
    /** The client stopped reading: drop the socket. */
    private readonly onStall: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Queues a frame, unless the socket is closing. */
  send(frame: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(frame, (err) => {
      if (!err) this.written();
    });
    if (!this.full && this.ws.bufferedAmount > SEND_BUFFER_HIGH) {
      this.full = true;
      this.armStall();
      for (const listener of this.listeners) listener(true);
    }
  }

  watch(listener: (full: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** The socket closed: no more timers. */
  stop(): void {
    this.disarmStall();
  }

  /** A frame reached the network: progress, and maybe room again. */
  private written(): void {
    if (!this.full) return;
    if (this.ws.bufferedAmount > SEND_BUFFER_LOW) return this.armStall();
    this.full = false;
    this.disarmStall();
    for (const listener of this.listeners) listener(false);
  }

  private armStall(): void {
    this.disarmStall();
    this.stallTimer = this.timers.setTimeout(() => {
      this.stallTimer = undefined;
      this.onStall();
    }, SEND_STALL_MS);
  }

  private disarmStall(): void {
    if (this.stallTimer === undefined) return;
    this.timers.clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }
}
