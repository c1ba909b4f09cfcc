// Keeps each session's lesson progress in the database, so a reload or a server restart
// keeps the steps a learner has completed. One row per session and lesson (a workshop's
// learner moves between lessons in one sandbox); removed with the session.
import type { LessonProgress } from '../../common/events.js';
import type { Db } from '../db/database.js';

export class ProgressStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The session's progress in `lessonId`, or (left out) in the lesson it saved last. */
  async load(sessionId: string, lessonId?: string): Promise<LessonProgress | null> {
    const row =
      lessonId === undefined
        ? this.db
            .prepare<{ progress: string }>(
              'SELECT progress FROM lesson_progress WHERE session_id = ? ORDER BY updated_at DESC LIMIT 1',
            )
            .get(checked(sessionId))
        : this.db
            .prepare<{ progress: string }>(
              'SELECT progress FROM lesson_progress WHERE session_id = ? AND lesson_id = ?',
            )
            .get(checked(sessionId), lessonId);
    return row ? parseProgress(row.progress) : null;
  }

  /** One statement: a crash leaves the previous progress or this one, never half of it. */
  async save(sessionId: string, progress: LessonProgress): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO lesson_progress (session_id, lesson_id, progress, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id, lesson_id) DO UPDATE SET progress = excluded.progress, updated_at = excluded.updated_at`,
      )
      .run(checked(sessionId), progress.lessonId, JSON.stringify(progress), this.now());
  }

  /**
   * Keeps each session's progress unless it has some already (the database's is newer), in
   * one transaction.
   */
  saveAllIfAbsent(entries: readonly { sessionId: string; progress: LessonProgress }[]): void {
    const insert = this.db.prepare(
      'INSERT INTO lesson_progress (session_id, lesson_id, progress, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.db.transaction(() => {
      for (const { sessionId, progress } of entries)
        insert.run(checked(sessionId), progress.lessonId, JSON.stringify(progress), this.now());
    })();
  }

  async remove(sessionId: string): Promise<void> {
    this.db.prepare('DELETE FROM lesson_progress WHERE session_id = ?').run(checked(sessionId));
  }
}

/** Session ids are hex (checked by the routes); anything else is a caller's bug. */
function checked(sessionId: string): string {
  if (!/^[a-f0-9]+$/.test(sessionId)) throw new Error(`bad session id "${sessionId}"`);
  return sessionId;
}

/** Progress as saved, or null for anything else: start from nothing rather than fail the lesson. */
export function parseProgress(text: string): LessonProgress | null {
  try {
    const value = JSON.parse(text) as LessonProgress | null;
    return typeof value?.lessonId === 'string' && Array.isArray(value.steps) ? value : null;
  } catch {
    return null;
  }
}
