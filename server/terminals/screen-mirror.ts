// A headless copy of a terminal's screen, fed the same bytes as the browser, so a socket
// that reattaches to a live shell can be given the screen as it is now (vi, top, a prompt).
// The parsing happens in one worker thread shared by every mirror (mirror-worker.mjs):
// a flood of output costs that thread, never the main thread that relays keystrokes.
import { Worker } from 'node:worker_threads';
import { MAX_TITLE_LENGTH, type TerminalSize } from '../../common/protocol.js';
import { logger } from '../log.js';

const log = logger('terminals');

/** Lines of history kept for the replay; the browser keeps its own, longer scrollback. */
export const MIRROR_SCROLLBACK = 1000;

type FromWorker =
  | { type: 'parsed'; id: number; bytes: number }
  | { type: 'snapshot'; id: number; request: number; screen: string }
  | { type: 'title'; id: number; title: string };

interface MirrorListener {
  parsed(bytes: number): void;
  snapshot(request: number, screen: string): void;
  title(title: string): void;
  /** The thread died: nothing asked of it before will be answered. */
  lost(): void;
}

/** The one parser thread, started on first use; it does not keep the process alive. */
class MirrorThread {
  private worker: Worker | null = null;
  private readonly listeners = new Map<number, MirrorListener>();
  private nextId = 1;

  get size(): number {
    return this.listeners.size;
  }

  register(listener: MirrorListener, size: TerminalSize): number {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    this.post({ type: 'create', id, cols: size.cols, rows: size.rows, scrollback: MIRROR_SCROLLBACK });
    return id;
  }

  unregister(id: number): void {
    this.listeners.delete(id);
    // No thread (it died): nothing to dispose there, and no reason to start one.
    this.worker?.postMessage({ type: 'dispose', id });
    if (this.listeners.size === 0) {
      // Nothing to mirror: let the thread go (a new terminal starts a new one).
      void this.worker?.terminate();
      this.worker = null;
    }
  }

  post(message: { type: string; id: number } & Record<string, unknown>): void {
    this.ensure().postMessage(message);
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./mirror-worker.mjs', import.meta.url));
    worker.on('message', (m: FromWorker) => {
      const listener = this.listeners.get(m.id);
      if (!listener) return;
      if (m.type === 'parsed') listener.parsed(m.bytes);
      else if (m.type === 'snapshot') listener.snapshot(m.request, m.screen);
      else listener.title(m.title);
    });
    worker.on('error', (err) => {
      // The mirrors are lost; terminals keep working and a reattach gets an empty screen.
      log.error(`screen mirror thread failed: ${err.message}`);
      if (this.worker === worker) this.worker = null;
      for (const [, l] of this.listeners) l.lost();
    });
    // After the listeners: adding one would take a reference again.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

const thread = new MirrorThread();

/** Screen mirrors alive in the parser thread (a census for leak tests). */
export const liveMirrorCount = (): number => thread.size;

export class ScreenMirror {
  private readonly id: number;
  private pendingBytes = 0;
  private currentTitle = '';
  private readonly snapshots = new Map<number, (screen: string) => void>();
  private nextRequest = 1;
  private disposed = false;

  constructor(size: TerminalSize, onTitle: (title: string) => void) {
    this.id = thread.register(
      {
        parsed: (bytes) => {
          this.pendingBytes -= bytes;
        },
        snapshot: (request, screen) => {
          const done = this.snapshots.get(request);
          this.snapshots.delete(request);
          done?.(screen);
        },
        title: (title) => {
          this.currentTitle = title.slice(0, MAX_TITLE_LENGTH);
          onTitle(this.currentTitle);
        },
        // A reattach waiting on a snapshot gets an empty screen rather than waiting forever.
        lost: () => {
          this.pendingBytes = 0;
          this.answerSnapshots('');
        },
      },
      size,
    );
  }

  /** The last window title the shell set ('' if none). */
  get title(): string {
    return this.currentTitle;
  }

  /** Bytes written and not parsed yet. */
  get backlog(): number {
    return this.pendingBytes;
  }

  /** Parses `data` soon, in the mirror thread (`backlog` counts it until then). */
  write(data: Uint8Array): void {
    if (this.disposed || data.length === 0) return;
    this.pendingBytes += data.length;
    // A copy: the chunk may be a slice of a pooled buffer that the socket reuses.
    thread.post({ type: 'write', id: this.id, data: new Uint8Array(data) });
  }

  resize({ cols, rows }: TerminalSize): void {
    if (!this.disposed) thread.post({ type: 'resize', id: this.id, cols, rows });
  }

  /**
   * Calls back with the screen serialized once everything written before this call has been
   * parsed. The result holds the history, the alternate screen if one is up, colors, the
   * cursor position and the modes (application keys, bracketed paste, ...).
   */
  snapshot(done: (screen: string) => void): void {
    if (this.disposed) return done('');
    const request = this.nextRequest++;
    this.snapshots.set(request, done);
    thread.post({ type: 'snapshot', id: this.id, request });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    thread.unregister(this.id);
    this.answerSnapshots('');
  }

  private answerSnapshots(screen: string): void {
    const waiting = [...this.snapshots.values()];
    this.snapshots.clear();
    for (const done of waiting) done(screen);
  }
}
