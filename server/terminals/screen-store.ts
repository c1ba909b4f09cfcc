// Each pane's last screen on disk, so a pane that comes back to its shell after the server
// was killed or restarted shows what it showed before (the shell itself lives on in the
// sandbox under dtach: docker-exec.ts). One file per pane, `<session>.<host>.<pane>`, in a
// folder of the playground instance's under the state directory, bounded in size; written
// at most every SAVE_EVERY_MS while output comes, and at shutdown.
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { realTimers, type Timers } from '../../common/timers.js';
import { logger } from '../log.js';

const log = logger('terminals');

/** The most of a screen kept: its newest part (a screen and a few hundred lines of history). */
export const SAVED_SCREEN_BYTES = 64 * 1024;
/**
 * The history rows serialized for a saved screen: more than SAVED_SCREEN_BYTES holds even of
 * short lines (64 bytes each), a fifth of the default history. A flood's screen is saved every
 * SAVE_EVERY_MS, and serializing all 5,000 rows each time took a core's tenth during a flood.
 */
export const SAVED_HISTORY_ROWS = 1000;
/** A busy pane's screen is saved at most this often. */
export const SAVE_EVERY_MS = 2000;

/** The folder of every instance's screens folder. */
export const screensRoot = (stateDir: string) => path.join(stateDir, 'terminal-screens');

/** Where an instance keeps its panes' screens. */
export const screenDir = (stateDir: string, instance: string) => path.join(screensRoot(stateDir), instance);

/**
 * The newest `limit` bytes of a serialized screen, from the start of a line: history goes
 * first, the visible screen and the cursor (at the end) stay.
 */
export function boundScreen(screen: string, limit = SAVED_SCREEN_BYTES): string {
  const bytes = Buffer.from(screen);
  if (bytes.length <= limit) return screen;
  const tail = bytes.subarray(bytes.length - limit);
  const line = tail.indexOf('\n');
  return tail.subarray(line + 1).toString();
}

/** A pane a screen was saved for. */
export interface SavedPane {
  sessionId: string;
  host: string;
  paneId: string;
}

export class ScreenStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private file(sessionId: string, host: string, paneId: string): string {
    return path.join(this.dir, `${sessionId}.${host}.${paneId}`);
  }

  /** The pane's saved screen, or null (none, or not one this store wrote). */
  async load(sessionId: string, host: string, paneId: string): Promise<string | null> {
    const file = this.file(sessionId, host, paneId);
    const size = await stat(file).then(
      (s) => s.size,
      () => -1,
    );
    if (size < 0 || size > SAVED_SCREEN_BYTES) return null;
    return readFile(file, 'utf8').catch(() => null);
  }

  /** Replaces the pane's screen (written whole, then renamed: a kill mid-write loses only this one). */
  async save(sessionId: string, host: string, paneId: string, screen: string): Promise<void> {
    const file = this.file(sessionId, host, paneId);
    const temp = `${file}.tmp`;
    try {
      await writeFile(temp, boundScreen(screen), { mode: 0o600 });
      await rename(temp, file);
    } catch (err) {
      log.warn(`could not save a terminal's screen: ${(err as Error).message}`);
    }
  }

  /** Forgets screens: one pane's, a host's or a whole session's (no host, no pane). */
  async remove(sessionId: string, host?: string, paneId?: string): Promise<void> {
    if (host !== undefined && paneId !== undefined) {
      await rm(this.file(sessionId, host, paneId), { force: true });
      return;
    }
    const prefix = host === undefined ? `${sessionId}.` : `${sessionId}.${host}.`;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names.filter((n) => n.startsWith(prefix)).map((n) => rm(path.join(this.dir, n), { force: true })),
    );
  }

  /** Every pane with a saved screen: the shells a server before this one left running. */
  async panes(): Promise<SavedPane[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.flatMap((name) => {
      const [sessionId, host, paneId, ...rest] = name.split('.');
      return sessionId && host && paneId && !rest.length ? [{ sessionId, host, paneId }] : [];
    });
  }

  /** Removes the screens of sessions that are gone (ended while no server ran). */
  async keepOnly(liveSessions: (sessionId: string) => boolean): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const gone = names.filter((n) => !liveSessions(n.split('.')[0]!));
    await Promise.all(gone.map((n) => rm(path.join(this.dir, n), { force: true })));
  }
}

/** Saves one pane's screen at most every SAVE_EVERY_MS while it changes. */
export class ScreenSaver {
  private timer: unknown;
  private stopped = false;

  constructor(
    private readonly snapshot: () => Promise<string>,
    private readonly save: (screen: string) => Promise<void>,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The screen changed: it is saved within SAVE_EVERY_MS. */
  changed(): void {
    if (this.timer !== undefined || this.stopped) return;
    const timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.saveNow();
    }, SAVE_EVERY_MS);
    (timer as { unref?: () => void } | null)?.unref?.();
    this.timer = timer;
  }

  /** Saves now (the server is stopping), then no more. */
  async flush(): Promise<void> {
    this.stop();
    this.stopped = false;
    await this.saveNow();
    this.stopped = true;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async saveNow(): Promise<void> {
    if (this.stopped) return;
    const screen = await this.snapshot();
    if (!this.stopped) await this.save(screen);
  }
}
