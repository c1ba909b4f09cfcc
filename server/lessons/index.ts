export { LessonCatalogue, summarize } from './catalogue.js';
export { LESSONS_DIR, loadLessonFolder, loadLessons, type LoadResult, type Problem } from './loader.js';
export { formatProblem, lint } from './lint.js';
