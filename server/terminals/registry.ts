// Which shells are alive in each session, by pane id. A pane's shell outlives its socket:
// when a socket goes without an explicit Close, the shell waits (paused) for a grace
// period for a socket with the same pane id to reattach, then it is ended. One socket
// owns a pane at a time; a newer one takes it over. Shells also outlive the server (dtach in
// the sandbox): a stopping server lets go of them, and with a ScreenStore each pane's screen
// is kept on disk, so the pane that reattaches after a restart or a kill shows it first.
import { CloseCode, type TerminalSize } from '../../common/protocol.js';
import { realTimers, type Timers } from '../../common/timers.js';
import { TerminalUnavailableError, type TerminalBackendFactory } from './backend.js';
import { LiveTerminal, type LiveTerminalStats } from './live-terminal.js';
import { newPaneEntry, type PaneEntry } from './pane-entry.js';
import type { OpenPane, PaneClaim, PaneOwner, PaneWatch, PaneWatcher } from './registry-types.js';
import { SAVED_HISTORY_ROWS, ScreenSaver, type ScreenStore } from './screen-store.js';

export type { OpenPane, PaneClaim, PaneOwner, PaneWatch, PaneWatcher } from './registry-types.js';

/** WebSocket close code 1001: the server is going away (pages reconnect). */
const GOING_AWAY = 1001;

export interface RegistryOptions {
  /** How long a shell with no socket lives on, waiting for its pane to reattach. */
  graceMs: number;
  /** Most live shells (attached or waiting) per session. */
  maxPerSession: number;
  /** Lines of history each shell's screen mirror keeps for a replay. */
  historyLines?: number;
  /** Where panes' screens are kept for a restarted server (none: not kept). */
  screens?: ScreenStore;
  timers?: Timers;
}

/** Stopping, a server waits at most this long for its panes' screens to be saved. */
const FLUSH_SCREENS_MS = 2000;

export class TerminalRegistry {
  private readonly sessions = new Map<string, Map<string, PaneEntry>>();
  private readonly timers: Timers;
  private readonly paneListeners: ((sessionId: string) => void)[] = [];

  constructor(private readonly options: RegistryOptions) {
    this.timers = options.timers ?? realTimers;
  }

  /**
   * Gives the pane to `owner`: an existing pane is taken from its previous socket (closed
   * with a reason), a new one takes a place in the session's limit or is refused.
   */
  claim(sessionId: string, paneId: string, host: string, owner: PaneOwner): PaneClaim {
    const panes = this.sessions.get(sessionId) ?? new Map<string, PaneEntry>();
    let entry = panes.get(paneId);
    if (entry) {
      if (entry.host !== host)
        throw new TerminalUnavailableError(
          `This pane's shell runs on "${entry.host}".`,
          CloseCode.BadMessage,
        );
      this.cancelGrace(entry);
      entry.held = false;
      delete entry.graceMs;
      const previous = entry.owner;
      entry.owner = owner;
      if (previous) {
        entry.terminal?.detach(previous);
        previous.close(CloseCode.TakenOver, 'This terminal was opened in another window.');
      }
    } else {
      if (panes.size >= this.options.maxPerSession) {
        throw new TerminalUnavailableError(
          `At most ${this.options.maxPerSession} terminals per session.`,
          CloseCode.TooManyTerminals,
        );
      }
      entry = this.add(panes, newPaneEntry(sessionId, paneId, host, owner));
    }
    return this.claimFor(entry, owner);
  }

  private add(panes: Map<string, PaneEntry>, entry: PaneEntry): PaneEntry {
    panes.set(entry.paneId, entry);
    this.sessions.set(entry.sessionId, panes);
    return entry;
  }

  /**
   * Starts a pane's shell before any socket asks for it (a ready seat's first pane, so its
   * learner's first prompt needs no new shell): it waits, paused, with no grace period
   * until a socket claims it or releaseHeld() starts one. Nothing happens if the pane
   * exists or the session has no room; throws if the shell cannot start.
   */
  async prestart(
    sessionId: string,
    paneId: string,
    host: string,
    size: TerminalSize,
    factory: TerminalBackendFactory,
  ): Promise<void> {
    const panes = this.sessions.get(sessionId) ?? new Map<string, PaneEntry>();
    if (panes.has(paneId) || panes.size >= this.options.maxPerSession) return;
    await this.start(this.add(panes, newPaneEntry(sessionId, paneId, host, null)), null, size, factory);
  }

  /**
   * The session was handed over: each shell started ahead and not claimed waits `graceMs`,
   * then ends. Returns how many there were.
   */
  releaseHeld(sessionId: string, graceMs: number): number {
    let released = 0;
    for (const entry of this.sessions.get(sessionId)?.values() ?? []) {
      if (!entry.held) continue;
      entry.held = false;
      entry.graceMs = graceMs;
      released++;
      if (!entry.owner && entry.terminal) this.startGrace(entry);
    }
    return released;
  }

  /**
   * Adds a read-only watcher to a pane whose shell is live (attached or waiting for its
   * socket): it never owns the pane, sizes it or holds its output back. Throws a
   * TerminalUnavailableError (4404) when the pane has no live shell.
   */
  watch(sessionId: string, paneId: string, watcher: PaneWatcher): PaneWatch {
    const entry = this.sessions.get(sessionId)?.get(paneId);
    const unwatch = entry?.terminal?.watch(watcher);
    if (!entry || !unwatch)
      throw new TerminalUnavailableError('No such terminal is open.', CloseCode.UnknownSession);
    entry.watchers.add(watcher);
    return {
      input: (data) => {
        if (entry.watchers.has(watcher) && this.isLive(entry)) entry.terminal?.input(data);
      },
      release: () => {
        entry.watchers.delete(watcher);
        unwatch();
      },
    };
  }

  /** The panes of a session whose shell is live, oldest first. */
  openPanes(sessionId: string): OpenPane[] {
    return [...(this.sessions.get(sessionId)?.values() ?? [])].flatMap((entry) =>
      entry.terminal ? [{ paneId: entry.paneId, host: entry.host, title: entry.terminal.title }] : [],
    );
  }

  /** Whether the pane is in this registry (its shell live, starting or waiting). */
  has(sessionId: string, paneId: string): boolean {
    return this.sessions.get(sessionId)?.has(paneId) ?? false;
  }

  /** Calls `listener` with the session's id when a shell of it starts or ends. */
  onPanesChanged(listener: (sessionId: string) => void): void {
    this.paneListeners.push(listener);
  }

  /** Panes (with a shell attached, starting or waiting) in every session. */
  get size(): number {
    let panes = 0;
    for (const session of this.sessions.values()) panes += session.size;
    return panes;
  }

  /** Live shells (attached, starting or waiting) in a session. */
  count(sessionId: string): number {
    return this.sessions.get(sessionId)?.size ?? 0;
  }

  /** Live shells (started or starting) and the sockets attached to panes, across sessions. */
  census(): { shells: number; sockets: number } {
    let shells = 0;
    let sockets = 0;
    for (const panes of this.sessions.values()) {
      for (const entry of panes.values()) {
        if (entry.terminal || entry.starting) shells++;
        if (entry.owner) sockets++;
      }
    }
    return { shells, sockets };
  }

  /** Buffer figures of one pane's shell, for tests and benchmarks. */
  stats(sessionId: string, paneId: string): LiveTerminalStats | undefined {
    return this.sessions.get(sessionId)?.get(paneId)?.terminal?.stats();
  }

  /** The session ended: its sockets are closed and its shells ended at once. */
  async closeSession(
    sessionId: string,
    code: number = CloseCode.SandboxGone,
    reason = 'The session has ended.',
  ): Promise<void> {
    await Promise.all([
      this.closeWhere(sessionId, () => true, code, reason),
      this.options.screens?.remove(sessionId),
    ]);
  }

  /** A host was removed from the session: the shells on it end at once. */
  async closeHost(sessionId: string, host: string): Promise<void> {
    await Promise.all([
      this.closeWhere(
        sessionId,
        (e) => e.host === host,
        CloseCode.SandboxGone,
        `The host ${host} was removed.`,
      ),
      this.options.screens?.remove(sessionId, host),
    ]);
  }

  private async closeWhere(
    sessionId: string,
    match: (entry: PaneEntry) => boolean,
    code: number,
    reason: string,
  ): Promise<void> {
    const panes = this.sessions.get(sessionId);
    if (!panes) return;
    const closing = [...panes.values()].filter(match);
    for (const entry of closing) panes.delete(entry.paneId);
    if (!panes.size) this.sessions.delete(sessionId);
    await Promise.all(
      closing.map((entry) => {
        this.cancelGrace(entry);
        entry.saver?.stop();
        entry.owner?.close(code, reason);
        entry.owner = null;
        this.closeWatchers(entry, code, reason);
        return entry.terminal?.close();
      }),
    );
    if (closing.some((entry) => entry.terminal)) this.panesChanged(sessionId);
  }

  /**
   * The server is stopping: each pane's screen is saved, its sockets get "going away", which
   * pages retry, and its shell is let go, not ended: the sessions live on in their sandboxes,
   * and a restarted server attaches to the same shells.
   */
  async closeAll(): Promise<void> {
    const entries = [...this.sessions.values()].flatMap((panes) => [...panes.values()]);
    this.sessions.clear();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(entries.map((e) => e.saver?.flush())),
      new Promise((r) => (timer = setTimeout(r, FLUSH_SCREENS_MS))),
    ]);
    clearTimeout(timer);
    await Promise.all(
      entries.map((entry) => {
        this.cancelGrace(entry);
        entry.saver?.stop();
        entry.owner?.close(GOING_AWAY, 'The server is restarting.');
        entry.owner = null;
        this.closeWatchers(entry, GOING_AWAY, 'The server is restarting.');
        return entry.terminal?.release();
      }),
    );
  }

  private claimFor(entry: PaneEntry, owner: PaneOwner): PaneClaim {
    const owns = () => entry.owner === owner && this.isLive(entry);
    return {
      start: (size, factory) => (owns() ? this.start(entry, owner, size, factory) : Promise.resolve()),
      input: (data) => owns() && entry.terminal?.input(data),
      resize: (size) => owns() && entry.terminal?.resize(size),
      ack: (bytes) => owns() && entry.terminal?.ack(bytes),
      release: () => {
        if (!owns()) return;
        entry.owner = null;
        entry.terminal?.detach(owner);
        if (entry.terminal || entry.starting) this.startGrace(entry);
        else this.remove(entry); // a socket that never started a shell leaves nothing behind
      },
      close: async () => {
        if (!owns()) return;
        entry.owner = null;
        this.remove(entry);
        await entry.terminal?.close(); // a shell still starting is ended when it comes up
      },
    };
  }

  private async start(
    entry: PaneEntry,
    starter: PaneOwner | null,
    size: TerminalSize,
    factory: TerminalBackendFactory,
  ): Promise<void> {
    if (entry.terminal) return starter ? entry.terminal.attach(starter, size) : undefined;
    if (entry.starting) {
      entry.wantedSize = size; // the shell comes to the owner when it is up, at this size
      return;
    }
    entry.starting = true;
    const saved = this.options.screens?.load(entry.sessionId, entry.host, entry.paneId);
    let backend;
    try {
      backend = await factory.create(size);
    } catch (err) {
      entry.starting = false;
      if (this.isLive(entry)) this.remove(entry);
      // The starter reports the failure itself; a socket that took over meanwhile is told here.
      if (entry.owner && entry.owner !== starter) {
        entry.owner.close(CloseCode.BackendFailed, `The shell could not start: ${(err as Error).message}`);
      }
      throw err;
    }
    // The screen a server before this one saved comes first (the shell may be the same one).
    const seed = (await saved) ?? undefined;
    entry.starting = false;
    if (!this.isLive(entry)) return void backend.close(); // closed while it started
    const { historyLines } = this.options;
    const terminal = new LiveTerminal(backend, size, entry.host, this.timers, historyLines, seed);
    entry.terminal = terminal;
    entry.saver = this.saverFor(entry, terminal);
    if (entry.saver) backend.onData(() => entry.saver?.changed());
    this.panesChanged(entry.sessionId);
    terminal.onExit(() => {
      if (!this.isLive(entry)) return;
      this.remove(entry);
      entry.owner?.close(CloseCode.Normal, 'The shell exited.');
      entry.owner = null;
    });
    // An owner that took a shell started ahead gets it once it has said its size.
    const ownerSize = entry.owner === starter ? size : entry.wantedSize;
    if (entry.owner && ownerSize) terminal.attach(entry.owner, ownerSize);
    else if (!entry.owner) this.startGrace(entry);
  }

  private saverFor(entry: PaneEntry, terminal: LiveTerminal): ScreenSaver | null {
    const { screens } = this.options;
    if (!screens) return null;
    const { sessionId, host, paneId } = entry;
    return new ScreenSaver(
      () => new Promise((done) => terminal.snapshot(done, SAVED_HISTORY_ROWS)),
      (screen) => screens.save(sessionId, host, paneId, screen),
      this.timers,
    );
  }

  private startGrace(entry: PaneEntry): void {
    this.cancelGrace(entry);
    if (entry.held) return;
    const timer = this.timers.setTimeout(() => {
      entry.graceTimer = undefined;
      if (entry.owner || !this.isLive(entry)) return;
      this.remove(entry);
      void entry.terminal?.close();
    }, entry.graceMs ?? this.options.graceMs);
    // A waiting shell must not keep the server process alive.
    (timer as { unref?: () => void } | null)?.unref?.();
    entry.graceTimer = timer;
  }

  private cancelGrace(entry: PaneEntry): void {
    if (entry.graceTimer === undefined) return;
    this.timers.clearTimeout(entry.graceTimer);
    entry.graceTimer = undefined;
  }

  private isLive(entry: PaneEntry): boolean {
    return this.sessions.get(entry.sessionId)?.get(entry.paneId) === entry;
  }

  private remove(entry: PaneEntry): void {
    this.cancelGrace(entry);
    const panes = this.sessions.get(entry.sessionId);
    if (panes?.get(entry.paneId) !== entry) return;
    panes.delete(entry.paneId);
    if (panes.size === 0) this.sessions.delete(entry.sessionId);
    entry.saver?.stop();
    void this.options.screens?.remove(entry.sessionId, entry.host, entry.paneId);
    this.closeWatchers(entry, CloseCode.Normal, 'The terminal was closed.');
    if (entry.terminal) this.panesChanged(entry.sessionId);
  }

  private closeWatchers(entry: PaneEntry, code: number, reason: string): void {
    const watchers = [...entry.watchers];
    entry.watchers.clear();
    for (const watcher of watchers) watcher.close(code, reason);
  }

  private panesChanged(sessionId: string): void {
    for (const listener of this.paneListeners) listener(sessionId);
  }
}
