// Follows one session's lesson: watches the first step not yet done (its checks rerun on the
// sandbox daemon's events), moves on when it passes, answers the Check button for any step,
// and reports every change. A passed step stays passed: undoing it later (removing a
// container a later step no longer needs) must not take the learner's tick away.
import type { StepResult } from '../../common/checks.js';
import type { LessonProgress, StepProgress } from '../../common/events.js';
import type { Lesson } from '../../common/lesson.js';
import { logger } from '../log.js';
import { runChecks } from '../validation/run-checks.js';
import type { SandboxShell } from '../validation/shell.js';
import type { SubscribeEvents } from '../validation/events.js';
import { watchStep, type StepWatcher } from '../validation/watcher.js';

const log = logger('progress');

export interface LessonTrackerOptions {
  lesson: Lesson;
  shell: SandboxShell;
  subscribe: SubscribeEvents;
  /** Progress saved earlier (after a restart), if any. */
  saved?: LessonProgress | null;
  onChange(progress: LessonProgress): void;
  /** Called once per step when the learner first reaches it (it becomes the watched step). */
  onStepStarted?(stepIndex: number): void;
  now?: () => Date;
}

/** The first check that failed, as the reason shown to the learner (and its message, for the page's language). */
export function failureReason(result: StepResult): Pick<StepProgress, 'reason' | 'reasonMessage'> {
  const failed = result.results.find((r) => !r.ok);
  if (!failed) return {};
  return { reason: failed.reason, ...(failed.message ? { reasonMessage: failed.message } : {}) };
}

/** Fresh progress for a lesson, keeping what `saved` says was done (for the same lesson's steps). */
export function initialProgress(lesson: Lesson, saved?: LessonProgress | null): LessonProgress {
  const done = new Map(
    (saved?.lessonId === lesson.id ? saved.steps : [])
      .filter((s) => s.state === 'passed')
      .map((s) => [s.stepId, s]),
  );
  const ids = new Set(lesson.steps.map((s) => s.id));
  const started = saved?.lessonId === lesson.id ? (saved.startedSteps ?? []).filter((id) => ids.has(id)) : [];
  return {
    lessonId: lesson.id,
    steps: lesson.steps.map((step) => done.get(step.id) ?? { stepId: step.id, state: 'pending' }),
    ...(started.length ? { startedSteps: started } : {}),
  };
}

export class LessonTracker {
  private progress: LessonProgress;
  private watcher: StepWatcher | null = null;
  private watchedStep = -1;
  private stopped = false;
  /** Serializes watcher switches so two passes in a row cannot start two watchers. */
  private switching: Promise<void> = Promise.resolve();

  constructor(private readonly opts: LessonTrackerOptions) {
    this.progress = initialProgress(opts.lesson, opts.saved);
  }

  get current(): LessonProgress {
    return structuredClone(this.progress);
  }

  /** Starts watching the first step that is not done. */
  start(): Promise<void> {
    return this.follow();
  }

  /** The Check button: runs one step's checks now (or the watched step's when no id is given). */
  async check(stepId?: string): Promise<StepProgress> {
    const index = stepId === undefined ? this.watchedStep : this.indexOf(stepId);
    if (index < 0) throw new Error(stepId === undefined ? 'Every step is done.' : `No step "${stepId}".`);
    this.update(index, { state: 'checking' });
    const result =
      index === this.watchedStep && this.watcher
        ? await this.watcher.check()
        : await runChecks(this.opts.shell, this.opts.lesson.steps[index]!.checks);
    // An explicit check that fails says so ('failed'); a background one stays 'pending'.
    this.record(index, result, 'failed');
    await this.follow();
    return structuredClone(this.progress.steps[index]!);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.switching;
    await this.watcher?.stop();
    this.watcher = null;
  }

  private indexOf(stepId: string): number {
    return this.opts.lesson.steps.findIndex((s) => s.id === stepId);
  }

  /** Moves the watcher to the first step not yet passed (if it is not there already). */
  private follow(): Promise<void> {
    this.switching = this.switching.then(async () => {
      if (this.stopped) return;
      const next = this.progress.steps.findIndex((s) => s.state !== 'passed');
      if (next === this.watchedStep) return;
      await this.watcher?.stop();
      this.watcher = null;
      this.watchedStep = next;
      if (next < 0) return;
      const step = this.opts.lesson.steps[next]!;
      this.markStarted(next);
      this.watcher = await watchStep({
        shell: this.opts.shell,
        subscribe: this.opts.subscribe,
        checks: step.checks,
        onUpdate: ({ result }) => {
          if (this.watchedStep !== next) return;
          this.record(next, result, 'pending');
          if (result.passed) void this.follow();
        },
        onStreamProblem: (reason) => log.warn(`lesson ${this.opts.lesson.id}: ${reason}`),
      });
      if (this.stopped) await this.watcher.stop();
    });
    return this.switching.catch((err: Error) => log.warn(`lesson tracker: ${err.message}`));
  }

  /** Tells the owner the first time a step is reached; remembered in the progress. */
  private markStarted(index: number): void {
    const id = this.opts.lesson.steps[index]!.id;
    const started = this.progress.startedSteps ?? [];
    if (started.includes(id)) return;
    this.progress.startedSteps = [...started, id];
    this.opts.onChange(this.current);
    try {
      this.opts.onStepStarted?.(index);
    } catch (err) {
      log.warn(`step start of ${id}: ${(err as Error).message}`);
    }
  }

  private record(index: number, result: StepResult, failedState: 'pending' | 'failed'): void {
    const before = this.progress.steps[index]!;
    if (result.passed) {
      if (before.state === 'passed') return;
      const now = (this.opts.now ?? (() => new Date()))();
      this.update(index, { state: 'passed', completedAt: now.toISOString() });
      return;
    }
    if (before.state === 'passed') return; // done stays done
    this.update(index, { state: failedState, ...failureReason(result) });
  }

  private update(index: number, next: Omit<StepProgress, 'stepId'>): void {
    const before = this.progress.steps[index]!;
    if (before.state === 'passed' && next.state !== 'passed') return;
    const after: StepProgress = { stepId: before.stepId, ...next };
    if (JSON.stringify(after) === JSON.stringify(before)) return;
    this.progress.steps[index] = after;
    this.opts.onChange(this.current);
  }
}
