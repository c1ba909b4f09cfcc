// Ties lessons to sessions: when the first host of a lesson's session is ready, a tracker
// starts watching its steps; progress is saved and pushed to the page on every change.
// Besides the daemon's events, a tracker re-checks when a command finishes in one of the
// session's shells (nudge) and, while a page watches the session, every recheckIntervalMs.
import type { LessonProgress, StepProgress } from '../../common/events.js';
import type { Lesson } from '../../common/lesson.js';
import { copyAssets } from '../lessons/assets.js';
import { startStep } from '../lessons/step-start.js';
import { logger } from '../log.js';
import type { LessonCatalogue } from '../lessons/catalogue.js';
import { message } from '../../common/messages.js';
import { LearnerRefusal } from '../errors.js';
import type { SandboxManager } from '../sandboxes/manager.js';
import type { SessionEventHub } from '../sessions/event-hub.js';
import type { SessionObserver, SessionService } from '../sessions/service.js';
import { sandboxEvents } from '../validation/events.js';
import { DockerSandboxShell } from '../validation/shell.js';
import { initialProgress, LessonTracker } from './lesson-tracker.js';
import type { ProgressStore } from './progress-store.js';

const log = logger('progress');

export interface LessonSessionsDeps {
  sessions: SessionService;
  sandboxes: SandboxManager;
  catalogue: LessonCatalogue;
  events: SessionEventHub;
  store: ProgressStore;
  /** How often the steps of a session a page watches are re-checked (0: never). */
  recheckIntervalMs?: number;
}

export class LessonSessions implements SessionObserver {
  private readonly trackers = new Map<string, Promise<LessonTracker | null>>();
  /** The host each session's tracker reads its checks from. */
  private readonly trackedHosts = new Map<string, string>();

  /** Trackers that have started, for nudges (which must cost next to nothing). */
  private readonly started = new Map<string, LessonTracker>();
  private readonly recheckTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: LessonSessionsDeps) {
    const interval = deps.recheckIntervalMs ?? 0;
    if (interval > 0) {
      this.recheckTimer = setInterval(() => this.recheckWatched(), interval);
      this.recheckTimer.unref();
    }
  }

  /**
   * A command finished in one of the session's shells (its prompt hook ran): re-check soon.
   * Anyone in the sandbox can send this, as often as they like: it only ever asks, and the
   * tracker's watcher runs at most once per debounce window however many asks come.
   */
  nudge(sessionId: string): void {
    this.started.get(sessionId)?.nudge();
  }

  /** The slow fallback: sessions a page has open are re-checked now and then. */
  private recheckWatched(): void {
    for (const [sessionId, tracker] of this.started) {
      if (this.deps.events.watched(sessionId)) tracker.nudge();
    }
  }

  /** Sessions with a tracker (running or starting). */
  get size(): number {
    return this.trackers.size;
  }

  hostReady(sessionId: string, host: string): void {
    const { sessions } = this.deps;
    const lessonId = sessions.lessonOf(sessionId);
    // Checks are answered by the lesson's first host.
    if (!lessonId || host !== sessions.primaryHost(sessionId) || this.trackers.has(sessionId)) return;
    const tracker = this.startTracker(sessionId, lessonId, host).catch((err: Error) => {
      log.warn(`session ${sessionId}: not tracking progress: ${err.message}`);
      return null;
    });
    this.trackers.set(sessionId, tracker);
    this.trackedHosts.set(sessionId, host);
  }

  /** The tracked host's sandbox is gone: its tracker stops; the saved progress stays for the next one. */
  hostRemoved(sessionId: string, host: string): void {
    if (this.trackedHosts.get(sessionId) !== host) return;
    const tracker = this.trackers.get(sessionId);
    this.trackers.delete(sessionId);
    this.trackedHosts.delete(sessionId);
    this.started.delete(sessionId);
    void tracker
      ?.then((t) => t?.stop())
      .catch((err: Error) => log.warn(`session ${sessionId}: stopping the tracker: ${err.message}`));
  }

  /** The session moved to another lesson (a workshop's next, same sandbox): its tracker takes over. */
  lessonChanged(sessionId: string): void {
    const host = this.trackedHosts.get(sessionId) ?? this.deps.sessions.primaryHost(sessionId);
    this.hostRemoved(sessionId, host);
    this.hostReady(sessionId, host);
  }

  sessionEnded(sessionId: string): void {
    const tracker = this.trackers.get(sessionId);
    this.trackers.delete(sessionId);
    this.trackedHosts.delete(sessionId);
    this.started.delete(sessionId);
    // The file goes once the tracker has stopped (it may still be starting), so no late save
    // brings it back; saves after the end are skipped anyway (see live()).
    void (async () => {
      await (await tracker)?.stop();
      await this.deps.store.remove(sessionId);
    })().catch((err: Error) => log.warn(`session ${sessionId}: removing progress: ${err.message}`));
  }

  /** Whether the session is still tracked: nothing is published or saved for it after its end. */
  private live(sessionId: string): boolean {
    return this.trackers.has(sessionId);
  }

  /** The session's progress now (after the page checked the token). */
  async progress(sessionId: string): Promise<LessonProgress | null> {
    const tracker = await this.trackers.get(sessionId);
    if (tracker) return tracker.current;
    // Not tracked yet (checks wait for the first prompt, or the server just restarted): what
    // was saved is the answer, so a page never sees its finished steps vanish.
    const lessonId = this.deps.sessions.lessonOf(sessionId);
    const lesson = lessonId ? this.deps.catalogue.get(lessonId) : undefined;
    if (!lesson) return null;
    return initialProgress(lesson, await this.deps.store.load(sessionId, lesson.id));
  }

  /** The Check button (after the page checked the token). */
  async check(sessionId: string, stepId?: string): Promise<StepProgress> {
    const tracker = await this.trackerNow(sessionId);
    if (!tracker) {
      throw new LearnerRefusal(
        message(this.deps.sessions.lessonOf(sessionId) ? 'lesson-starting' : 'lesson-none', {}),
        409,
      );
    }
    try {
      return await tracker.check(stepId);
    } catch {
      throw new LearnerRefusal(
        stepId === undefined ? message('steps-all-done', {}) : message('step-unknown', { step: stepId }),
        404,
      );
    }
  }

  /**
   * The session's tracker; one still held back (its checks wait for the first prompt and for
   * the class's shells) starts now: the learner asked, and a Check must answer.
   */
  private async trackerNow(sessionId: string): Promise<LessonTracker | null | undefined> {
    const host = this.deps.sessions.primaryHost(sessionId);
    if (!this.trackers.has(sessionId) && this.deps.sessions.hostIsReady(sessionId, host)) {
      this.hostReady(sessionId, host);
    }
    return this.trackers.get(sessionId);
  }

  async stopAll(): Promise<void> {
    clearInterval(this.recheckTimer);
    const all = [...this.trackers.values()];
    this.trackers.clear();
    this.trackedHosts.clear();
    this.started.clear();
    await Promise.all(all.map((t) => t.then((tracker) => tracker?.stop())));
  }

  /** Runs a step's start scripts: background in the sandbox, foreground typed by the page. */
  private startStep(
    sessionId: string,
    lesson: Lesson,
    index: number,
    shell: DockerSandboxShell,
    tracker: LessonTracker,
    notice: (message: string) => void,
  ): void {
    const step = lesson.steps[index]!;
    if (!step.onStart) return;
    const { foreground, background } = startStep(shell, step, (outcome) => notice(outcome.message));
    if (foreground && this.live(sessionId))
      this.deps.events.publish(sessionId, { type: 'exec', stepId: step.id, command: foreground });
    // The setup script may be what a check looks at: check again once it is done.
    void background?.then(() => tracker.check(step.id).catch(() => undefined));
  }

  private async startTracker(
    sessionId: string,
    lessonId: string,
    host: string,
  ): Promise<LessonTracker | null> {
    const { catalogue, sandboxes, store, events } = this.deps;
    const lesson = catalogue.get(lessonId);
    const container = await sandboxes.container(sessionId, host);
    if (!lesson || !container) {
      log.warn(
        `session ${sessionId}: ${lesson ? 'no sandbox' : `unknown lesson "${lessonId}"`}; not tracking progress`,
      );
      return null;
    }
    const saved = await store.load(sessionId, lessonId);
    const shell = new DockerSandboxShell(container);
    const notice = (message: string) => {
      if (this.live(sessionId)) events.publish(sessionId, { type: 'notice', level: 'warning', message });
    };
    // Assets once per session, before the first step's scripts may need them.
    if (lesson.assets?.length && !saved?.startedSteps?.length) {
      const dir = catalogue.folderOf(lesson.id)!;
      await copyAssets(container, lesson, dir).catch((err: Error) => notice(err.message));
    }
    const tracker: LessonTracker = new LessonTracker({
      lesson,
      shell,
      subscribe: sandboxEvents(container),
      saved,
      onChange: (progress) => {
        if (!this.live(sessionId)) return;
        events.publish(sessionId, { type: 'progress', progress });
        store.save(sessionId, progress).catch((err: Error) => log.warn(`saving progress: ${err.message}`));
      },
      onStepStarted: (index) => this.startStep(sessionId, lesson, index, shell, tracker, notice),
    });
    if (this.live(sessionId)) events.publish(sessionId, { type: 'progress', progress: tracker.current });
    await tracker.start();
    if (this.live(sessionId)) this.started.set(sessionId, tracker);
    return tracker;
  }
}
