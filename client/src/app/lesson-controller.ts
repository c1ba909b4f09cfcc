// What the page knows about lessons: the catalogue with this browser's counts, and the lesson
// on screen in the page's language with its progress, which the Check button asks about.
import type { ReactiveControllerHost } from 'lit';
import type { LessonProgress } from '../../../common/events';
import type { Language, LessonSummary, LocalizedLesson } from '../../../common/lesson';
import { pageLanguage } from '../i18n/language';
import { ProgressStore, type ProgressByLesson } from '../lessons/progress-store';
import type { SessionApi } from '../sessions/session-client';
import { browserStorage } from '../sessions/token-store';
import { checkingStep, progressIsFor, withStep } from './step-progress';

export type LoadState = 'loading' | 'ready' | 'error';

export interface LessonControllerOptions {
  api: SessionApi;
  /** The lesson the page's address names (undefined: not a lesson page). */
  routeLessonId(): string | undefined;
  /** The live session's id and key, or null. */
  session(): { id: string; token: string } | null;
  /** Says a problem to the learner (a check that could not run). */
  warn(message: string): void;
}

type LessonFields = Pick<
  LessonController,
  'catalogue' | 'catalogueState' | 'progressByLesson' | 'lesson' | 'lessonState' | 'lessonError' | 'progress'
>;

export class LessonController {
  catalogue: LessonSummary[] = [];
  catalogueState: LoadState = 'loading';
  /** Steps done per lesson in this browser, for the catalogue's cards. */
  progressByLesson: ProgressByLesson;
  lesson: LocalizedLesson | undefined;
  lessonState: LoadState = 'loading';
  lessonError = '';
  progress: LessonProgress | undefined;

  private readonly progressStore = new ProgressStore(browserStorage());

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: LessonControllerOptions,
  ) {
    this.progressByLesson = this.progressStore.all();
  }

  async loadCatalogue(): Promise<void> {
    this.set({ catalogueState: 'loading' });
    try {
      this.set({ catalogue: await this.opts.api.lessons(), catalogueState: 'ready' });
    } catch {
      this.set({ catalogueState: 'error' });
    }
  }

  /** Fetches a lesson in the page's language; an answer for a page left meanwhile is dropped. */
  async loadLesson(lessonId: string): Promise<void> {
    this.set({ lessonState: 'loading' });
    try {
      const lesson = await this.opts.api.lesson(lessonId, pageLanguage.current);
      if (this.opts.routeLessonId() !== lessonId) return;
      this.set({ lesson, lessonState: 'ready' });
    } catch (err) {
      if (this.opts.routeLessonId() !== lessonId) return;
      this.set({ lessonError: err instanceof Error ? err.message : '', lessonState: 'error' });
    }
  }

  /** Loads the route's lesson again (its Retry button). */
  reloadLesson(): void {
    void this.loadLesson(this.opts.routeLessonId() ?? '');
  }

  /** A page without a lesson: forgets the one shown. */
  closeLesson(): void {
    this.set({ lesson: undefined, progress: undefined });
  }

  /** Reads the catalogue's counts again (the catalogue is being shown). */
  refreshCounts(): void {
    this.set({ progressByLesson: this.progressStore.all() });
  }

  /** Switches the whole page's language and fetches the lesson shown in it. */
  setLanguage(language: Language): void {
    pageLanguage.set(language);
    const lessonId = this.opts.routeLessonId();
    if (lessonId) void this.loadLesson(lessonId);
  }

  /** Progress from the session's events socket: shown if it is this page's lesson, and counted. */
  acceptProgress(progress: LessonProgress): void {
    if (!progressIsFor(progress, this.lesson?.id, this.opts.routeLessonId())) return;
    this.set({ progress, progressByLesson: this.progressStore.record(progress) });
  }

  /** The Check button: the step shows 'checking' until the server answers why it is or is not done. */
  async checkStep(stepId: string): Promise<void> {
    const session = this.opts.session();
    if (!session || !this.progress) return;
    this.set({ progress: checkingStep(this.progress, stepId) });
    try {
      const result = await this.opts.api.check(session.id, session.token, stepId);
      if (this.opts.session() !== session || !this.progress) return;
      this.set({ progress: withStep(this.progress, stepId, result) });
    } catch (err) {
      this.opts.warn(err instanceof Error ? err.message : String(err));
    }
  }

  private set(changes: Partial<LessonFields>): void {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }
}
