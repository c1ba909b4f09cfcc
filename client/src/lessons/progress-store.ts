// How far this browser got in each lesson, kept in localStorage for the catalogue's cards.
// The server's progress belongs to one sandbox and starts again at zero in a new one, so the
// store keeps the best count seen: a lesson once completed stays completed.

import type { LessonProgress } from '../../../common/events';
import type { StorageLike } from '../sessions/token-store';

export interface LessonDoneCount {
  done: number;
  total: number;
}

export type ProgressByLesson = Record<string, LessonDoneCount>;

export const PROGRESS_KEY = 'docker-playground.lesson-progress.v1';

/** Steps passed out of all steps, from the server's progress. */
export function countPassed(progress: LessonProgress): LessonDoneCount {
  return {
    done: progress.steps.filter((s) => s.state === 'passed').length,
    total: progress.steps.length,
  };
}

function isCount(value: unknown): value is LessonDoneCount {
  if (!value || typeof value !== 'object') return false;
  const { done, total } = value as Record<string, unknown>;
  return (
    Number.isInteger(done) &&
    Number.isInteger(total) &&
    (total as number) > 0 &&
    (done as number) >= 0 &&
    (done as number) <= (total as number)
  );
}

export class ProgressStore {
  constructor(private readonly storage: StorageLike | null) {}

  /** Every lesson this browser has progress for. Damaged entries are left out. */
  all(): ProgressByLesson {
    let raw: string | null = null;
    try {
      raw = this.storage?.getItem(PROGRESS_KEY) ?? null;
    } catch {
      return {};
    }
    if (!raw) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return {};
    }
    const result: ProgressByLesson = {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [id, count] of Object.entries(parsed)) {
        if (isCount(count)) result[id] = { done: count.done, total: count.total };
      }
    }
    return result;
  }

  get(lessonId: string): LessonDoneCount | undefined {
    return this.all()[lessonId];
  }

  /**
   * Records the server's progress for a lesson and returns every lesson's counts. A lower count
   * than stored (a fresh sandbox) keeps the stored one; a different step total (the lesson was
   * changed) replaces it.
   */
  record(progress: LessonProgress): ProgressByLesson {
    const all = this.all();
    const next = countPassed(progress);
    if (next.total === 0) return all;
    const stored = all[progress.lessonId];
    if (stored && stored.total === next.total && stored.done >= next.done) return all;
    all[progress.lessonId] = next;
    this.write(all);
    return all;
  }

  /** Forgets a lesson's progress (to start it over). */
  forget(lessonId: string): ProgressByLesson {
    const all = this.all();
    if (!(lessonId in all)) return all;
    delete all[lessonId];
    this.write(all);
    return all;
  }

  private write(all: ProgressByLesson): void {
    if (!this.storage) return;
    try {
      if (Object.keys(all).length === 0) this.storage.removeItem(PROGRESS_KEY);
      else this.storage.setItem(PROGRESS_KEY, JSON.stringify(all));
    } catch {
      // Storage full or disabled: the catalogue just shows less.
    }
  }
}
