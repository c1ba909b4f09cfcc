// Fans session events out to the pages that watch a session, and keeps the latest event of
// each kind so a page that connects (or reconnects) late starts from the current state.
import { snapshotKey, type SessionEvent } from '../../common/events.js';

export type SessionEventListener = (event: SessionEvent) => void;

/**
 * Follows every session at once (a workshop's class view): each event published, and how
 * many pages watch a session whenever that changes. Not a page: it counts as no watcher.
 */
export interface SessionEventTap {
  event?(sessionId: string, event: SessionEvent): void;
  watchers?(sessionId: string, count: number): void;
}

export class SessionEventHub {
  private readonly listeners = new Map<string, Set<SessionEventListener>>();
  private readonly snapshots = new Map<string, Map<string, SessionEvent>>();
  private readonly taps = new Set<SessionEventTap>();

  /** Sessions with a snapshot (a census for leak tests; listeners are counted below). */
  get snapshotCount(): number {
    return this.snapshots.size;
  }

  publish(sessionId: string, event: SessionEvent): void {
    const key = snapshotKey(event);
    if (key) {
      let snapshot = this.snapshots.get(sessionId);
      if (!snapshot) this.snapshots.set(sessionId, (snapshot = new Map()));
      snapshot.set(key, event);
    }
    for (const listener of this.listeners.get(sessionId) ?? []) listener(event);
    for (const tap of this.taps) tap.event?.(sessionId, event);
  }

  /** Follows every session's events and watchers; returns the function that stops it. */
  tap(tap: SessionEventTap): () => void {
    this.taps.add(tap);
    return () => this.taps.delete(tap);
  }

  /** Pages that watch the session now: its open events sockets. */
  watchers(sessionId: string): number {
    return this.listeners.get(sessionId)?.size ?? 0;
  }

  /** Calls `listener` with the snapshot at once, then with every new event; returns an unsubscribe. */
  subscribe(sessionId: string, listener: SessionEventListener): () => void {
    for (const event of this.snapshot(sessionId)) listener(event);
    let set = this.listeners.get(sessionId);
    if (!set) this.listeners.set(sessionId, (set = new Set()));
    set.add(listener);
    this.watchersChanged(sessionId);
    return () => {
      if (!set.delete(listener)) return;
      if (!set.size) this.listeners.delete(sessionId);
      this.watchersChanged(sessionId);
    };
  }

  private watchersChanged(sessionId: string): void {
    const count = this.watchers(sessionId);
    for (const tap of this.taps) tap.watchers?.(sessionId, count);
  }

  /** Listeners across sessions: one per open events socket. */
  get listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** The latest event of each kind, e.g. for a page's first paint. */
  snapshot(sessionId: string): SessionEvent[] {
    return [...(this.snapshots.get(sessionId)?.values() ?? [])];
  }

  /** Forgets a session's snapshot (when it ends); listeners are closed by their owners. */
  forget(sessionId: string): void {
    this.snapshots.delete(sessionId);
  }

  /** Removes one kind of event from the snapshot (e.g. the ports of a removed host). */
  drop(sessionId: string, key: string): void {
    this.snapshots.get(sessionId)?.delete(key);
  }
}
