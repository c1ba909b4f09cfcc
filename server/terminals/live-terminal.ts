// One shell that outlives its sockets. Its output goes to a headless screen mirror and,
// batched and flow-controlled, to the socket attached now (if any); a socket that
// attaches later first gets the mirror's screen, then the live output.
import type { ServerMessage, TerminalSize } from '../../common/protocol.js';
import { realTimers, type Timers } from '../../common/timers.js';
import type { TerminalBackend } from './backend.js';
import { FlowControl } from './flow-control.js';
import { OutputBatcher } from './output-batcher.js';
import { PauseGate } from './pause-gate.js';
import { logger } from '../log.js';
import { MIRROR_SCROLLBACK, ScreenMirror } from './screen-mirror.js';
import { TerminalWatchers, type WatchedScreen, type WatcherSink } from './watchers.js';

const log = logger('terminals');

/** Where an attached socket receives the terminal's messages. */
export interface TerminalSink {
  send(msg: ServerMessage): void;
  /**
   * Calls `listener` when the socket's own send buffer goes above SEND_BUFFER_HIGH (true)
   * and when it is back down to SEND_BUFFER_LOW (false).
   */
  watchSendBuffer(listener: (full: boolean) => void): void;
}

export interface LiveTerminalStats {
  attached: boolean;
  /** Output counted against the attached socket's window and not acknowledged yet. */
  unacked: number;
  /** Part of `unacked` sent in frames: the most the socket may acknowledge now. */
  awaitingAck: number;
  /** Part of `unacked` still gathering for the next frame. */
  queued: number;
  /** Output the screen mirror has not parsed yet. */
  mirrorBacklog: number;
  /** The most the server has held for this pane at once (unacked + mirror backlog). */
  peakBuffered: number;
  /** Whether the shell's output is being held back now. */
  paused: boolean;
}

const encoder = new TextEncoder();

/**
 * A replayed screen goes out in frames of at most this size, like live output: a slow
 * client then shows progress frame by frame (see SEND_STALL_MS).
 */
const REPLAY_FRAME_BYTES = 64 * 1024;
/** CAN: ends any escape sequence cut short by a drained flood. */
const CANCEL_SEQUENCE = new Uint8Array([0x18]);

/**
 * Interrupting a flood. A terminal flushes its output queue when Ctrl-C (or Ctrl-\, Ctrl-Z)
 * signals the program; ours is longer than a kernel's: while the browser is behind, Docker
 * holds 1-2 MB of output that the browser would have to draw before the prompt (half a
 * second and more). So a signal key typed while the browser is behind drains that backlog
 * at full speed and hands the browser only its last DRAIN_TAIL_BYTES, once the output has
 * been quiet for DRAIN_QUIET_MS (or after DRAIN_MAX_MS, for a program that ignores the key).
 */
const SIGNAL_KEYS = new Set([0x03, 0x1c, 0x1a]);
const DRAIN_TAIL_BYTES = 16 * 1024;
const DRAIN_QUIET_MS = 15;
const DRAIN_MAX_MS = 2000;

export class LiveTerminal {
  private sink: TerminalSink | null = null;
  private flow: FlowControl | null = null;
  /** Output that came while a snapshot was being taken; it follows the replay. */
  private heldForReplay: Buffer[] | null = null;
  private attachedBefore = false;
  private ended = false;
  private peak = 0;
  private readonly gate: PauseGate;
  private readonly mirror: ScreenMirror;
  /** Set while a signal key drains a flood: the newest output, kept for the browser. */
  private drain: { tail: Buffer[]; bytes: number; quiet: unknown; deadline: unknown } | null = null;
  private readonly batcher: OutputBatcher;
  /** Read-only sockets beside the owner (watchers.ts); they never hold the shell back. */
  private readonly watchers: TerminalWatchers;
  private readonly exitListeners: ((code: number | null) => void)[] = [];

  constructor(
    private readonly backend: TerminalBackend,
    private size: TerminalSize,
    private readonly host: string,
    private readonly timers: Timers = realTimers,
    historyLines = MIRROR_SCROLLBACK,
    /** The screen a previous server saved for this pane: shown first, as a reattach's. */
    seed?: string,
  ) {
    this.gate = new PauseGate(
      () => backend.pause(),
      () => backend.resume(),
    );
    this.mirror = new ScreenMirror(
      size,
      (title) => {
        if (!this.heldForReplay) this.sink?.send({ type: 'title', title });
        this.watchers.title(title);
      },
      historyLines,
    );
    if (seed) {
      this.mirror.write(Buffer.from(seed));
      this.attachedBefore = true;
    }
    this.watchers = new TerminalWatchers(this.watchedScreen(), timers);
    this.batcher = new OutputBatcher((data) => this.sendOutput(data), timers);
    backend.onData((chunk) => this.output(chunk));
    backend.onExit((code) => this.exit(code));
    // With no socket attached the shell is paused rather than drained into memory: a
    // detached `yes` then blocks on write instead of burning CPU in the mirror, the mirror
    // already holds everything the screen shows, and nothing waits in a growing buffer.
    this.gate.hold('detached');
  }

  /** Called once when the shell ends by itself (not after close()). */
  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }

  /**
   * Makes `sink` the terminal's one socket, with a fresh flow-control window (whatever the
   * previous socket left unacknowledged is forgotten). It gets a ready status, the screen
   * as it is now, the title, then live output.
   */
  attach(sink: TerminalSink, size: TerminalSize): void {
    if (this.ended) return;
    if (this.sink) this.detach(this.sink);
    this.sink = sink;
    const flow = new FlowControl(
      () => this.gate.hold('socket'),
      () => this.gate.release('socket'),
    );
    this.flow = flow;
    sink.watchSendBuffer((full) => {
      if (this.flow === flow) flow.sendBuffer(full);
    });
    this.resize(size);
    const held: Buffer[] = [];
    this.heldForReplay = held;
    const reattached = this.attachedBefore;
    this.attachedBefore = true;
    const show = (screen: string) => {
      if (this.sink !== sink || this.ended) return;
      this.heldForReplay = null;
      sink.send({
        type: 'status',
        status: { state: 'ready', host: this.host, attach: reattached ? 'reattached' : 'new' },
      });
      if (screen) this.replay(encoder.encode(screen));
      if (this.mirror.title) sink.send({ type: 'title', title: this.mirror.title });
      for (const chunk of held) this.batcher.push(chunk);
      this.gate.release('detached');
    };
    // A new shell has printed nothing yet (it is held until now): its screen is blank, so
    // the first prompt need not wait for the mirror thread's answer (or its start).
    if (reattached) this.mirror.snapshot(show);
    else show('');
  }

  /**
   * Adds a read-only watcher: the screen now, then live output. Its input, if any, is the
   * caller's to pass on (`input`). Returns what removes it; null once the shell has ended.
   */
  watch(sink: WatcherSink): (() => void) | null {
    return this.ended ? null : this.watchers.add(sink);
  }

  /** The window title the shell set last ('' if none). */
  get title(): string {
    return this.mirror.title;
  }

  /** The socket went away: the shell keeps running, paused, until a socket attaches. */
  detach(sink: TerminalSink): void {
    if (this.sink !== sink) return;
    this.sink = null;
    this.flow = null;
    this.heldForReplay = null;
    this.batcher.discard(); // the mirror has it; a new socket gets it in the replay
    this.gate.hold('detached');
    this.gate.release('socket');
  }

  input(data: Uint8Array): void {
    if (this.ended) return;
    if (!this.drain && this.flow?.holding && data.some((b) => SIGNAL_KEYS.has(b))) this.startDrain();
    this.batcher.inputSent();
    this.watchers.inputSent();
    this.backend.write(data);
  }

  resize(size: TerminalSize): void {
    if (this.ended || (size.cols === this.size.cols && size.rows === this.size.rows)) return;
    this.size = size;
    this.mirror.resize(size);
    this.watchers.resized(size);
    this.backend.resize(size).catch(() => undefined);
  }

  /** The socket rendered `bytes` more; throws a ProtocolError for more than was sent. */
  ack(bytes: number): void {
    this.flow?.acked(bytes);
  }

  stats(): LiveTerminalStats {
    return {
      attached: this.sink !== null,
      unacked: this.flow?.pending ?? 0,
      awaitingAck: this.flow?.awaitingAck ?? 0,
      queued: this.batcher.queued,
      mirrorBacklog: this.mirror.backlog,
      peakBuffered: this.peak,
      paused: this.gate.paused,
    };
  }

  /** The screen as it is now, serialized (history, at most `historyRows` when given; colors, cursor). */
  snapshot(done: (screen: string) => void, historyRows?: number): void {
    this.mirror.snapshot(done, historyRows);
  }

  /** Lets go of the shell, leaving it running (the server is stopping), and frees the mirror. */
  async release(): Promise<void> {
    if (this.ended) return;
    this.end();
    if (this.backend.release) this.backend.release();
    else await this.backend.close();
  }

  /** Ends the shell and everything it started, and frees the mirror. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.end();
    await this.backend.close();
  }

  private output(chunk: Buffer): void {
    if (this.ended) return;
    this.mirror.write(chunk);
    if (this.drain) return this.drained(chunk);
    this.watchers.push(chunk);
    if (this.sink && this.flow) {
      this.flow.counted(chunk.length);
      if (this.heldForReplay) this.heldForReplay.push(chunk);
      else this.batcher.push(chunk);
    }
    this.notePeak();
  }

  /** Reads on at full speed, keeping only the newest output for the browser (see SIGNAL_KEYS). */
  private startDrain(): void {
    const flow = this.flow!;
    // What waits to be sent is flushed like a terminal's output queue: never sent, never acked.
    flow.dropped(this.batcher.queued);
    this.batcher.discard();
    this.drain = {
      tail: [],
      bytes: 0,
      quiet: this.timers.setTimeout(() => this.endDrain(), DRAIN_QUIET_MS),
      deadline: this.timers.setTimeout(() => this.endDrain(), DRAIN_MAX_MS),
    };
    this.watchers.drainStarted();
    this.gate.release('socket');
  }

  private drained(chunk: Buffer): void {
    const drain = this.drain!;
    drain.tail.push(chunk);
    drain.bytes += chunk.length;
    while (drain.bytes - drain.tail[0]!.length >= DRAIN_TAIL_BYTES) drain.bytes -= drain.tail.shift()!.length;
    this.timers.clearTimeout(drain.quiet);
    drain.quiet = this.timers.setTimeout(() => this.endDrain(), DRAIN_QUIET_MS);
  }

  private endDrain(): void {
    const drain = this.drain;
    if (!drain) return;
    log.info(`${this.host}: a signal key drained a flood; the browser gets its last ${drain.bytes} bytes`);
    this.drain = null;
    this.timers.clearTimeout(drain.quiet);
    this.timers.clearTimeout(drain.deadline);
    if (this.ended) return;
    const tail = [Buffer.from(CANCEL_SEQUENCE), ...drain.tail];
    this.watchers.drainEnded(tail);
    if (this.flow?.holding) this.gate.hold('socket');
    if (!this.sink || !this.flow) return;
    for (const chunk of tail) {
      this.flow.counted(chunk.length);
      if (this.heldForReplay) this.heldForReplay.push(chunk);
      else this.batcher.push(chunk);
    }
    this.batcher.flush();
  }

  /** The screen as it is now, to a socket that just attached, counted like live output. */
  private replay(screen: Uint8Array): void {
    for (let at = 0; at < screen.length; at += REPLAY_FRAME_BYTES) {
      const data = screen.subarray(at, at + REPLAY_FRAME_BYTES);
      this.flow?.counted(data.length);
      this.sendOutput(data);
    }
    this.notePeak();
  }

  private sendOutput(data: Uint8Array): void {
    if (!this.sink || !this.flow) return;
    this.flow.sent(data.length);
    this.sink.send({ type: 'output', data });
  }

  private exit(code: number | null): void {
    if (this.ended) return;
    this.endDrain(); // the last output before the exit reaches the browser
    if (!this.heldForReplay) this.batcher.flush();
    this.sink?.send({ type: 'exit', code });
    this.watchers.exited(code);
    this.end();
    for (const listener of this.exitListeners) listener(code);
  }

  private end(): void {
    this.ended = true;
    this.sink = null;
    this.flow = null;
    this.batcher.discard();
    this.watchers.dispose();
    this.mirror.dispose();
  }

  private watchedScreen(): WatchedScreen {
    return {
      host: this.host,
      size: () => this.size,
      title: () => this.mirror.title,
      snapshot: (done) => this.mirror.snapshot(done),
    };
  }

  private notePeak(): void {
    this.peak = Math.max(this.peak, (this.flow?.pending ?? 0) + this.mirror.backlog);
  }
}
