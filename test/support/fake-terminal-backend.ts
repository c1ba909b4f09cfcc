// A terminal backend driven by hand: tests make the shell print and exit, and read what
// was typed, how it was resized and whether reading is paused.
import type { TerminalSize } from '../../common/protocol.js';
import type { TerminalBackend } from '../../server/terminals/backend.js';

export class FakeBackend implements TerminalBackend {
  paused = false;
  closed = false;
  writes: string[] = [];
  sizes: TerminalSize[] = [];
  private dataListeners: ((chunk: Buffer) => void)[] = [];
  private exitListeners: ((code: number | null) => void)[] = [];
  onData(listener: (chunk: Buffer) => void): void {
    this.dataListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }
  write(data: Uint8Array): void {
    this.writes.push(Buffer.from(data).toString());
  }
  async resize(size: TerminalSize): Promise<void> {
    this.sizes.push(size);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  /** The shell prints (a real stream stops emitting while paused; tests respect that). */
  emit(data: string | Buffer): void {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    for (const l of this.dataListeners) l(chunk);
  }
  exit(code: number | null): void {
    for (const l of this.exitListeners) l(code);
  }
}
