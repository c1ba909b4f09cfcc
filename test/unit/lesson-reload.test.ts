// The catalogue reloads lessons an author changes, from one or more folders: a changed text is
// served at once, a broken lesson keeps its last good version with its errors on its card, and
// the watcher turns a burst of file changes into a reload (real files, real fs.watch).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config.js';
import { LessonCatalogue } from '../../server/lessons/catalogue.js';
import { watchCatalogue, type CatalogueWatch } from '../../server/lessons/catalogue-watch.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'integration', 'fixtures', 'lessons', 'quiet-step');
const dirs: string[] = [];
let watch: CatalogueWatch | undefined;

afterEach(async () => {
  await watch?.close();
  watch = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder of lessons holding a copy of the fixture lesson. */
function lessonsFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lessons-'));
  dirs.push(dir);
  cpSync(fixture, path.join(dir, 'quiet-step'), { recursive: true });
  return dir;
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(file, text.replace(from, to));
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

test('a changed text is served after a reload; a broken lesson keeps its last good version and says why', async () => {
  const dir = lessonsFolder();
  const catalogue = await LessonCatalogue.load([dir]);
  assert.equal(catalogue.localized('quiet-step', 'en')?.title, 'A quiet step');

  edit(path.join(dir, 'quiet-step', 'en.md'), 'title: A quiet step', 'title: A calm step');
  assert.deepEqual(await catalogue.reload(), []);
  assert.equal(catalogue.localized('quiet-step', 'en')?.title, 'A calm step');
  assert.equal(catalogue.list()[0]!.problems, undefined);

  edit(path.join(dir, 'quiet-step', 'lesson.yaml'), 'type: file_contains', 'type: no_such_check');
  const errors = await catalogue.reload();
  assert.ok(errors.length > 0);
  assert.equal(catalogue.localized('quiet-step', 'en')?.title, 'A calm step', 'the last good version stays');
  const [card] = catalogue.list();
  assert.match(card!.problems?.join('\n') ?? '', /lesson\.yaml:\d+: .*no_such_check|lesson\.yaml:\d+/);
  assert.deepEqual(catalogue.localized('quiet-step', 'id')?.problems, card!.problems);

  // Fixed again: served, no problems; removed: gone.
  edit(path.join(dir, 'quiet-step', 'lesson.yaml'), 'type: no_such_check', 'type: file_contains');
  await catalogue.reload();
  assert.equal(catalogue.list()[0]!.problems, undefined);
  rmSync(path.join(dir, 'quiet-step'), { recursive: true });
  await catalogue.reload();
  assert.deepEqual(catalogue.list(), []);
});

test('lessons come from several folders; an id met twice is an error in the later folder', async () => {
  const first = lessonsFolder();
  const second = lessonsFolder();
  const catalogue = await LessonCatalogue.load([first, second]);
  assert.equal(catalogue.list().length, 1);
  assert.equal(catalogue.folderOf('quiet-step'), path.join(first, 'quiet-step'));
  assert.match(catalogue.problems.map((p) => `${p.file}: ${p.message}`).join('\n'), /is also the id of/);
});

test('the watcher reloads after an edit on disk, with no call', async () => {
  const dir = lessonsFolder();
  const catalogue = await LessonCatalogue.load([dir]);
  watch = watchCatalogue(catalogue, [dir], 20);
  edit(path.join(dir, 'quiet-step', 'id.md'), 'title: Langkah yang sunyi', 'title: Langkah yang tenang');
  await until(() => catalogue.localized('quiet-step', 'id')?.title === 'Langkah yang tenang');
});

test('PLAYGROUND_LESSONS_DIR names one or more folders, separated like PATH; lessons/ by default', () => {
  assert.deepEqual(loadConfig({ PLAYGROUND_LESSONS_DIR: `/srv/a${path.delimiter}relative/b` }).lessonsDirs, [
    '/srv/a',
    path.resolve('relative/b'),
  ]);
  const [only, ...rest] = loadConfig({}).lessonsDirs;
  assert.equal(path.basename(only!), 'lessons');
  assert.deepEqual(rest, []);
});
