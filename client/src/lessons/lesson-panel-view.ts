// What the lesson panel's parts are drawn from: the lesson, where the learner is in it, what
// the panel is showing for the moment, and how the parts ask the panel to act.
import type { LocalizedLesson } from '../../../common/lesson';
import type { LessonStrings } from '../i18n/strings-type';
import type { StepStatus } from './step-navigation';

export interface PanelView {
  strings: LessonStrings;
  lesson: LocalizedLesson;
  /** Each step's state, in lesson order. */
  statuses: readonly StepStatus[];
  /** The page shown: OVERVIEW (-1) or a step index. */
  activeStep: number;
  /** Steps that just passed, celebrated for a moment. */
  celebrating: ReadonlySet<string>;
  /** Steps whose check the learner asked for and whose answer has not come yet. */
  checkRequested: ReadonlySet<string>;
  /** How many hints of each step the learner opened. */
  hintsShown: ReadonlyMap<string, number>;
  /** Shows the overview or a step (null: nowhere to go). */
  go(index: number | null): void;
  /** Asks the server to check a step now. */
  check(stepId: string): void;
  showHint(stepId: string, count: number): void;
  openCatalogue(): void;
}
