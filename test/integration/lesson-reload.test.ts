// Lessons where the author likes, seen at once, through the real server: an edit on disk is
// served by the API without a restart; a broken edit keeps the last good version, and the
// catalogue reports the error on the lesson's card.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { LessonSummary, LocalizedLesson } from '../../common/lesson.js';
import type { RunningPlayground } from '../../server/app.js';
import { api, startTestPlayground } from '../support/playground.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'authored-lessons-'));
const lessonDir = path.join(dir, 'quiet-step');
let pg: RunningPlayground;

before(async () => {
  cpSync(path.join(here, 'fixtures', 'lessons', 'quiet-step'), lessonDir, { recursive: true });
  pg = await startTestPlayground({}, { lessonsDir: dir });
});

after(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(path.join(lessonDir, file), 'utf8');
  assert.ok(text.includes(from));
  writeFileSync(path.join(lessonDir, file), text.replace(from, to));
}

/** Asks the API (bounded) until `done` holds for what it answers. */
async function poll<T>(target: string, done: (body: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { body } = await api<T>(pg.url, 'GET', target);
    if (done(body) || Date.now() > deadline) return body;
    await sleep(50);
  }
}

test('a changed lesson is served without a restart; a broken one keeps its last good version and says why', async () => {
  const first = await api<LocalizedLesson>(pg.url, 'GET', '/api/lessons/quiet-step?lang=en');
  assert.equal(first.body.title, 'A quiet step');

  edit('en.md', 'title: A quiet step', 'title: A calm step');
  const changed = await poll<LocalizedLesson>(
    '/api/lessons/quiet-step?lang=en',
    (l) => l.title === 'A calm step',
  );
  assert.equal(changed.title, 'A calm step');

  edit('lesson.yaml', 'type: file_contains', 'type: no_such_check');
  const list = await poll<LessonSummary[]>('/api/lessons', (l) => Boolean(l[0]?.problems));
  assert.match(list[0]?.problems?.join('\n') ?? '', /lesson\.yaml:\d+:/);
  const kept = await api<LocalizedLesson>(pg.url, 'GET', '/api/lessons/quiet-step?lang=id');
  assert.equal(kept.status, 200);
  assert.equal(kept.body.steps[0]!.checks[0]!.type, 'file_contains', 'the last good version is served');
  assert.deepEqual(kept.body.problems, list[0]!.problems);
});
