// Moves lesson progress kept as one JSON file per session (<state dir>/progress/<id>.json,
// the playground's format before the database) into the database, once, at start: learners
// keep their completed steps across the upgrade. The files go once their rows are committed.
import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { LessonProgress } from '../../common/events.js';
import type { Config } from '../config.js';
import { logger } from '../log.js';
import { DEFAULT_INSTANCE } from '../sandboxes/labels.js';
import { parseProgress, type ProgressStore } from './progress-store.js';

const log = logger('progress');

/** `<session id>.json`, and the temp file a write killed before its rename left behind. */
const PROGRESS_FILE = /^([a-f0-9]+)\.json(\.\d+\.tmp)?$/;

interface Found {
  file: string;
  sessionId: string;
  progress: LessonProgress | null;
}

/** Imports every readable progress file in `dir` and deletes it; returns how many were imported. */
export async function importProgressFiles(dir: string, store: ProgressStore): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: Found[] = [];
  for (const name of names) {
    const [, sessionId, temp] = PROGRESS_FILE.exec(name) ?? [];
    const file = path.join(dir, name);
    if (!sessionId) {
      log.warn(`not importing ${file}: not a progress file; left in place`);
      continue;
    }
    // A temp file was never renamed into place: its write did not finish.
    const progress = temp ? null : parseProgress(await readFile(file, 'utf8').catch(() => ''));
    found.push({ file, sessionId, progress });
  }
  const readable = found.flatMap(({ sessionId, progress }) => (progress ? [{ sessionId, progress }] : []));
  // The rows first: a crash before the files go imports them again, and a session's newer
  // progress in the database wins over its file. Unreadable files were worth nothing before.
  store.saveAllIfAbsent(readable);
  await Promise.all(found.map(({ file }) => rm(file, { force: true })));
  await rmdir(dir).catch(() => undefined); // only if empty
  if (readable.length) log.info(`imported the lesson progress of ${readable.length} session(s) from ${dir}`);
  return readable.length;
}

/**
 * The older playground's files (`<state dir>/progress`), imported by the default instance
 * alone: that playground was it, and a test run or a second server must leave them be.
 */
export async function importOlderProgress(
  config: Pick<Config, 'instance' | 'stateDir'>,
  store: ProgressStore,
): Promise<number> {
  if (config.instance !== DEFAULT_INSTANCE) return 0;
  return importProgressFiles(path.join(config.stateDir, 'progress'), store);
}
