// Keeps each session's lesson progress on disk, so a reload or a server restart keeps the
// steps a learner has completed. One small JSON file per session; removed with the session.
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { LessonProgress } from '../../common/events.js';

export class ProgressStore {
  /** Per session, the last write or removal queued: they run one at a time, in order. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly dir: string) {}

  private file(sessionId: string): string {
    // Session ids are hex (checked by the routes); refuse anything else rather than touch a path.
    if (!/^[a-f0-9]+$/.test(sessionId)) throw new Error(`bad session id "${sessionId}"`);
    return path.join(this.dir, `${sessionId}.json`);
  }

  async load(sessionId: string): Promise<LessonProgress | null> {
    try {
      const value = JSON.parse(await readFile(this.file(sessionId), 'utf8')) as LessonProgress;
      return typeof value?.lessonId === 'string' && Array.isArray(value.steps) ? value : null;
    } catch {
      return null; // none yet, or unreadable: start from nothing rather than fail the lesson
    }
  }

  /**
   * Writes atomically (temp file + rename), so a crash never leaves half a file. Saves of
   * one session are queued: two at once would share the temp file and could rename half of it.
   */
  async save(sessionId: string, progress: LessonProgress): Promise<void> {
    const target = this.file(sessionId);
    return this.queue(sessionId, async () => {
      await mkdir(this.dir, { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(progress));
      await rename(temp, target);
    });
  }

  /** Removes the session's file, after any save queued before. */
  async remove(sessionId: string): Promise<void> {
    const target = this.file(sessionId);
    return this.queue(sessionId, () => rm(target, { force: true }));
  }

  private queue(sessionId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(task);
    this.queues.set(sessionId, run);
    const forget = () => {
      if (this.queues.get(sessionId) === run) this.queues.delete(sessionId);
    };
    run.then(forget, forget);
    return run;
  }
}
