// A headless copy of a terminal's screen, fed the same bytes as the browser, so a socket
// that reattaches to a live shell can be given the screen as it is now (vi, top, a prompt).
import headless from '@xterm/headless';
import serialize from '@xterm/addon-serialize';
import { MAX_TITLE_LENGTH, type TerminalSize } from '../../common/protocol.js';

// Both packages are CommonJS bundles: their classes come from the default export.
const { Terminal } = headless;
const { SerializeAddon } = serialize;

/** Lines of history kept for the replay; the browser keeps its own, longer scrollback. */
export const MIRROR_SCROLLBACK = 1000;

export class ScreenMirror {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly serializer: InstanceType<typeof SerializeAddon>;
  private pendingBytes = 0;
  private currentTitle = '';

  constructor(size: TerminalSize, onTitle: (title: string) => void) {
    this.term = new Terminal({
      cols: size.cols,
      rows: size.rows,
      scrollback: MIRROR_SCROLLBACK,
      allowProposedApi: true,
    });
    this.serializer = new SerializeAddon();
    // The addon is typed against the browser Terminal; the headless one has the same API.
    this.term.loadAddon(this.serializer as unknown as Parameters<typeof this.term.loadAddon>[0]);
    this.term.onTitleChange((title) => {
      this.currentTitle = title.slice(0, MAX_TITLE_LENGTH);
      onTitle(this.currentTitle);
    });
  }

  /** The last window title the shell set ('' if none). */
  get title(): string {
    return this.currentTitle;
  }

  /** Bytes written and not parsed yet. */
  get backlog(): number {
    return this.pendingBytes;
  }

  /** Parses `data` soon (xterm parses in slices); `parsed` runs when it is done. */
  write(data: Uint8Array, parsed?: () => void): void {
    this.pendingBytes += data.length;
    this.term.write(data, () => {
      this.pendingBytes -= data.length;
      parsed?.();
    });
  }

  resize({ cols, rows }: TerminalSize): void {
    if (cols !== this.term.cols || rows !== this.term.rows) this.term.resize(cols, rows);
  }

  /**
   * Calls back with the screen serialized once everything written before this call has been
   * parsed (xterm runs a write's callback before it parses the next write). The result
   * holds the history, the alternate screen if one is up, colors, the cursor position and
   * the modes (application keys, bracketed paste, ...).
   */
  snapshot(done: (screen: string) => void): void {
    this.term.write(new Uint8Array(0), () => done(this.serializer.serialize()));
  }

  dispose(): void {
    this.term.dispose();
  }
}
