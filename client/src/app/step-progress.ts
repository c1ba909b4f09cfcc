// How the lesson progress on screen changes: whose progress an event brings, and a step's
// state while the Check button waits and once its answer comes.
import type { LessonProgress, StepProgress } from '../../../common/events';

/** Whether progress from the events socket belongs to the lesson shown or the page's route. */
export const progressIsFor = (
  progress: LessonProgress,
  shownLessonId: string | undefined,
  routeLessonId: string | undefined,
): boolean => progress.lessonId === shownLessonId || progress.lessonId === routeLessonId;

/** The progress with step `stepId` replaced by `step` (the other steps as they were). */
export const withStep = (progress: LessonProgress, stepId: string, step: StepProgress): LessonProgress => ({
  ...progress,
  steps: progress.steps.map((s) => (s.stepId === stepId ? step : s)),
});

/** The progress while a step's check runs: that step shows 'checking' and loses its old reason. */
export const checkingStep = (progress: LessonProgress, stepId: string): LessonProgress =>
  withStep(progress, stepId, { stepId, state: 'checking' });
