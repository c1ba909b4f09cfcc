// Warm sessions held ready for whoever comes next: each is a whole session (id, token, hosts)
// started ahead with its pool in its labels, its token kept here in memory only until it is
// handed out. Used by the general warm pool (warm-pool.ts) and by a workshop's ready seats.
import type { CreatedSession } from '../../common/api.js';
import type { Language } from '../../common/lesson.js';
import { logger } from '../log.js';
import type { Claim, SessionService } from './service.js';

const log = logger('warm');

/** What a warm session is started as: free play's host, or a lesson's hosts and images. */
export interface WarmKind {
  /** '' for free play, else the lesson's id. */
  key: string;
  lessonId?: string;
  hosts: string[];
  /** Pulled into every host once it is ready, so the lesson's first `docker run` is quick. */
  images: string[];
  /** The language its first shell is started ahead in (a workshop's; else the default). */
  language?: Language;
}

/** Readies a session's hosts for its kind (pulls its images); app.ts hands the real one in. */
export type PrepareWarm = (sessionId: string, kind: WarmKind) => Promise<void>;

interface Entry {
  id: string;
  token: string;
  pool: string;
  kind: string;
  hosts: number;
  /** Ready and prepared: a claim gets a shell at once. */
  prepared: boolean;
}

export class WarmStock {
  private readonly entries = new Map<string, Entry>();
  /** Drained for good (the server stops): nothing new starts, not even a refill. */
  private closed = false;

  constructor(
    private readonly sessions: SessionService,
    private readonly prepare: PrepareWarm,
    /** Called when a warm session became ready or went away (its pool may start another). */
    private readonly changed: (pool: string) => void = () => undefined,
  ) {}

  /**
   * Starts one warm session of `kind` for `pool`; throws the session service's refusal
   * (a PlaygroundError) when the machine has no room for it.
   */
  start(pool: string, kind: WarmKind, expiresAt?: Date): void {
    if (this.closed) return;
    const { session, token } = this.sessions.create(`pool:${pool}`, {
      pool,
      hosts: kind.hosts,
      ...(kind.lessonId ? { lessonId: kind.lessonId } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    });
    const entry: Entry = {
      id: session.id,
      token,
      pool,
      kind: kind.key,
      hosts: kind.hosts.length,
      prepared: false,
    };
    this.entries.set(entry.id, entry);
    void this.ready(entry, kind);
  }

  private async ready(entry: Entry, kind: WarmKind): Promise<void> {
    try {
      for (const host of kind.hosts) await this.sessions.whenReady(entry.id, entry.token, host);
      await this.prepare(entry.id, kind);
      entry.prepared = true;
    } catch (err) {
      // Claimed meanwhile: the holder sees its state. Still warm: nobody will want it now.
      if (this.entries.delete(entry.id)) {
        log.warn(`warm session ${entry.id} (${entry.pool}) failed: ${(err as Error).message}`);
        await this.sessions.terminate(entry.id).catch(() => undefined);
      }
    }
    if (!this.closed) this.changed(entry.pool);
  }

  /**
   * Hands out a warm session of `pool` and `kind` (a prepared one first), or null when there
   * is none. A session is taken out before its claim, so two callers never get the same one.
   */
  claim(pool: string, kind: string, claim: Claim): CreatedSession | null {
    const candidates = this.live(pool).filter((e) => e.kind === kind);
    const entry = candidates.find((e) => e.prepared) ?? candidates[0];
    if (!entry) return null;
    this.entries.delete(entry.id);
    try {
      return { session: this.sessions.claim(entry.id, claim), token: entry.token };
    } catch (err) {
      this.entries.set(entry.id, entry); // refused for the claimer (its limit): still warm
      throw err;
    }
  }

  /** Warm sessions of `pool` (of one kind, if given) still to be had. */
  count(pool: string, kind?: string): number {
    return this.live(pool).filter((e) => kind === undefined || e.kind === kind).length;
  }

  /** The kinds `pool` holds warm sessions of. */
  kinds(pool: string): string[] {
    return [...new Set(this.live(pool).map((e) => e.kind))];
  }

  /** Of those, how many are still starting or being prepared. */
  starting(pool: string): number {
    return this.live(pool).filter((e) => !e.prepared).length;
  }

  /** Sandboxes held warm, by pool. */
  sandboxes(): Map<string, number> {
    const byPool = new Map<string, number>();
    for (const e of this.entries.values()) byPool.set(e.pool, (byPool.get(e.pool) ?? 0) + e.hosts);
    return byPool;
  }

  /** Removes `count` warm sessions of `pool` and `kind` (the least ready first). */
  async shed(pool: string, kind: string, count: number): Promise<void> {
    const surplus = this.live(pool)
      .filter((e) => e.kind === kind)
      .sort((a, b) => Number(a.prepared) - Number(b.prepared))
      .slice(0, count);
    await this.remove(surplus);
  }

  /** Removes every warm session of `pool` (a workshop ended, or its seats are no longer wanted). */
  async drain(pool: string): Promise<void> {
    await this.remove(this.live(pool));
  }

  /** Removes every warm session (the server stops: their tokens go with it). */
  async drainAll(): Promise<void> {
    this.closed = true;
    await this.remove([...this.entries.values()]);
  }

  private async remove(entries: Entry[]): Promise<void> {
    for (const e of entries) this.entries.delete(e.id);
    await Promise.all(entries.map((e) => this.sessions.terminate(e.id)));
  }

  /** The pool's entries whose session is still warm (one that failed or was reaped is dropped). */
  private live(pool: string): Entry[] {
    const live: Entry[] = [];
    for (const e of this.entries.values()) {
      if (!this.sessions.isWarm(e.id, e.pool)) this.entries.delete(e.id);
      else if (e.pool === pool) live.push(e);
    }
    return live;
  }
}
