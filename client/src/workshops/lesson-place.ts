// Where a learner stands in their workshop's lessons: which of how many, the lessons before
// and after, and whether this one is finished (every step done), for <workshop-lesson-nav>.
import type { LessonProgress } from '../../../common/events';

export interface LessonPlace {
  /** From 0. */
  index: number;
  total: number;
  previous: string | null;
  next: string | null;
  /** Every step of the lesson is done: the next lesson is what to offer. */
  finished: boolean;
}

/** The place of `current` among `lessons`, or null when there is nowhere to move (one lesson, free play). */
export function lessonPlace(
  lessons: readonly string[],
  current: string | undefined,
  progress: LessonProgress | null,
): LessonPlace | null {
  if (lessons.length < 2 || current === undefined) return null;
  const index = lessons.indexOf(current);
  if (index < 0) return null;
  // Progress of another lesson (a late event after a move) says nothing of this one.
  const steps = progress?.lessonId === current ? progress.steps : [];
  return {
    index,
    total: lessons.length,
    previous: lessons[index - 1] ?? null,
    next: lessons[index + 1] ?? null,
    finished: steps.length > 0 && steps.every((s) => s.state === 'passed' || s.completedAt !== undefined),
  };
}
