// Keeps each session's lesson progress on disk, so a reload or a server restart keeps the
// steps a learner has completed. One small JSON file per session; removed with the session.
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { LessonProgress } from '../../common/events.js';

export class ProgressStore {
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

  /** Writes atomically (temp file + rename), so a crash never leaves half a file. */
  async save(sessionId: string, progress: LessonProgress): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.file(sessionId);
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(progress));
    await rename(temp, target);
  }

  async remove(sessionId: string): Promise<void> {
    await rm(this.file(sessionId), { force: true });
  }
}
