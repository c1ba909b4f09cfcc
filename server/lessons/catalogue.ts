// The lessons a running server offers, from one or more folders: listed without their text,
// handed out whole or in one language, and loaded again when an author changes them. A lesson
// that an edit broke keeps its last good version, with the errors shown on its card.
import path from 'node:path';
import {
  LANGUAGES,
  localizeLesson,
  type Language,
  type Lesson,
  type LessonSummary,
  type LocalizedLesson,
} from '../../common/lesson.js';
import type { LoadOptions } from './folder-result.js';
import { loadLessons, LESSONS_DIR } from './loader.js';
import { error, sortProblems, type Problem } from './problems.js';

/** A lesson's catalogue entry. */
export function summarize(lesson: Lesson, problems?: readonly string[]): LessonSummary {
  return {
    id: lesson.id,
    order: lesson.order,
    ...(lesson.minutes === undefined ? {} : { minutes: lesson.minutes }),
    title: lesson.title,
    summary: lesson.summary,
    stepCount: lesson.steps.length,
    languages: lesson.languages ?? LANGUAGES.filter((l) => l in lesson.title),
    ...(problems?.length ? { problems: [...problems] } : {}),
  };
}

/** One load of every folder: the lessons without errors, each one's folder, and the problems. */
interface Loaded {
  lessons: Lesson[];
  folders: Map<string, string>;
  problems: Problem[];
}

/** Loads each folder of lessons; a lesson id met again in a later folder is an error there. */
async function loadFolders(dirs: readonly string[], options: LoadOptions): Promise<Loaded> {
  const loaded: Loaded = { lessons: [], folders: new Map(), problems: [] };
  for (const dir of dirs) {
    const { lessons, problems } = await loadLessons(dir, options);
    loaded.problems.push(...problems);
    for (const lesson of lessons) {
      const folder = path.join(dir, lesson.id);
      const first = loaded.folders.get(lesson.id);
      if (first) {
        loaded.problems.push(error(folder, 1, `lesson id "${lesson.id}" is also the id of ${first}`));
        continue;
      }
      loaded.lessons.push(lesson);
      loaded.folders.set(lesson.id, folder);
    }
  }
  loaded.lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  loaded.problems = sortProblems(loaded.problems);
  return loaded;
}

const inFolder = (problem: Problem, folder: string) =>
  problem.file === folder || problem.file.startsWith(folder + path.sep);

export class LessonCatalogue {
  private byId: Map<string, Lesson>;
  private folders: Map<string, string>;
  private current: readonly Lesson[];
  private found: readonly Problem[];
  /** Lessons kept at their last good version, with the errors of the version on disk. */
  private stale = new Map<string, string[]>();

  /**
   * @param lessons in catalogue order
   * @param problems what loading found; lessons with errors are not in `lessons`
   * @param dirs the folders of lessons, for reloads and each lesson's folder
   */
  constructor(
    lessons: readonly Lesson[],
    problems: readonly Problem[] = [],
    private readonly dirs: readonly string[] = [LESSONS_DIR],
    private readonly options: LoadOptions = {},
  ) {
    this.current = lessons;
    this.found = problems;
    this.byId = new Map(lessons.map((l) => [l.id, l]));
    this.folders = new Map(lessons.map((l) => [l.id, path.join(dirs[0] ?? LESSONS_DIR, l.id)]));
  }

  /** Loads `dirs` (default: the playground's lessons/); lessons with errors are left out. */
  static async load(
    dirs: string | readonly string[] = LESSONS_DIR,
    options: LoadOptions = {},
  ): Promise<LessonCatalogue> {
    const list = typeof dirs === 'string' ? [dirs] : dirs;
    const catalogue = new LessonCatalogue([], [], list, options);
    await catalogue.reload();
    return catalogue;
  }

  get lessons(): readonly Lesson[] {
    return this.current;
  }

  /** What the latest load found, the errors of lessons kept at an older version included. */
  get problems(): readonly Problem[] {
    return this.found;
  }

  /**
   * Loads every folder again. A lesson that loaded before and now has errors keeps its last
   * good version (and its card says what is wrong); a lesson whose folder is gone goes.
   * Resolves with the errors found.
   */
  async reload(): Promise<Problem[]> {
    const loaded = await loadFolders(this.dirs, this.options);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    const stale = new Map<string, string[]>();
    for (const previous of this.current) {
      const folder = this.folders.get(previous.id)!;
      if (loaded.folders.has(previous.id)) continue;
      const broken = errors.filter((p) => inFolder(p, folder));
      if (!broken.length) continue; // removed, not broken
      loaded.lessons.push(previous);
      loaded.folders.set(previous.id, folder);
      stale.set(
        previous.id,
        broken.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`),
      );
    }
    loaded.lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    this.current = loaded.lessons;
    this.byId = new Map(loaded.lessons.map((l) => [l.id, l]));
    this.folders = loaded.folders;
    this.found = loaded.problems;
    this.stale = stale;
    return errors;
  }

  list(): LessonSummary[] {
    return this.current.map((l) => summarize(l, this.stale.get(l.id)));
  }

  get(id: string): Lesson | undefined {
    return this.byId.get(id);
  }

  /** The folder a lesson was loaded from (its assets are there). */
  folderOf(id: string): string | undefined {
    return this.folders.get(id);
  }

  localized(id: string, language: Language): LocalizedLesson | undefined {
    const lesson = this.byId.get(id);
    if (!lesson) return undefined;
    const problems = this.stale.get(id);
    return { ...localizeLesson(lesson, language), ...(problems ? { problems } : {}) };
  }
}
