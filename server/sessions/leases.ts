// Session leases: what the engine's labels cannot say because a label never changes. A warm
// session's labels name the pool it was started for; the lease says it was handed to someone
// (and who, for the per-client limit), and until when, which a workshop's extension moves;
// and whether the learner has used their one extension.
import type { Db } from '../db/database.js';

export interface Lease {
  client: string;
  expiresAt: Date;
  /** The learner extended the session; once set, it stays. */
  extended?: boolean;
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
}

export class LeaseStore implements SessionLeases {
  constructor(private readonly db: Db) {}

  get(sessionId: string): Lease | undefined {
    const row = this.db
      .prepare<LeaseRow>('SELECT client, expires_at, extended FROM session_leases WHERE session_id = ?')
      .get(sessionId);
    if (!row) return undefined;
    return {
      client: row.client,
      expiresAt: new Date(row.expires_at),
      ...(row.extended ? { extended: true } : {}),
    };
  }

  set(sessionId: string, lease: Lease): void {
    this.db
      .prepare(
        `INSERT INTO session_leases (session_id, client, expires_at, extended) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET client = excluded.client, expires_at = excluded.expires_at,
           extended = MAX(extended, excluded.extended)`,
      )
      .run(sessionId, lease.client, lease.expiresAt.getTime(), lease.extended ? 1 : 0);
  }

  delete(sessionId: string): void {
    this.db.prepare('DELETE FROM session_leases WHERE session_id = ?').run(sessionId);
  }
}

/** Leases in memory: for a playground without a database (unit tests). */
export class MemoryLeases implements SessionLeases {
  private readonly leases = new Map<string, Lease>();
  get = (id: string) => this.leases.get(id);
  set = (id: string, lease: Lease) =>
    void this.leases.set(id, {
      ...lease,
      ...(lease.extended || this.leases.get(id)?.extended ? { extended: true } : {}),
    });
  delete = (id: string) => void this.leases.delete(id);
}
