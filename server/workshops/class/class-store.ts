// The SQL of the live class (server/db/migrations.ts, steps 2 and 3): step results per
// learner, help requests and trainers' messages. Every write is one statement (or one
// transaction), so a killed server keeps each change whole or not at all.
import type { Db } from '../../db/database.js';
import type { OpenHelp, SeatRecord, StepRecord } from './class-state.js';

/** A seat with the workshop it belongs to (what a session token leads to). */
export interface SeatOf extends SeatRecord {
  workshopId: number;
  workshopEnded: boolean;
}

export interface StepKey {
  learnerId: string;
  lessonId: string;
  stepId: string;
}

interface SeatRow {
  id: string;
  workshop_id: number;
  seat: number;
  name: string;
  session_id: string | null;
  extended_ms: number;
  ended_at: number | null;
}

interface StepRow {
  learner_id: string;
  lesson_id: string;
  step_id: string;
  started_at: number | null;
  done_at: number | null;
  failed_checks: number;
  hints_used: number;
}

const SEAT_SELECT = `SELECT l.id, l.workshop_id, l.seat, l.name, l.session_id, l.extended_ms, w.ended_at
  FROM learners l JOIN workshops w ON w.id = l.workshop_id`;

const ADD_STEP =
  'INSERT INTO step_results (learner_id, lesson_id, step_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';

export class ClassStore {
  constructor(private readonly db: Db) {}

  seatBySession(sessionId: string): SeatOf | null {
    const row = this.db.prepare<SeatRow>(`${SEAT_SELECT} WHERE l.session_id = ?`).get(sessionId);
    return row ? seatOf(row) : null;
  }

  seat(workshopId: number, learnerId: string): SeatOf | null {
    const row = this.db
      .prepare<SeatRow>(`${SEAT_SELECT} WHERE l.workshop_id = ? AND l.id = ?`)
      .get(workshopId, learnerId);
    return row ? seatOf(row) : null;
  }

  seats(workshopId: number): SeatOf[] {
    return this.db
      .prepare<SeatRow>(`${SEAT_SELECT} WHERE l.workshop_id = ? ORDER BY l.seat`)
      .all(workshopId)
      .map(seatOf);
  }

  records(workshopId: number): StepRecord[] {
    return this.db
      .prepare<StepRow>(
        `SELECT r.* FROM step_results r JOIN learners l ON l.id = r.learner_id WHERE l.workshop_id = ?`,
      )
      .all(workshopId)
      .map((r) => ({
        learnerId: r.learner_id,
        lessonId: r.lesson_id,
        stepId: r.step_id,
        startedAt: r.started_at,
        doneAt: r.done_at,
        failedChecks: r.failed_checks,
        hintsUsed: r.hints_used,
      }));
  }

  /** The first time the learner reached the step; false when it was known. */
  reached(key: StepKey, at: number): boolean {
    return this.change('started_at = ?', 'started_at IS NULL', key, [at]);
  }

  /** The first time the step passed; false when it was known. */
  completed(key: StepKey, at: number): boolean {
    return this.change('done_at = ?', 'done_at IS NULL', key, [at]);
  }

  failedCheck(key: StepKey): void {
    this.change('failed_checks = failed_checks + 1', '1', key, []);
  }

  /** One more hint opened, up to the step's `max` hints; false when all were. */
  hintOpened(key: StepKey, max: number): boolean {
    return this.change('hints_used = hints_used + 1', 'hints_used < ?', key, [], [Math.floor(max)]);
  }

  openHelp(workshopId: number): OpenHelp[] {
    return this.db
      .prepare<{ id: number; learner_id: string; text: string; created_at: number }>(
        `SELECT h.id, h.learner_id, h.text, h.created_at FROM help_requests h
         JOIN learners l ON l.id = h.learner_id WHERE l.workshop_id = ? AND h.resolved_at IS NULL`,
      )
      .all(workshopId)
      .map((h) => ({ id: h.id, learnerId: h.learner_id, text: h.text, createdAt: h.created_at }));
  }

  /** Opens the learner's request, or gives the open one the new text (keeping its time). */
  askHelp(learnerId: string, text: string, at: number): OpenHelp {
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO help_requests (learner_id, text, created_at) VALUES (?, ?, ?)
             ON CONFLICT (learner_id) WHERE resolved_at IS NULL DO UPDATE SET text = excluded.text`,
          )
          .run(learnerId, text, at);
        return this.openHelpOf(learnerId)!;
      })
      .immediate();
  }

  openHelpOf(learnerId: string): OpenHelp | null {
    const row = this.db
      .prepare<{ id: number; text: string; created_at: number }>(
        'SELECT id, text, created_at FROM help_requests WHERE learner_id = ? AND resolved_at IS NULL',
      )
      .get(learnerId);
    return row ? { id: row.id, learnerId, text: row.text, createdAt: row.created_at } : null;
  }

  /** Closes the learner's open request (`by` whom); false when none was open. */
  closeHelp(learnerId: string, by: 'learner' | 'trainer', at: number): boolean {
    const { changes } = this.db
      .prepare(
        'UPDATE help_requests SET resolved_at = ?, closed_by = ? WHERE learner_id = ? AND resolved_at IS NULL',
      )
      .run(at, by, learnerId);
    return changes > 0;
  }

  /** Whose request `helpId` is, if it belongs to the workshop. */
  helpOwner(workshopId: number, helpId: number): string | null {
    const row = this.db
      .prepare<{ learner_id: string }>(
        `SELECT h.learner_id FROM help_requests h JOIN learners l ON l.id = h.learner_id
         WHERE h.id = ? AND l.workshop_id = ?`,
      )
      .get(helpId, workshopId);
    return row?.learner_id ?? null;
  }

  saveMessage(
    workshopId: number,
    learnerId: string | null,
    text: string,
    at: number,
    delivered: number,
  ): void {
    this.db
      .prepare(
        'INSERT INTO workshop_messages (workshop_id, learner_id, text, sent_at, delivered) VALUES (?, ?, ?, ?, ?)',
      )
      .run(workshopId, learnerId, text, at, delivered);
  }

  trainerSessionId(workshopId: number): string | null {
    const row = this.db
      .prepare<{ trainer_session_id: string | null }>('SELECT trainer_session_id FROM workshops WHERE id = ?')
      .get(workshopId);
    return row?.trainer_session_id ?? null;
  }

  /**
   * Adds the step's row when missing and applies `set` (with `values`) where `when` (with
   * `whenValues`) holds, in one transaction; true when the row changed.
   */
  private change(
    set: string,
    when: string,
    key: StepKey,
    values: unknown[],
    whenValues: unknown[] = [],
  ): boolean {
    const ids = [key.learnerId, key.lessonId, key.stepId];
    const update = `UPDATE step_results SET ${set} WHERE learner_id = ? AND lesson_id = ? AND step_id = ? AND ${when}`;
    return this.db
      .transaction(() => {
        this.db.prepare(ADD_STEP).run(...ids);
        return this.db.prepare(update).run(...values, ...ids, ...whenValues).changes > 0;
      })
      .immediate();
  }
}

function seatOf(row: SeatRow): SeatOf {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    seat: row.seat,
    name: row.name,
    sessionId: row.session_id,
    extendedMs: row.extended_ms,
    workshopEnded: row.ended_at !== null,
  };
}
