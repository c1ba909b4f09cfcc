// A learner who opens a session waits for one thing: a shell prompt. A host's background
// work (lesson checks with their event streams, the inner port scan) is several execs that
// call the sandbox's own dockerd; started at the same moment as the shell, on a busy machine
// they hold the shell's exec and bash's start-up back by seconds (ten joins at once: a
// prompt at 16 s instead of 2). So that work waits for the session's first prompt, or for a
// bound, whichever comes first: a session nobody opens a shell in is followed all the same.
import type { SessionObserver } from './session-state.js';

/** Background work waits at most this long for the session's first prompt. */
export const FIRST_PROMPT_WAIT_MS = 5_000;

export class ShellFirst {
  /** What waits for each session's next prompt. */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly boundMs = FIRST_PROMPT_WAIT_MS) {}

  /** Settles at the session's next prompt, or after the bound. */
  wait(sessionId: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.boundMs);
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

  /** A shell of the session drew a prompt (its prompt hook ran). Costs nothing when nobody waits. */
  prompted(sessionId: string): void {
    for (const done of this.waiting.get(sessionId) ?? []) done();
  }

  /**
   * The observer with its hostReady held until the session's first prompt (or the bound). A
   * host removed or a session ended meanwhile is never started: the held call is dropped.
   */
  observer(inner: SessionObserver): SessionObserver {
    const held = new Set<string>();
    const key = (sessionId: string, host: string) => `${sessionId}\n${host}`;
    return {
      hostReady: (sessionId, host) => {
        const k = key(sessionId, host);
        if (held.has(k)) return;
        held.add(k);
        void this.wait(sessionId).then(() => {
          if (held.delete(k)) inner.hostReady?.(sessionId, host);
        });
      },
      hostRemoved: (sessionId, host) => {
        held.delete(key(sessionId, host));
        inner.hostRemoved?.(sessionId, host);
      },
      sessionEnded: (sessionId) => {
        for (const k of held) if (k.startsWith(`${sessionId}\n`)) held.delete(k);
        inner.sessionEnded?.(sessionId);
      },
      lessonChanged: (sessionId) => inner.lessonChanged?.(sessionId),
    };
  }
}
