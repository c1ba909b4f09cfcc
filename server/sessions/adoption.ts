// A restarted server adopting the live sandboxes an earlier one left: the engine's labels
// say whose they are, the leases what a label cannot (a claim, an end moved later).
import type { Config } from '../config.js';
import type { SandboxRecord } from '../sandboxes/manager.js';
import type { SessionLeases } from './leases.js';
import { sessionLimits, type Session } from './session-state.js';

/** Adds each record's host to its session (made ready, as the sandbox runs) in `sessions`. */
export function adoptSandboxes(
  records: SandboxRecord[],
  sessions: Map<string, Session>,
  leases: SessionLeases,
  config: Config,
): void {
  for (const record of records) {
    let session = sessions.get(record.sessionId);
    if (!session) {
      const lease = leases.get(record.sessionId);
      session = {
        id: record.sessionId,
        tokenHash: record.tokenHash,
        client: lease?.client ?? record.client,
        state: 'ready',
        expiresAt: lease?.expiresAt ?? record.expiresAt,
        ...(lease?.extended ? { extended: true } : {}),
        ...((lease?.lessonId ?? record.lessonId) ? { lessonId: lease?.lessonId ?? record.lessonId } : {}),
        ...sessionLimits(config),
        hosts: new Map(),
        ready: Promise.resolve(),
      };
      sessions.set(record.sessionId, session);
    }
    session.hosts.set(record.host, {
      state: 'ready',
      ready: Promise.resolve(),
      containerId: record.containerId,
    });
  }
  // Host names say their order (node1 before node2); the engine lists them in any order.
  for (const session of sessions.values()) {
    session.hosts = new Map(
      [...session.hosts].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })),
    );
  }
}
