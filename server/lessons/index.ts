export { LessonCatalogue, summarize } from './catalogue.js';
export { LESSONS_DIR, loadLessonFolder, loadLessons, type LoadResult } from './loader.js';
export type { Problem } from './problems.js';
export { formatProblem, lint } from './lint.js';
