// Reloads the catalogue when an author changes a lesson: every folder of lessons is watched
// (recursively), a burst of changes (an editor's save) is one reload after DEBOUNCE_MS, and
// reloads never overlap. Errors are logged with file and line; the catalogue keeps the last
// good version of a broken lesson and says so on its card.
import fs from 'node:fs';
import { logger } from '../log.js';
import type { LessonCatalogue } from './catalogue.js';
import { formatProblem } from './lint.js';

const log = logger('lessons');

export const DEBOUNCE_MS = 200;

export interface CatalogueWatch {
  /** Resolves once any reload in progress is done. */
  close(): Promise<void>;
}

export function watchCatalogue(
  catalogue: LessonCatalogue,
  dirs: readonly string[],
  debounceMs = DEBOUNCE_MS,
): CatalogueWatch {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  const reload = async () => {
    const errors = await catalogue.reload();
    for (const p of errors) log.warn(`lesson not reloaded: ${formatProblem(p)}`);
    log.info(`lessons reloaded: ${catalogue.lessons.length} served, ${errors.length} errors`);
  };
  const run = () => {
    timer = undefined;
    if (closed) return;
    // Chained: a change during a reload is read by the next one, never by two at once.
    running = running.then(reload).catch((err: Error) => log.warn(`reloading lessons: ${err.message}`));
  };
  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };
  const watchers = dirs.flatMap((dir) => {
    try {
      const watcher = fs.watch(dir, { recursive: true }, () => schedule());
      watcher.on('error', (err) => log.warn(`watching ${dir}: ${err.message}`));
      watcher.unref(); // a watch alone keeps no process alive
      return [watcher];
    } catch (err) {
      log.warn(`not watching ${dir} for lesson changes: ${(err as Error).message}`);
      return [];
    }
  });
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      await running;
    },
  };
}
