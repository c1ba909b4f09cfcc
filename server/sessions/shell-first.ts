// A learner who opens a session waits for one thing: a shell prompt. A host's background
// work (lesson checks with their event streams, the inner port scan) is several execs that
// call the sandbox's own dockerd; started at the same moment as the shell, on a busy machine
// they hold the shell's exec and bash's start-up back by seconds (ten joins at once: a
// prompt at 16 s instead of 2). So that work waits for the session's first prompt, or for a
// bound, whichever comes first: a session nobody opens a shell in is followed all the same.
// After that it also waits while other shells on the machine are starting (a class joining
// at once), so the prompts come first and the background work follows the burst.
import type { SessionObserver } from './session-state.js';

/** Background work waits at most this long for the session's first prompt. */
export const FIRST_PROMPT_WAIT_MS = 5_000;
/**
 * Then it waits while shells anywhere on the machine are starting, at most this long: in a
 * class's join burst one learner's checks and port watch (four execs into the sandbox's
 * daemon) would otherwise hold back the next learners' prompts.
 */
export const QUIET_WAIT_MS = 15_000;
/** A shell counts as starting until its first prompt, or for at most this long. */
export const STARTING_SHELL_MS = 5_000;

export interface ShellFirstBounds {
  firstPromptMs: number;
  quietMs: number;
  startingShellMs: number;
}

const DEFAULT_BOUNDS: ShellFirstBounds = {
  firstPromptMs: FIRST_PROMPT_WAIT_MS,
  quietMs: QUIET_WAIT_MS,
  startingShellMs: STARTING_SHELL_MS,
};

export class ShellFirst {
  /** What waits for each session's next prompt. */
  private readonly waiting = new Map<string, (() => void)[]>();
  /** Shells starting now, machine-wide, and what waits for there to be none. */
  private readonly starting = new Set<object>();
  private readonly quietWaiters = new Set<() => void>();
  /** Sessions whose learner awaits a prompt from a running shell (promptAwaited). */
  private readonly awaited = new Map<string, () => void>();
  private readonly bounds: ShellFirstBounds;

  constructor(bounds: Partial<ShellFirstBounds> = {}) {
    this.bounds = { ...DEFAULT_BOUNDS, ...bounds };
  }

  /** A shell is starting; call what this returns at its first prompt (or if it fails). */
  shellStarting(): () => void {
    const shell = {};
    this.starting.add(shell);
    const done = () => {
      clearTimeout(timer);
      if (this.starting.delete(shell) && this.starting.size === 0) {
        for (const waiter of this.quietWaiters) waiter();
      }
    };
    const timer = setTimeout(done, this.bounds.startingShellMs);
    timer.unref();
    return done;
  }

  /** Settles once no shell is starting on the machine, or after the bound. */
  private whenQuiet(): Promise<void> {
    if (this.starting.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.quietWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.bounds.quietMs);
      timer.unref();
      this.quietWaiters.add(done);
    });
  }

  /** Settles at the session's next prompt, or after the bound. */
  wait(sessionId: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.bounds.firstPromptMs);
      timer.unref();
      const list = this.waiting.get(sessionId) ?? [];
      list.push(done);
      this.waiting.set(sessionId, list);
      const waiting = this.waiting;
      function done(): void {
        clearTimeout(timer);
        const rest = (waiting.get(sessionId) ?? []).filter((d) => d !== done);
        if (rest.length) waiting.set(sessionId, rest);
        else waiting.delete(sessionId);
        resolve();
      }
    });
  }

  /**
   * A learner is about to see a prompt from a shell already running (a ready seat's, started
   * ahead): until the session's next prompt (or the bound) it counts as a shell starting, so
   * a class taking its ready seats at once gets its prompts before the background work.
   */
  promptAwaited(sessionId: string): void {
    this.awaited.get(sessionId)?.();
    const done = this.shellStarting();
    this.awaited.set(sessionId, () => {
      this.awaited.delete(sessionId);
      done();
    });
  }

  /** A shell of the session drew a prompt (its prompt hook ran). Costs nothing when nobody waits. */
  prompted(sessionId: string): void {
    this.awaited.get(sessionId)?.(); // first: the session's own prompt no longer holds anyone back
    for (const done of this.waiting.get(sessionId) ?? []) done();
  }

  /**
   * The observer with its hostReady held until the session's first prompt (or the bound), then
   * while other shells are starting (or the bound). A host removed or a session ended
   * meanwhile is never started: the held call is dropped.
   */
  observer(inner: SessionObserver): SessionObserver {
    const held = new Set<string>();
    const key = (sessionId: string, host: string) => `${sessionId}\n${host}`;
    return {
      hostReady: (sessionId, host) => {
        const k = key(sessionId, host);
        if (held.has(k)) return;
        held.add(k);
        void this.wait(sessionId)
          .then(() => this.whenQuiet())
          .then(() => {
            if (held.delete(k)) inner.hostReady?.(sessionId, host);
          });
      },
      hostRemoved: (sessionId, host) => {
        held.delete(key(sessionId, host));
        inner.hostRemoved?.(sessionId, host);
      },
      sessionEnded: (sessionId) => {
        this.awaited.get(sessionId)?.(); // a prompt that will never come
        for (const k of held) if (k.startsWith(`${sessionId}\n`)) held.delete(k);
        inner.sessionEnded?.(sessionId);
      },
      lessonChanged: (sessionId) => inner.lessonChanged?.(sessionId),
    };
  }
}
