// Labels mark every engine object the playground creates, so it only ever lists,
// adopts or removes its own objects on an engine that may run other things too: other
// programs, and other playgrounds (a second server, a test run, a benchmark), each an
// instance of its own that never touches another's objects.
export const LABEL = {
  /** What the object is: "sandbox", "network" or "docker-data". */
  role: 'io.docker-playground.role',
  /** The playground instance (PLAYGROUND_INSTANCE) that owns the object. */
  instance: 'io.docker-playground.instance',
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
  /**
   * The warm pool a sandbox was started for ahead of a learner ("warm", or a workshop's seats).
   * A label cannot change, so it stays after the claim; the claim is in the database.
   */
  pool: 'io.docker-playground.pool',
} as const;

export type ObjectRole = 'sandbox' | 'network' | 'docker-data';

/**
 * The instance of a playground that sets no PLAYGROUND_INSTANCE. Objects without an
 * instance label (made before instances existed) belong to it, so a production server
 * keeps adopting them and a test or benchmark instance never sees them.
 */
export const DEFAULT_INSTANCE = 'default';

/**
 * Instance names go into object names after a dot, which no default-instance name has
 * (`playground-<session>-...`), and hold no dot themselves: two instances' names cannot
 * collide. Short, so object names stay well under the engine's limits.
 */
export const INSTANCE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

type Labels = Record<string, string> | undefined;

/** One playground instance's view of the engine: the labels, names and filters of its own objects. */
export class InstanceScope {
  constructor(readonly name: string = DEFAULT_INSTANCE) {
    if (!INSTANCE_NAME.test(name)) {
      throw new Error(
        `PLAYGROUND_INSTANCE must be lower-case letters, digits, "-" or "_" (at most 40), got "${name}"`,
      );
    }
  }

  labelsFor(role: ObjectRole, sessionId: string, extra: Record<string, string> = {}): Record<string, string> {
    return { [LABEL.role]: role, [LABEL.instance]: this.name, [LABEL.session]: sessionId, ...extra };
  }

  /**
   * Engine list filter for this instance's objects, narrowed by further `key=value` labels.
   * The engine cannot filter on a missing label, so the default instance lists every
   * playground object and `owns` keeps its own.
   */
  filter(...labels: string[]): { label: string[] } {
    const mine = this.name === DEFAULT_INSTANCE ? LABEL.role : `${LABEL.instance}=${this.name}`;
    return { label: [mine, ...labels] };
  }

  /** Filter for one session's objects; a session id is required (an empty one would match all). */
  sessionFilter(sessionId: string, ...labels: string[]): { label: string[] } {
    if (!sessionId) throw new Error('a session id is required to select its objects');
    return this.filter(`${LABEL.session}=${sessionId}`, ...labels);
  }

  /** Whether an object the engine listed is this instance's. */
  owns(labels: Labels): boolean {
    if (!labels?.[LABEL.role]) return false;
    return (labels[LABEL.instance] ?? DEFAULT_INSTANCE) === this.name;
  }

  /** Whether a name `objectName` gives is this instance's. */
  ownsName(name: string): boolean {
    return this.name === DEFAULT_INSTANCE
      ? name.startsWith('playground-')
      : name.startsWith(`playground.${this.name}.`);
  }

  /** Container, network and volume names: the default instance's are those of earlier versions. */
  objectName(sessionId: string, suffix: string): string {
    return this.name === DEFAULT_INSTANCE
      ? `playground-${sessionId}-${suffix}`
      : `playground.${this.name}.${sessionId}-${suffix}`;
  }
}
