// Starting one host's sandbox for a session, in the background. Its own module because the
// rules for a start overtaken by events (the host removed, the session ended, the server
// stopping) are subtle and apart from the service's bookkeeping.
import { PlaygroundError } from '../errors.js';
import type { SandboxManager } from '../sandboxes/manager.js';
import type { Host, Session } from './session-state.js';

export interface HostStartDeps {
  sandboxes: SandboxManager;
  /** The server is stopping: the start is called off at once. */
  stopped: boolean;
  /** The session changed (its pages hear of it). */
  changed(session: Session): void;
  /** The host is ready for observers (not for a warm session: they hear of it at its claim). */
  hostReady(sessionId: string, host: string): void;
}

/** Starts one host's sandbox; resolves when it is ready or has failed (never rejects). */
export function startHost(
  deps: HostStartDeps,
  session: Session,
  host: string,
  primary: boolean,
  before: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const abort = new AbortController();
  if (deps.stopped) abort.abort();
  const entry: Host = { state: 'starting', ready: Promise.resolve(), abort };
  const signal = abort.signal;
  session.hosts.set(host, entry);
  const request = {
    sessionId: session.id,
    tokenHash: session.tokenHash,
    client: session.client,
    expiresAt: session.expiresAt,
    ...(session.lessonId ? { lessonId: session.lessonId } : {}),
    ...(session.pool ? { pool: session.pool } : {}),
  };
  // Removed, or its session ended, while it was starting: nobody may use it or hear of it now.
  const gone = () => session.hosts.get(host) !== entry || session.state === 'ended';
  entry.ready = before()
    .then(() => deps.sandboxes.create(request, host, { primary, signal }))
    .then(
      (container) => {
        entry.state = 'ready';
        entry.containerId = container.id;
        if (gone()) return;
        deps.changed(session);
        if (!session.pool) deps.hostReady(session.id, host);
      },
      (err: Error) => {
        entry.state = 'failed';
        entry.error = err.message;
        if (err instanceof PlaygroundError && err.detail) entry.errorMessage = err.detail;
        if (!gone()) deps.changed(session);
      },
    );
  return entry.ready;
}
