// Follows one session's lesson: watches every step not yet done (their checks rerun together
// on the sandbox daemon's events and on nudges), so a step done ahead of its turn ticks too;
// the first step not done is the learner's current one. Answers the Check button for any
// step and reports every change. A passed step stays passed: undoing it later (removing a
// container a later step no longer needs) must not take the learner's tick away.
import type { StepResult } from '../../common/checks.js';
import type { LessonProgress, StepProgress } from '../../common/events.js';
import type { Lesson, Step } from '../../common/lesson.js';
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

/**
 * Whether a step is checked before its turn. A step with start scripts is not (what it
 * checks is set up when it starts), nor one with a manual check (it would pass at once).
 */
export function checkedAhead(step: Step): boolean {
  return !step.onStart && !step.checks.some((c) => c.type === 'manual');
}

export class LessonTracker {
  private progress: LessonProgress;
  private watcher: StepWatcher | null = null;
  /** The first step not passed (-1 before the start and once every step is done). */
  private currentStep = -1;
  /** Each watched step's answer in the latest run. */
  private latest = new Map<number, StepResult>();
  private stopped = false;
  /** Serializes moves so two passes in a row cannot start two watchers. */
  private switching: Promise<void> = Promise.resolve();

  constructor(private readonly opts: LessonTrackerOptions) {
    this.progress = initialProgress(opts.lesson, opts.saved);
  }

  get current(): LessonProgress {
    return structuredClone(this.progress);
  }

  /** Starts watching the steps that are not done. */
  start(): Promise<void> {
    return this.follow();
  }

  /** Something may have changed without a daemon event: re-check soon (rate-limited by the watcher). */
  nudge(): void {
    this.watcher?.nudge();
  }

  /** The Check button: runs one step's checks now (or the current step's when no id is given). */
  async check(stepId?: string): Promise<StepProgress> {
    const index = stepId === undefined ? this.currentStep : this.indexOf(stepId);
    if (index < 0) throw new Error(stepId === undefined ? 'Every step is done.' : `No step "${stepId}".`);
    this.update(index, { state: 'checking' });
    let result: StepResult | undefined;
    if (this.watcher && this.watched().includes(index)) {
      await this.watcher.check();
      result = this.latest.get(index);
    }
    result ??= await runChecks(this.opts.shell, this.opts.lesson.steps[index]!.checks);
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

  /** The steps a run checks: the current one, and those after it checked ahead. */
  private watched(): number[] {
    const { steps } = this.opts.lesson;
    const current = this.currentStep;
    if (current < 0) return [];
    return steps
      .map((step, i) => ({ step, i }))
      .filter(({ step, i }) => i === current || (i > current && checkedAhead(step)))
      .filter(({ i }) => this.progress.steps[i]!.state !== 'passed')
      .map(({ i }) => i);
  }

  /**
   * One run for every watched step. The current step goes first and is recorded at once, so
   * the step the learner is on turns green as fast as when it was checked alone; the steps
   * ahead follow, their checks together (identical queries asked once).
   */
  private readonly evaluate = async (shell: SandboxShell): Promise<StepResult> => {
    const [current, ...ahead] = this.watched();
    const { steps } = this.opts.lesson;
    this.latest = new Map();
    if (current === undefined) return { passed: true, results: [] };
    const first = await runChecks(shell, steps[current]!.checks);
    this.latest.set(current, first);
    this.record(current, first, 'pending');
    if (first.passed) void this.follow();
    if (!ahead.length) return first;
    const rest = await runChecks(
      shell,
      ahead.flatMap((i) => steps[i]!.checks),
    );
    let at = 0;
    for (const i of ahead) {
      const results = rest.results.slice(at, (at += steps[i]!.checks.length));
      this.latest.set(i, { passed: results.every((r) => r.ok), results });
    }
    return { passed: first.passed && rest.passed, results: [...first.results, ...rest.results] };
  };

  /** Records a run's answers, then moves on if the current step passed. */
  private onRun(): void {
    for (const [index, result] of this.latest) this.record(index, result, 'pending');
    if (this.progress.steps[this.currentStep]?.state === 'passed') void this.follow();
  }

  /** Moves to the first step not yet passed, watching from there (and stops once all are done). */
  private follow(): Promise<void> {
    this.switching = this.switching.then(async () => {
      if (this.stopped) return;
      const next = this.progress.steps.findIndex((s) => s.state !== 'passed');
      if (next === this.currentStep && (next < 0 || this.watcher)) return;
      this.currentStep = next;
      if (next < 0) {
        await this.watcher?.stop();
        this.watcher = null;
        return;
      }
      this.markStarted(next);
      if (this.watcher) {
        this.watcher.nudge(); // the new current step's start scripts may have set something up
        return;
      }
      this.watcher = await watchStep({
        shell: this.opts.shell,
        subscribe: this.opts.subscribe,
        checks: [],
        evaluate: this.evaluate,
        onUpdate: () => this.onRun(),
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
