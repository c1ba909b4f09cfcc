// The workshop tables (server/db/migrations.ts, step 2) read and written as objects. SQL
// lives here only; the rules (who may join, when) are service.ts's.
import type { Language } from '../../common/lesson.js';
import type { Db } from '../db/database.js';

export interface Workshop {
  id: number;
  code: string;
  title: string;
  language: Language;
  /** Lesson ids in order; empty for free play. */
  lessons: string[];
  seats: number;
  /** Milliseconds since the epoch. */
  startsAt: number;
  durationMs: number;
  createdAt: number;
  endedAt: number | null;
}

export interface Learner {
  id: string;
  workshopId: number;
  seat: number;
  name: string;
  joinedAt: number;
  /** The seat's sandbox session, once one is assigned. */
  sessionId: string | null;
}

interface WorkshopRow {
  id: number;
  code: string;
  title: string;
  language: Language;
  seats: number;
  starts_at: number;
  duration_ms: number;
  created_at: number;
  ended_at: number | null;
  trainer_key_hash: string;
}

interface LearnerRow {
  id: string;
  workshop_id: number;
  seat: number;
  name: string;
  joined_at: number;
  session_id: string | null;
}

const LEARNER_COLUMNS = 'id, workshop_id, seat, name, joined_at, session_id';

export class WorkshopStore {
  constructor(readonly db: Db) {}

  /** Adds a workshop and its lessons (in the caller's transaction); returns its id. */
  insert(workshop: Omit<Workshop, 'id' | 'endedAt'>, trainerKeyHash: string, creator: string | null): number {
    const { code, title, language, seats, startsAt, durationMs, createdAt } = workshop;
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO workshops (code, trainer_key_hash, title, language, seats, starts_at, duration_ms, created_at, creator)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(code, trainerKeyHash, title, language, seats, startsAt, durationMs, createdAt, creator);
    const id = Number(lastInsertRowid);
    const lesson = this.db.prepare(
      'INSERT INTO workshop_lessons (workshop_id, position, lesson_id) VALUES (?, ?, ?)',
    );
    workshop.lessons.forEach((lessonId, position) => lesson.run(id, position, lessonId));
    return id;
  }

  byId(id: number): Workshop | null {
    const row = this.db.prepare<WorkshopRow>('SELECT * FROM workshops WHERE id = ?').get(id);
    return row ? this.workshop(row) : null;
  }

  /** The live (not ended) workshop with this code: at most one. */
  live(code: string): Workshop | null {
    const row = this.db
      .prepare<WorkshopRow>('SELECT * FROM workshops WHERE code = ? AND ended_at IS NULL')
      .get(code);
    return row ? this.workshop(row) : null;
  }

  /** How many workshops `creator` made that are neither ended nor over at `now`. */
  liveCountOf(creator: string, now: number): number {
    const row = this.db
      .prepare<{ n: number }>(
        `SELECT count(*) AS n FROM workshops
         WHERE creator = ? AND ended_at IS NULL AND starts_at + duration_ms > ?`,
      )
      .get(creator, now);
    return row?.n ?? 0;
  }

  /** The workshops neither ended nor over whose time meets [from, to). */
  liveDuring(from: number, to: number): Workshop[] {
    return this.db
      .prepare<WorkshopRow>(
        `SELECT * FROM workshops
         WHERE ended_at IS NULL AND starts_at < ? AND starts_at + duration_ms > ? ORDER BY id`,
      )
      .all(to, from)
      .map((row) => this.workshop(row));
  }

  /** Every workshop that had this code, ended ones too, with their trainer keys' hashes. */
  withCode(code: string): { workshop: Workshop; trainerKeyHash: string }[] {
    return this.db
      .prepare<WorkshopRow>('SELECT * FROM workshops WHERE code = ? ORDER BY id')
      .all(code)
      .map((row) => ({ workshop: this.workshop(row), trainerKeyHash: row.trainer_key_hash }));
  }

  byTrainerKeyHash(hash: string): Workshop | null {
    const row = this.db.prepare<WorkshopRow>('SELECT * FROM workshops WHERE trainer_key_hash = ?').get(hash);
    return row ? this.workshop(row) : null;
  }

  setEnded(workshopId: number, at: number): void {
    this.db
      .prepare('UPDATE workshops SET ended_at = ? WHERE id = ? AND ended_at IS NULL')
      .run(at, workshopId);
  }

  learnerCount(workshopId: number): number {
    const row = this.db
      .prepare<{ n: number }>('SELECT count(*) AS n FROM learners WHERE workshop_id = ?')
      .get(workshopId);
    return row?.n ?? 0;
  }

  insertLearner(learner: Omit<Learner, 'sessionId'>, resumeTokenHash: string): void {
    const { id, workshopId, seat, name, joinedAt } = learner;
    this.db
      .prepare(
        `INSERT INTO learners (id, workshop_id, seat, name, joined_at, resume_token_hash)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, workshopId, seat, name, joinedAt, resumeTokenHash);
  }

  learnerByResumeHash(workshopId: number, hash: string): Learner | null {
    const row = this.db
      .prepare<LearnerRow>(
        `SELECT ${LEARNER_COLUMNS} FROM learners WHERE workshop_id = ? AND resume_token_hash = ?`,
      )
      .get(workshopId, hash);
    return row ? learner(row) : null;
  }

  learners(workshopId: number): Learner[] {
    return this.db
      .prepare<LearnerRow>(`SELECT ${LEARNER_COLUMNS} FROM learners WHERE workshop_id = ? ORDER BY seat`)
      .all(workshopId)
      .map(learner);
  }

  /** Ties a seat to its sandbox session. */
  assignSession(learnerId: string, sessionId: string): void {
    this.db.prepare('UPDATE learners SET session_id = ? WHERE id = ?').run(sessionId, learnerId);
  }

  /** The learner whose seat runs in this sandbox session, if any. */
  learnerBySession(sessionId: string): Learner | null {
    const row = this.db
      .prepare<LearnerRow>(`SELECT ${LEARNER_COLUMNS} FROM learners WHERE session_id = ?`)
      .get(sessionId);
    return row ? learner(row) : null;
  }

  /** The trainer's own sandbox session, once started. */
  trainerSession(workshopId: number): string | null {
    const row = this.db
      .prepare<{ trainer_session_id: string | null }>('SELECT trainer_session_id FROM workshops WHERE id = ?')
      .get(workshopId);
    return row?.trainer_session_id ?? null;
  }

  /** The workshop whose trainer's own session this is, if any. */
  byTrainerSession(sessionId: string): Workshop | null {
    const row = this.db
      .prepare<WorkshopRow>('SELECT * FROM workshops WHERE trainer_session_id = ?')
      .get(sessionId);
    return row ? this.workshop(row) : null;
  }

  setTrainerSession(workshopId: number, sessionId: string): void {
    this.db.prepare('UPDATE workshops SET trainer_session_id = ? WHERE id = ?').run(sessionId, workshopId);
  }

  private workshop(row: WorkshopRow): Workshop {
    const lessons = this.db
      .prepare<{ lesson_id: string }>(
        'SELECT lesson_id FROM workshop_lessons WHERE workshop_id = ? ORDER BY position',
      )
      .all(row.id)
      .map((r) => r.lesson_id);
    return {
      id: row.id,
      code: row.code,
      title: row.title,
      language: row.language,
      lessons,
      seats: row.seats,
      startsAt: row.starts_at,
      durationMs: row.duration_ms,
      createdAt: row.created_at,
      endedAt: row.ended_at,
    };
  }
}

function learner(row: LearnerRow): Learner {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    seat: row.seat,
    name: row.name,
    joinedAt: row.joined_at,
    sessionId: row.session_id,
  };
}
