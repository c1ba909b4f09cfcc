// What the terminal registry (registry.ts) hands out and takes in: the sockets that own or
// watch a pane, and what a claim lets a socket do.
import type { TerminalSize } from '../../common/protocol.js';
import type { TerminalBackendFactory } from './backend.js';
import type { TerminalSink } from './live-terminal.js';
import type { WatcherSink } from './watchers.js';

/** A socket as the registry sees it: it receives messages and can be closed with a reason. */
export interface PaneOwner extends TerminalSink {
  close(code: number, reason: string): void;
}

/** A read-only socket on a pane (watch-socket.ts), closed with its pane. */
export interface PaneWatcher extends WatcherSink {
  close(code: number, reason: string): void;
}

/** What a watcher may do with the pane it watches. */
export interface PaneWatch {
  /** Passes keystrokes to the shell: the caller has checked that this watcher may type. */
  input(data: Uint8Array): void;
  /** The watcher is gone. */
  release(): void;
}

/** A pane with a live shell, as a list of terminals shows it. */
export interface OpenPane {
  paneId: string;
  host: string;
  title: string;
}

/** What one socket may do with the pane it claimed; everything is ignored once another socket owns it. */
export interface PaneClaim {
  /** The pane's size is known: start its shell, or reattach to the live one. */
  start(size: TerminalSize, factory: TerminalBackendFactory): Promise<void>;
  input(data: Uint8Array): void;
  resize(size: TerminalSize): void;
  ack(bytes: number): void;
  /** The socket is gone without a Close: the shell waits for the grace period. */
  release(): void;
  /** The learner closed the pane: end the shell and everything it started now. */
  close(): Promise<void>;
}
