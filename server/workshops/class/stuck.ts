// When a learner is flagged stuck in the trainer's grid. Pure, so the rule is tested alone
// (test/unit/workshop-class-server.test.ts) and said in one place:
//
// - 'failing': at least FAILING_CHECKS checks the learner asked for (the Check button) failed
//   on the step they are on. Checks the validator runs by itself on the sandbox's events are
//   not counted: they run after every command, most of them on the way to the answer.
// - 'slow': the learner has been on the step longer than SLOW_FACTOR times the class's
//   median time for it, and at least SLOW_FLOOR_MS. The median is over the learners who
//   finished the step, once at least MIN_FINISHED have; before that, the time the lesson
//   expects for a step (its minutes over its steps), when it says. With neither, nobody is
//   slow: the first to reach a step sets the pace, they are not behind it.
//
// 'failing' wins when both hold: it says more about what to look at.
import type { StuckReason } from '../../../common/workshop-live.js';

export const FAILING_CHECKS = 3;
export const SLOW_FACTOR = 2;
export const SLOW_FLOOR_MS = 3 * 60_000;
export const MIN_FINISHED = 3;

export interface StuckInput {
  /** Time on the current step so far, or null when not known. */
  onStepMs: number | null;
  /** Failed checks on the current step (0 when on none: all done, or no session yet). */
  failedChecks: number;
  /** How long each learner who finished the current step took on it. */
  finishedMs: readonly number[];
  /** The lesson's expected time for one step, when it says how long it takes. */
  expectedMs?: number | undefined;
}

export function stuckReason(input: StuckInput): StuckReason {
  if (input.failedChecks >= FAILING_CHECKS) return 'failing';
  if (input.onStepMs === null) return null;
  const pace = input.finishedMs.length >= MIN_FINISHED ? median(input.finishedMs) : input.expectedMs;
  if (pace === undefined) return null;
  return input.onStepMs > SLOW_FACTOR * pace && input.onStepMs >= SLOW_FLOOR_MS ? 'slow' : null;
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (!sorted.length) return NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
