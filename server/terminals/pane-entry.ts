// What the terminal registry (registry.ts) keeps for each pane: its socket, its shell, its
// grace timer and its watchers.
import type { TerminalSize } from '../../common/protocol.js';
import type { LiveTerminal } from './live-terminal.js';
import type { PaneOwner, PaneWatcher } from './registry-types.js';
import type { ScreenSaver } from './screen-store.js';

export interface PaneEntry {
  sessionId: string;
  paneId: string;
  host: string;
  owner: PaneOwner | null;
  terminal: LiveTerminal | null;
  starting: boolean;
  graceTimer: unknown;
  watchers: Set<PaneWatcher>;
  saver: ScreenSaver | null;
  /** Started ahead (prestart): waits with no grace period until claimed or released. */
  held: boolean;
  /** The grace period once released, if not the usual one. */
  graceMs?: number;
  /** The size the owner asked for while the shell was still starting. */
  wantedSize?: TerminalSize;
}

/** A pane with no shell yet; one with no owner is a shell started ahead (held). */
export function newPaneEntry(
  sessionId: string,
  paneId: string,
  host: string,
  owner: PaneOwner | null,
): PaneEntry {
  return {
    sessionId,
    paneId,
    host,
    owner,
    terminal: null,
    starting: false,
    graceTimer: undefined,
    watchers: new Set(),
    saver: null,
    held: owner === null,
  };
}
