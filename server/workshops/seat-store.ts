// The seats' side of the workshop tables: which session a learner's seat runs in (with its
// sealed token), the learner's own extension, and the workshops whose seats may need
// sandboxes. Rules are seating.ts's; the rest of the workshop SQL is store.ts's.
import type { Db } from '../db/database.js';

export interface SeatRow {
  learnerId: string;
  seat: number;
  name: string;
  sessionId: string | null;
  sealedToken: string | null;
  /** Time added for this learner alone (milliseconds). */
  extendedMs: number;
}

interface Row {
  id: string;
  seat: number;
  name: string;
  session_id: string | null;
  session_token_sealed: string | null;
  extended_ms: number;
}

const COLUMNS = 'id, seat, name, session_id, session_token_sealed, extended_ms';

export class SeatStore {
  constructor(private readonly db: Db) {}

  /** Workshops not ended whose planned end is at most a day ago (extensions may run on). */
  openWorkshopIds(now: number): number[] {
    return this.db
      .prepare<{ id: number }>(
        'SELECT id FROM workshops WHERE ended_at IS NULL AND starts_at + duration_ms > ? ORDER BY id',
      )
      .all(now - 24 * 60 * 60 * 1000)
      .map((r) => r.id);
  }

  seat(workshopId: number, learnerId: string): SeatRow | null {
    const row = this.db
      .prepare<Row>(`SELECT ${COLUMNS} FROM learners WHERE workshop_id = ? AND id = ?`)
      .get(workshopId, learnerId);
    return row ? seatRow(row) : null;
  }

  seats(workshopId: number): SeatRow[] {
    return this.db
      .prepare<Row>(`SELECT ${COLUMNS} FROM learners WHERE workshop_id = ? ORDER BY seat`)
      .all(workshopId)
      .map(seatRow);
  }

  seatedCount(workshopId: number): number {
    const row = this.db
      .prepare<{ n: number }>(
        'SELECT count(*) AS n FROM learners WHERE workshop_id = ? AND session_id IS NOT NULL',
      )
      .get(workshopId);
    return row?.n ?? 0;
  }

  /** Ties a seat to its session, with the session's token sealed for the learner. */
  assign(learnerId: string, sessionId: string, sealedToken: string): void {
    this.db
      .prepare('UPDATE learners SET session_id = ?, session_token_sealed = ? WHERE id = ?')
      .run(sessionId, sealedToken, learnerId);
  }

  extendWorkshop(workshopId: number, ms: number): void {
    this.db.prepare('UPDATE workshops SET duration_ms = duration_ms + ? WHERE id = ?').run(ms, workshopId);
  }

  extendLearner(learnerId: string, ms: number): void {
    this.db.prepare('UPDATE learners SET extended_ms = extended_ms + ? WHERE id = ?').run(ms, learnerId);
  }

  /** The trainer's own session, if the workshop has one. */
  trainerSessionId(workshopId: number): string | null {
    const row = this.db
      .prepare<{ trainer_session_id: string | null }>('SELECT trainer_session_id FROM workshops WHERE id = ?')
      .get(workshopId);
    return row?.trainer_session_id ?? null;
  }
}

function seatRow(row: Row): SeatRow {
  return {
    learnerId: row.id,
    seat: row.seat,
    name: row.name,
    sessionId: row.session_id,
    sealedToken: row.session_token_sealed,
    extendedMs: row.extended_ms,
  };
}
