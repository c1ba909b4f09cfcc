// After a restart (or a SIGKILL), the shells the last server left running under dtach have
// no pane in this one until their page reconnects. Each gets the grace period a detached
// pane gets: a pane reopened within it is the same shell (its screen replayed); one nobody
// reopens is ended in its sandbox and its saved screen removed, as if it had been detached
// here. Without this such shells (and anything running in them) would live until the
// session ends.
import type { Timers } from '../../common/timers.js';
import { realTimers } from '../../common/timers.js';
import { logger } from '../log.js';
import type { SavedPane, ScreenStore } from './screen-store.js';

const log = logger('terminals');

export interface RestartGraceDeps {
  screens: ScreenStore;
  /** How long a shell with no socket lives on (PLAYGROUND_TERMINAL_GRACE_SECONDS). */
  graceMs: number;
  /** Whether the pane has a shell in this server (it was reopened). */
  reopened(pane: SavedPane): boolean;
  /** Ends the pane's shell in its sandbox (nothing if the sandbox is gone). */
  endShell(pane: SavedPane): Promise<void>;
  timers?: Timers;
}

/** Starts a grace period for each saved pane of a live session; returns how many. */
export async function graceForLeftShells(
  deps: RestartGraceDeps,
  live: (sessionId: string) => boolean,
): Promise<number> {
  const timers = deps.timers ?? realTimers;
  const panes = (await deps.screens.panes()).filter((p) => live(p.sessionId));
  for (const pane of panes) {
    const timer = timers.setTimeout(() => void expire(deps, pane, live), deps.graceMs);
    (timer as { unref?: () => void } | null)?.unref?.();
  }
  return panes.length;
}

async function expire(deps: RestartGraceDeps, pane: SavedPane, live: (sessionId: string) => boolean) {
  if (deps.reopened(pane) || !live(pane.sessionId)) return;
  try {
    await deps.endShell(pane);
    await deps.screens.remove(pane.sessionId, pane.host, pane.paneId);
  } catch (err) {
    log.warn(`session ${pane.sessionId}: ending a shell nobody came back to: ${(err as Error).message}`);
  }
}
