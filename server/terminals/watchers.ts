// Read-only sockets on a live terminal beside its owner: a trainer watching a learner's
// terminal, learners following the trainer's demo. Each first gets the screen as it is now
// (from the screen mirror), then what the shell prints, from a batcher of their own. They
// never hold the shell back: flow control is the owner's alone, and a watcher that cannot keep
// up is dropped by its socket (watch-socket.ts), never waited for.
import type { ServerMessage, TerminalSize } from '../../common/protocol.js';
import { realTimers, type Timers } from '../../common/timers.js';
import { OutputBatcher } from './output-batcher.js';

/** Where a watcher receives the terminal's messages. */
export interface WatcherSink {
  /** Status, live output, title and exit. */
  send(msg: ServerMessage): void;
  /** A piece of the screen as it was when the watcher came (sent before any live output). */
  replay(data: Uint8Array): void;
  /** The terminal's size, first after the ready status, then whenever the owner resizes it. */
  size(size: TerminalSize): void;
  /** It fell too far behind while its screen was being taken: close it (it may come again). */
  drop(): void;
}

/** What the watchers read from their terminal. */
export interface WatchedScreen {
  readonly host: string;
  size(): TerminalSize;
  /** The window title the shell set last ('' if none). */
  title(): string;
  /** The screen once everything written before the call is parsed (screen-mirror.ts). */
  snapshot(done: (screen: string) => void): void;
}

interface Watcher {
  /** Output frames that came while its snapshot was being taken; they follow the screen. */
  pending: Uint8Array[] | null;
  pendingBytes: number;
}

/** A screen replay goes out in frames of at most this size, like the owner's. */
const REPLAY_FRAME_BYTES = 64 * 1024;
/**
 * Most output held for a watcher while its screen is taken. The owner's flow control paces
 * the shell, so this is only reached when the mirror is far behind during a flood: the
 * watcher is dropped then rather than held in memory.
 */
export const WATCHER_PENDING_LIMIT = 1024 * 1024;
const encoder = new TextEncoder();

export class TerminalWatchers {
  private readonly watchers = new Map<WatcherSink, Watcher>();
  /** Watchers that came during a drained flood: their screen is taken once it ends. */
  private waiting: WatcherSink[] = [];
  private draining = false;
  private readonly batcher: OutputBatcher;

  constructor(
    private readonly screen: WatchedScreen,
    timers: Timers = realTimers,
  ) {
    this.batcher = new OutputBatcher((data) => this.emit(data), timers);
  }

  get count(): number {
    return this.watchers.size + this.waiting.length;
  }

  /** Adds a watcher: the screen now, then live output. Returns what removes it. */
  add(sink: WatcherSink): () => void {
    if (this.draining) this.waiting.push(sink);
    else this.start(sink);
    return () => this.remove(sink);
  }

  /** Output the shell printed (already written to the mirror). */
  push(chunk: Buffer): void {
    if (this.watchers.size) this.batcher.push(chunk);
  }

  /** A keystroke went to the shell: its echo goes out at once. */
  inputSent(): void {
    this.batcher.inputSent();
  }

  /** A signal key drains a flood (live-terminal.ts): watchers get its tail with the owner. */
  drainStarted(): void {
    this.draining = true;
    this.batcher.discard();
  }

  drainEnded(tail: Buffer[]): void {
    this.draining = false;
    for (const chunk of tail) this.push(chunk);
    this.batcher.flush();
    const waiting = this.waiting;
    this.waiting = [];
    for (const sink of waiting) this.start(sink);
  }

  resized(size: TerminalSize): void {
    for (const sink of this.watchers.keys()) sink.size(size);
  }

  title(title: string): void {
    for (const [sink, watcher] of this.watchers) if (!watcher.pending) sink.send({ type: 'title', title });
  }

  /** The shell ended: what it printed last, then its exit. */
  exited(code: number | null): void {
    this.batcher.flush();
    for (const [sink, watcher] of this.watchers) if (!watcher.pending) sink.send({ type: 'exit', code });
    this.dispose();
  }

  dispose(): void {
    this.batcher.discard();
    this.watchers.clear();
    this.waiting = [];
  }

  /**
   * Everything written to the mirror before the snapshot is in it; what the batcher holds now
   * is too, so it goes out first to the watchers already there, and the newcomer's live
   * output starts after it.
   */
  private start(sink: WatcherSink): void {
    this.batcher.flush();
    const watcher: Watcher = { pending: [], pendingBytes: 0 };
    this.watchers.set(sink, watcher);
    this.screen.snapshot((screen) => {
      if (this.watchers.get(sink) !== watcher) return;
      const held = watcher.pending ?? [];
      watcher.pending = null;
      sink.send({ type: 'status', status: { state: 'ready', host: this.screen.host, attach: 'reattached' } });
      sink.size(this.screen.size());
      const bytes = encoder.encode(screen);
      for (let at = 0; at < bytes.length; at += REPLAY_FRAME_BYTES)
        sink.replay(bytes.subarray(at, at + REPLAY_FRAME_BYTES));
      const title = this.screen.title();
      if (title) sink.send({ type: 'title', title });
      for (const data of held) sink.send({ type: 'output', data });
    });
  }

  private remove(sink: WatcherSink): void {
    this.watchers.delete(sink);
    this.waiting = this.waiting.filter((s) => s !== sink);
  }

  private emit(data: Buffer): void {
    for (const [sink, watcher] of this.watchers) {
      if (!watcher.pending) {
        sink.send({ type: 'output', data });
        continue;
      }
      watcher.pending.push(data);
      watcher.pendingBytes += data.length;
      if (watcher.pendingBytes > WATCHER_PENDING_LIMIT) {
        this.remove(sink);
        sink.drop();
      }
    }
  }
}
