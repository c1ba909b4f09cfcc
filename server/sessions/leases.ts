// Session leases: what the engine's labels cannot say because a label never changes. A warm
// session's labels name the pool it was started for; the lease says it was handed to someone
// (and who, for the per-client limit), and until when, which a workshop's extension moves;
// whether the learner has used their one extension; and the lesson it holds now, when a
// workshop's learner moved on to the next one.
import type { Db } from '../db/database.js';
import { LearnerRefusal } from '../errors.js';
import { stateRefusal } from './refusals.js';
import type { Session } from './session-state.js';

export interface Lease {
  client: string;
  expiresAt: Date;
  /** The learner extended the session; once set, it stays. */
  extended?: boolean;
  /** Left out: the lesson stays what it was (the label's, or the last one set). */
  lessonId?: string;
}

/** Where leases are kept; the database in the server, a Map in unit tests. */
export interface SessionLeases {
  get(sessionId: string): Lease | undefined;
  set(sessionId: string, lease: Lease): void;
  delete(sessionId: string): void;
}

interface LeaseRow {
  client: string;
  expires_at: number;
  extended: number;
  lesson_id: string | null;
}

export class LeaseStore implements SessionLeases {
  constructor(private readonly db: Db) {}

  get(sessionId: string): Lease | undefined {
    const row = this.db
      .prepare<LeaseRow>(
        'SELECT client, expires_at, extended, lesson_id FROM session_leases WHERE session_id = ?',
      )
      .get(sessionId);
    if (!row) return undefined;
    return {
      client: row.client,
      expiresAt: new Date(row.expires_at),
      ...(row.extended ? { extended: true } : {}),
      ...(row.lesson_id === null ? {} : { lessonId: row.lesson_id }),
    };
  }

  set(sessionId: string, lease: Lease): void {
    this.db
      .prepare(
        `INSERT INTO session_leases (session_id, client, expires_at, extended, lesson_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET client = excluded.client, expires_at = excluded.expires_at,
           extended = MAX(extended, excluded.extended), lesson_id = COALESCE(excluded.lesson_id, lesson_id)`,
      )
      .run(
        sessionId,
        lease.client,
        lease.expiresAt.getTime(),
        lease.extended ? 1 : 0,
        lease.lessonId ?? null,
      );
  }

  delete(sessionId: string): void {
    this.db.prepare('DELETE FROM session_leases WHERE session_id = ?').run(sessionId);
  }
}

/** Leases in memory: for a playground without a database (unit tests). */
export class MemoryLeases implements SessionLeases {
  private readonly leases = new Map<string, Lease>();
  get = (id: string) => this.leases.get(id);
  set = (id: string, lease: Lease) => {
    const before = this.leases.get(id);
    // As the database does: the extension, once used, stays used.
    this.leases.set(id, {
      ...before,
      ...lease,
      ...(lease.extended || before?.extended ? { extended: true } : {}),
    });
  };
  delete = (id: string) => void this.leases.delete(id);
}

/**
 * Moves a ready session to another lesson (a workshop's next, in the same sandbox); its lease
 * keeps the lesson over a restart, since the label names the one it started with.
 */
export function moveLesson(
  session: Session | undefined,
  lessonId: string,
  leases: SessionLeases,
  moved: () => void,
): void {
  if (session?.state !== 'ready') throw new LearnerRefusal(stateRefusal(session?.state ?? 'ended'), 409);
  if (session.lessonId === lessonId) return;
  session.lessonId = lessonId;
  leases.set(session.id, { client: session.client, expiresAt: session.expiresAt, lessonId });
  moved();
}
