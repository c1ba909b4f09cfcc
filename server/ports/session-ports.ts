// Follows each session's hosts for the port service: a host's published ports are watched
// from the moment it is ready until it is removed or its session ends, and every change
// goes to the page as a `ports` event.
import { logger } from '../log.js';
import type { SandboxManager } from '../sandboxes/manager.js';
import type { SessionEventHub } from '../sessions/event-hub.js';
import type { SessionObserver } from '../sessions/service.js';
import type { Disposable, PortService } from './index.js';

const log = logger('ports');

export class SessionPorts implements SessionObserver {
  /** Per session and host, the watch (or the promise of one while it starts). */
  private readonly watches = new Map<string, Promise<Disposable | null>>();

  constructor(
    private readonly ports: PortService,
    private readonly sandboxes: SandboxManager,
    private readonly events: SessionEventHub,
  ) {}

  /** Session hosts watched (or being watched). */
  get size(): number {
    return this.watches.size;
  }

  hostReady(sessionId: string, host: string): void {
    const key = `${sessionId}/${host}`;
    if (this.watches.has(key)) return;
    // Only the current watch of a host may publish: one that ended (its host removed, its
    // session over) while it was starting must not bring a snapshot back to the event hub.
    const watch: Promise<Disposable | null> = this.watch(
      sessionId,
      host,
      () => this.watches.get(key) === watch,
    );
    this.watches.set(key, watch);
  }

  hostRemoved(sessionId: string, host: string): void {
    void this.unwatch(sessionId, host);
  }

  sessionEnded(sessionId: string): void {
    for (const [key, watch] of [...this.watches]) {
      if (!key.startsWith(`${sessionId}/`)) continue;
      this.watches.delete(key);
      // A watch still starting is disposed once it exists; otherwise it would retry forever.
      void watch.then((w) => w?.dispose());
    }
  }

  /** Never rejects: a host whose ports cannot be watched simply shows no links. */
  private async watch(sessionId: string, host: string, current: () => boolean): Promise<Disposable | null> {
    try {
      const container = await this.sandboxes.container(sessionId, host);
      if (!container) return null;
      return await this.ports.watchHost({
        sessionId,
        host,
        container,
        onChange: (h, list) => {
          if (current()) this.events.publish(sessionId, { type: 'ports', host: h, ports: list });
        },
        // Problems are logged by the port service itself.
      });
    } catch (err) {
      log.warn(`session ${sessionId} ${host}: cannot watch ports: ${(err as Error).message}`);
      return null;
    }
  }

  private async unwatch(sessionId: string, host: string): Promise<void> {
    const key = `${sessionId}/${host}`;
    const watch = this.watches.get(key);
    this.watches.delete(key);
    // At once, while the session surely lives: the page drops the host's links, the snapshot forgets them.
    this.events.publish(sessionId, { type: 'ports', host, ports: [] });
    this.events.drop(sessionId, `ports:${host}`);
    await (await watch)?.dispose();
  }
}
