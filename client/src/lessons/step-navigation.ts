// Where a learner is in a lesson and where they go next: pure functions over the lesson's steps
// and the server's progress, so the panel's rules can be tested without a browser.

import type { LessonProgress, StepState } from '../../../common/events';
import type { Message } from '../../../common/messages';

/** The page before the first step: the intro and the list of steps. */
export const OVERVIEW = -1;

export interface StepStatus {
  id: string;
  state: StepState;
  /** Why the step is not done yet, when the server said. */
  reason?: string;
  /** The same reason as the server's message, for the page's language. */
  reasonMessage?: Message;
}

/**
 * Each step's state in lesson order. Steps the progress does not mention are pending, and
 * progress for another lesson is ignored (it can arrive while the page switches lessons).
 */
export function stepStatuses(
  lesson: { id: string; steps: readonly { id: string }[] },
  progress: LessonProgress | undefined,
): StepStatus[] {
  const known = new Map(
    progress && progress.lessonId === lesson.id ? progress.steps.map((s) => [s.stepId, s]) : [],
  );
  return lesson.steps.map(({ id }) => {
    const p = known.get(id);
    if (!p) return { id, state: 'pending' };
    return {
      id,
      state: p.state,
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.reasonMessage ? { reasonMessage: p.reasonMessage } : {}),
    };
  });
}

export function passedCount(statuses: readonly StepStatus[]): number {
  return statuses.filter((s) => s.state === 'passed').length;
}

export function allPassed(statuses: readonly StepStatus[]): boolean {
  return statuses.length > 0 && statuses.every((s) => s.state === 'passed');
}

/** The first step not passed yet, or null when every step has passed. */
export function firstUnfinished(statuses: readonly StepStatus[]): number | null {
  const i = statuses.findIndex((s) => s.state !== 'passed');
  return i < 0 ? null : i;
}

/** Keeps a step index within the lesson (OVERVIEW .. last step). */
export function clampStep(index: number, stepCount: number): number {
  if (!Number.isInteger(index)) return OVERVIEW;
  return Math.max(OVERVIEW, Math.min(stepCount - 1, index));
}

/**
 * Where a learner lands when a lesson opens: the overview if there is an intro and nothing is
 * done yet, else the first step not done (the last step when all are).
 */
export function landingStep(statuses: readonly StepStatus[], hasIntro: boolean): number {
  const passed = passedCount(statuses);
  if (passed === 0) return hasIntro ? OVERVIEW : 0;
  return firstUnfinished(statuses) ?? statuses.length - 1;
}

/** Where "Next" leads from `active`, or null at the last step. */
export function nextStep(statuses: readonly StepStatus[], active: number): number | null {
  if (active === OVERVIEW) return firstUnfinished(statuses) ?? 0;
  return active + 1 < statuses.length ? active + 1 : null;
}

/** Where "Previous" leads from `active`, or null on the overview. */
export function previousStep(active: number): number | null {
  return active === OVERVIEW ? null : active - 1;
}

/**
 * Whether moving on is the obvious next action: on the overview, and on a step that has
 * passed. Elsewhere the learner's next action is doing the step, so "Next" stays quiet.
 */
export function nextIsPrimary(statuses: readonly StepStatus[], active: number): boolean {
  return active === OVERVIEW || statuses[active]?.state === 'passed';
}

/**
 * Steps that passed between two progress updates, for a moment of celebration. A step that
 * was already passed, or that the learner has not seen change, is not included.
 */
export function newlyPassed(before: readonly StepStatus[], after: readonly StepStatus[]): string[] {
  const was = new Map(before.map((s) => [s.id, s.state]));
  return after.filter((s) => s.state === 'passed' && was.get(s.id) !== 'passed').map((s) => s.id);
}
