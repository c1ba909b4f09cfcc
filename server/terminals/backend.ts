// A terminal backend is anything with a TTY that can be read, written and resized.
// The WebSocket side (socket.ts) only knows this interface, so one protocol can serve
// a shell in a sandbox today and other kinds of terminals later.
import type { TerminalSize } from '../../common/protocol.js';

export interface TerminalBackend {
  /** Output bytes from the TTY. */
  onData(listener: (chunk: Buffer) => void): void;
  /** Called once when the process ends or the stream breaks. */
  onExit(listener: (code: number | null) => void): void;
  write(data: Uint8Array): void;
  resize(size: TerminalSize): Promise<void>;
  /** Flow control: stop reading output (backpressure reaches the process). */
  pause(): void;
  resume(): void;
  /** Ends the process and everything it started, and releases the stream. */
  close(): Promise<void>;
  /**
   * Releases the stream and leaves the process running, for the next server to attach to
   * (a backend that cannot be attached again has none: it is closed instead).
   */
  release?(): void;
}

export interface TerminalBackendFactory {
  /** Starts a process whose TTY has `size` from the very first byte. */
  create(size: TerminalSize): Promise<TerminalBackend>;
}

/** A backend that cannot start for a reason the page should show with its own close code. */
export class TerminalUnavailableError extends Error {
  override name = 'TerminalUnavailableError';
  constructor(
    message: string,
    readonly closeCode: number,
  ) {
    super(message);
  }
}
