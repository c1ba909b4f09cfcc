// A headless copy of a terminal's screen, fed the same bytes as the browser, so a socket
// that reattaches to a live shell can be given the screen as it is now (vi, top, a prompt).
// The parsing happens in one worker thread shared by every mirror (mirror-worker.mjs):
// a flood of output costs that thread, never the main thread that relays keystrokes.
import { Worker } from 'node:worker_threads';
import { MAX_TITLE_LENGTH, type TerminalSize } from '../../common/protocol.js';
import { logger } from '../log.js';

const log = logger('terminals');

/**
 * Lines of history kept for the replay by default (PLAYGROUND_TERMINAL_HISTORY_LINES): as
 * many as the browser's pane keeps, so a reload brings back all a learner could scroll to.
 */
export const MIRROR_SCROLLBACK = 5000;
/** Columns up to which a mirror keeps all its lines of history; a wider one keeps fewer. */
export const MIRROR_HISTORY_COLUMNS = 200;
/**
 * Cells (columns x lines) of history a mirror keeps: all its lines up to 200 columns, fewer
 * lines on wider panes. xterm.js holds 12 bytes a cell and fills its history only as lines
 * scroll by, so history costs at most lines x 200 x 12 bytes per terminal whatever size a
 * client asks for (12 MB at 5,000 lines; 1000 x 500 with 5,000 lines would be 60 MB).
 */
export const MIRROR_HISTORY_CELLS = MIRROR_SCROLLBACK * MIRROR_HISTORY_COLUMNS;

/** Lines of history a mirror `cols` wide keeps, of `lines` at most. */
export function mirrorScrollback(cols: number, lines = MIRROR_SCROLLBACK): number {
  return Math.min(lines, Math.floor((lines * MIRROR_HISTORY_COLUMNS) / Math.max(cols, 1)));
}

/**
 * Most output waiting for the mirror thread per terminal. Beyond it the oldest waiting
 * output is dropped, as a real terminal drops lines it cannot draw fast enough: a flood
 * (`yes`) never waits for the mirror, so it reaches the browser at full speed, and server
 * memory stays bounded. What a replay then lacks is the middle of the flood, which scrolled
 * away anyway; 256 KiB still holds 5,000 lines of up to 50 columns.
 */
export const MIRROR_QUEUE_LIMIT = 256 * 1024;
/**
 * After each batch the mirror rests this long; what comes meanwhile waits and goes as the
 * next batch. So the thread parses at most MIRROR_QUEUE_LIMIT per rest (about 1 MiB/s, a
 * small part of a core: a flood's output is parsed in part, not all of it at 10-20 MiB/s,
 * which took the core the shell, Docker and the relay need on a small host; with 50 ms
 * rests it still took a fifth of one; during a flood it rests longer, MIRROR_FLOOD_RESTS).
 * Typing is far below it, and the mirror is only read by a snapshot, which never waits for
 * it: a snapshot posts what waits at once.
 */
export const MIRROR_REST_MS = 250;
/**
 * While a flood goes on (output was dropped during a rest), the mirror rests again, up to this
 * many rests in a row: it parses one batch a second then, not four. What it would parse in
 * between scrolls away before anyone looks, and the parsing took CPU the shell, Docker and the
 * relay need (a relayed flood went about a tenth faster without it). A snapshot never waits:
 * it posts what waits at once.
 */
export const MIRROR_FLOOD_RESTS = 4;
/** CAN: ends any escape sequence cut short by a drop, so the mirror parses on cleanly. */
const CANCEL = 0x18;

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

  register(listener: MirrorListener, size: TerminalSize, historyLines: number): number {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    const { cols, rows } = size;
    this.post({ type: 'create', id, cols, rows, scrollback: mirrorScrollback(cols, historyLines) });
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

  post(message: { type: string; id: number } & Record<string, unknown>, transfer: ArrayBuffer[] = []): void {
    this.ensure().postMessage(message, transfer);
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
  /** Output posted to the thread and not parsed yet. */
  private inFlight = 0;
  /** Output waiting to be posted as the next batch (newest last). */
  private queue: Uint8Array[] = [];
  private queued = 0;
  /** Whether output was dropped since the last batch (a flood). */
  private dropped = false;
  private rest: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Rests taken in a row while a flood went on. */
  private restsInFlood = 0;
  /** Output handed to the thread to parse, in all (a drop is never handed over). */
  private posted = 0;
  private currentTitle = '';
  private readonly snapshots = new Map<number, (screen: string) => void>();
  private nextRequest = 1;
  private disposed = false;

  constructor(
    size: TerminalSize,
    onTitle: (title: string) => void,
    /** Lines of history kept at most (MIRROR_SCROLLBACK by default). */
    private readonly historyLines = MIRROR_SCROLLBACK,
  ) {
    this.id = thread.register(
      {
        parsed: (bytes) => this.parsed(bytes),
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
          clearTimeout(this.rest);
          this.rest = undefined;
          this.inFlight = 0;
          this.queue = [];
          this.queued = 0;
          this.answerSnapshots('');
        },
      },
      size,
      historyLines,
    );
  }

  /** The last window title the shell set ('' if none). */
  get title(): string {
    return this.currentTitle;
  }

  /** Output handed to the parser thread so far. */
  get postedBytes(): number {
    return this.posted;
  }

  /** Bytes written and not parsed yet (at most twice MIRROR_QUEUE_LIMIT). */
  get backlog(): number {
    return this.inFlight + this.queued;
  }

  /**
   * Parses `data` soon, in the mirror thread (`backlog` counts it until then). Output is
   * posted in batches: at once while the thread is idle and rested, else after the rest.
   * `data` is kept until then and must not change (Node never reuses an emitted chunk).
   */
  write(data: Uint8Array): void {
    if (this.disposed || data.length === 0) return;
    this.queue.push(data);
    this.queued += data.length;
    this.dropOldest();
    if (this.inFlight === 0 && this.rest === undefined) this.postBatch();
  }

  resize({ cols, rows }: TerminalSize): void {
    if (!this.disposed)
      thread.post({
        type: 'resize',
        id: this.id,
        cols,
        rows,
        scrollback: mirrorScrollback(cols, this.historyLines),
      });
  }

  /**
   * Calls back with the screen serialized once everything written before this call has been
   * parsed. The result holds the history, the alternate screen if one is up, colors, the
   * cursor position and the modes (application keys, bracketed paste, ...); at most
   * `historyRows` rows of history when given (serializing costs time per row).
   */
  snapshot(done: (screen: string) => void, historyRows?: number): void {
    if (this.disposed) return done('');
    this.postBatch(); // the thread handles messages in order: the snapshot follows the batch
    const request = this.nextRequest++;
    this.snapshots.set(request, done);
    thread.post({ type: 'snapshot', id: this.id, request, historyRows });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.rest);
    this.queue = [];
    this.queued = 0;
    thread.unregister(this.id);
    this.answerSnapshots('');
  }

  private dropOldest(): void {
    while (this.queued > MIRROR_QUEUE_LIMIT) {
      const oldest = this.queue[0]!;
      const excess = this.queued - MIRROR_QUEUE_LIMIT;
      if (oldest.length <= excess) this.queue.shift();
      else this.queue[0] = oldest.subarray(excess);
      this.queued -= Math.min(oldest.length, excess);
      this.dropped = true;
    }
  }

  /** Posts what is waiting as one batch, moved (not copied) to the thread. */
  private postBatch(): void {
    clearTimeout(this.rest);
    this.rest = undefined;
    this.restsInFlood = 0;
    if (this.queued === 0) return;
    const skip = this.dropped ? 1 : 0;
    const batch = new Uint8Array(skip + this.queued);
    if (skip) batch[0] = CANCEL;
    let at = skip;
    for (const chunk of this.queue) {
      batch.set(chunk, at);
      at += chunk.length;
    }
    this.queue = [];
    this.queued = 0;
    this.dropped = false;
    this.inFlight += batch.length;
    this.posted += batch.length;
    thread.post({ type: 'write', id: this.id, data: batch }, [batch.buffer]);
  }

  private parsed(bytes: number): void {
    this.inFlight -= bytes;
    if (this.inFlight > 0 || this.disposed || this.rest !== undefined) return;
    this.restAgain();
  }

  private restAgain(): void {
    this.rest = setTimeout(() => this.restEnded(), MIRROR_REST_MS);
    this.rest.unref();
  }

  /** Posts what waits, unless a flood is still going on and the mirror may rest once more. */
  private restEnded(): void {
    if (this.dropped && ++this.restsInFlood < MIRROR_FLOOD_RESTS) return this.restAgain();
    this.postBatch();
  }

  private answerSnapshots(screen: string): void {
    const waiting = [...this.snapshots.values()];
    this.snapshots.clear();
    for (const done of waiting) done(screen);
  }
}
