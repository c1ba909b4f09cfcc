// What loading one folder of the lessons directory gives, whether it holds a native lesson
// (lesson.yaml) or a Katacoda/Killercoda scenario (index.json): the lesson when it has no
// error, and what the checks across lessons need even when it has.
import type { Lesson } from '../../common/lesson.js';
import type { Problem } from './problems.js';

export interface LoadOptions {
  /** Images a lesson may pull, canonical ("library/redis:latest"); default: the playground's. */
  images?: ReadonlySet<string>;
}

export interface FolderResult {
  folder: string;
  /** Present when the folder has no errors. */
  lesson?: Lesson;
  problems: Problem[];
  /** What the cross-lesson checks need, even from a lesson with errors. */
  id?: string;
  order?: number;
  orderLine: number;
}

/** Order given to an imported scenario when none is named: after the native lessons. */
export const DEFAULT_ORDER = 1000;
