// The lessons a running server offers: loaded once at start, listed without their text, and
// handed out whole or in one language.
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
import type { Problem } from './problems.js';

/** A lesson's catalogue entry. */
export function summarize(lesson: Lesson): LessonSummary {
  return {
    id: lesson.id,
    order: lesson.order,
    ...(lesson.minutes === undefined ? {} : { minutes: lesson.minutes }),
    title: lesson.title,
    summary: lesson.summary,
    stepCount: lesson.steps.length,
    languages: lesson.languages ?? LANGUAGES.filter((l) => l in lesson.title),
  };
}

export class LessonCatalogue {
  private readonly byId: Map<string, Lesson>;

  /**
   * @param lessons in catalogue order
   * @param problems what loading found; lessons with errors are not in `lessons`
   */
  constructor(
    readonly lessons: readonly Lesson[],
    readonly problems: readonly Problem[] = [],
  ) {
    this.byId = new Map(lessons.map((l) => [l.id, l]));
  }

  /** Loads `dir` (default: the playground's lessons/); lessons with errors are left out. */
  static async load(dir: string = LESSONS_DIR, options: LoadOptions = {}): Promise<LessonCatalogue> {
    const { lessons, problems } = await loadLessons(dir, options);
    return new LessonCatalogue(lessons, problems);
  }

  list(): LessonSummary[] {
    return this.lessons.map(summarize);
  }

  get(id: string): Lesson | undefined {
    return this.byId.get(id);
  }

  localized(id: string, language: Language): LocalizedLesson | undefined {
    const lesson = this.byId.get(id);
    return lesson && localizeLesson(lesson, language);
  }
}
