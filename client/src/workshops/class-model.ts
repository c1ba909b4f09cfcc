// The trainer's grid as pure data: the class state the socket sends first, changed by each
// event after it, with learners in the order the trainer should look at them; and the small
// formats the grid shows. No DOM, so unit tests cover it.
import type { ClassEvent, ClassState, ClassStep, LearnerStatus } from '../../../common/workshop-live';

/** Learners who asked for help come first, then the stuck ones, then by seat. */
function rank(learner: LearnerStatus): number {
  return (learner.help ? 0 : 2) + (learner.stuck ? 0 : 1);
}

export function sortLearners(learners: readonly LearnerStatus[]): LearnerStatus[] {
  return [...learners].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank) return byRank;
    // The longest-waiting help request first.
    if (a.help && b.help && a.help.at !== b.help.at) return a.help.at < b.help.at ? -1 : 1;
    return a.seat - b.seat;
  });
}

/** The class after one socket message (null until the first full state). */
export function applyClassEvent(state: ClassState | null, event: ClassEvent): ClassState | null {
  switch (event.type) {
    case 'class':
      return { ...event.state, learners: sortLearners(event.state.learners) };
    case 'learner': {
      if (!state) return state;
      const others = state.learners.filter((l) => l.id !== event.learner.id);
      return { ...state, learners: sortLearners([...others, event.learner]), finished: event.finished };
    }
    case 'workshop':
      return state ? { ...state, workshop: event.workshop, readySeats: event.readySeats } : state;
  }
}

/** Steps of one lesson, side by side in the grid under the lesson's name. */
export interface LessonGroup {
  lessonId: string;
  steps: ClassStep[];
}

export function lessonGroups(steps: readonly ClassStep[]): LessonGroup[] {
  const groups: LessonGroup[] = [];
  for (const step of steps) {
    const last = groups[groups.length - 1];
    if (last && last.lessonId === step.lessonId) last.steps.push(step);
    else groups.push({ lessonId: step.lessonId, steps: [step] });
  }
  return groups;
}

/** Time on a step as a clock: "0:45", "12:05", "1:02:05"; '' for no time or a time ahead. */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const total = Math.floor(ms / 1000);
  const s = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}:${s}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${s}`;
}

/** How long a learner has been on their current step, as the grid shows it. */
export function timeOnStep(learner: LearnerStatus, now: number): string {
  if (!learner.currentStep || !learner.currentSince) return '';
  return formatElapsed(now - Date.parse(learner.currentSince));
}

/** The step a learner is on, for the side panel's "push a hint". */
export function currentStep(state: ClassState, learner: LearnerStatus): ClassStep | undefined {
  return state.steps.find((s) => `${s.lessonId}/${s.stepId}` === learner.currentStep);
}

/** Where a seat's time stands: what is left, whether to warn (the last 5 minutes), or over. */
export interface TimeLeft {
  ms: number;
  warn: boolean;
  over: boolean;
}

export const WARN_BEFORE_END_MS = 5 * 60_000;

export function timeLeft(endsAt: string, now: number): TimeLeft {
  const ms = Date.parse(endsAt) - now;
  if (!Number.isFinite(ms)) return { ms: 0, warn: false, over: false };
  return { ms, warn: ms > 0 && ms <= WARN_BEFORE_END_MS, over: ms <= 0 };
}
