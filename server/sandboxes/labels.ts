// Labels mark every engine object the playground creates, so it only ever lists,
// adopts or removes its own objects on an engine that may run other things too.
export const LABEL = {
  /** What the object is: "sandbox", "network" or "docker-data". */
  role: 'io.docker-playground.role',
  session: 'io.docker-playground.session',
  /** Host name of a sandbox inside its session ("node1", "node2", ...). */
  host: 'io.docker-playground.host',
  /** ISO time after which the reaper removes the session's objects. */
  expires: 'io.docker-playground.expires',
  /** SHA-256 of the session token, so sessions survive a server restart without a database. */
  tokenHash: 'io.docker-playground.token-sha256',
  /** Client address that created the session (for the per-client limit). */
  client: 'io.docker-playground.client',
  /** Lesson the session was started for, if any. */
  lesson: 'io.docker-playground.lesson',
} as const;

export type ObjectRole = 'sandbox' | 'network' | 'docker-data';

export function labelsFor(role: ObjectRole, sessionId: string, extra: Record<string, string> = {}) {
  return { [LABEL.role]: role, [LABEL.session]: sessionId, ...extra };
}

/** Engine list filter for the playground's objects (optionally of one session). */
export function labelFilter(sessionId?: string): { label: string[] } {
  return { label: sessionId ? [`${LABEL.session}=${sessionId}`] : [LABEL.role] };
}

export const objectName = (sessionId: string, suffix: string) => `playground-${sessionId}-${suffix}`;
