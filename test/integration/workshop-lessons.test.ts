// A workshop of two lessons on the real engine: a learner joins, finishes the first lesson's
// step in a real shell, moves on to the second in the same sandbox, and finishes it too; the
// trainer's class socket has a column for each lesson's step and sees both turn done; the
// results cover both; a restarted server (same instance and database) adopts the sandbox
// still holding the second lesson, with each lesson's progress kept.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LessonProgress } from '../../common/events.js';
import { cellKey, type ResultRow } from '../../common/workshop-live.js';
import type { CreatedWorkshop, JoinedWorkshop } from '../../common/workshops.js';
import type { RunningPlayground } from '../../server/app.js';
import { TestClass } from '../support/class-client.js';
import { TestEvents } from '../support/events-client.js';
import { runInstance } from '../support/instances.js';
import { api, startTestPlayground } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'workshop-lessons-'));
const lessonsDir = path.join(dir, 'lessons');
const overrides = { dbPath: path.join(dir, 'playground.db'), instance: runInstance('test', 'lessons') };
const STEP = 'write-greeting';
const FIRST = 'quiet-step';
const SECOND = 'quiet-two';
let pg: RunningPlayground | undefined;

/** The fixture lesson, and a second one like it whose step writes another file. */
function writeLessons(): void {
  cpSync(path.join(here, 'fixtures', 'lessons', FIRST), path.join(lessonsDir, FIRST), { recursive: true });
  const second = path.join(lessonsDir, SECOND);
  cpSync(path.join(lessonsDir, FIRST), second, { recursive: true });
  for (const file of ['lesson.yaml', 'en.md', 'id.md']) {
    const text = readFileSync(path.join(second, file), 'utf8')
      .replace(`id: ${FIRST}`, `id: ${SECOND}`)
      .replace('order: 1', 'order: 2')
      .replaceAll('/root/greeting.txt', '/root/second.txt');
    writeFileSync(path.join(second, file), text);
  }
}

after(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Types the lesson's command in a real shell and waits for the prompt after it. */
async function runCommand(term: TestTerminal, file: string): Promise<void> {
  const from = term.outputBytes;
  term.type(`echo hello > ${file}\r`);
  await term.waitForAfter(() => from, /hello >[^\n]*\n[\s\S]*[#$] $/m, 30_000);
}

const passed = (lessonId: string) => (e: { type: string; progress?: LessonProgress }) =>
  e.type === 'progress' &&
  e.progress!.lessonId === lessonId &&
  e.progress!.steps.every((s) => s.state === 'passed');

test('a learner finishes one lesson, moves on in the same sandbox, and the trainer sees both', async () => {
  writeLessons();
  pg = await startTestPlayground(overrides, { lessonsDir });
  const created = await api<CreatedWorkshop>(pg.url, 'POST', '/api/workshops', undefined, {
    title: 'Two lessons',
    lessons: [FIRST, SECOND],
    seats: 2,
    durationMinutes: 60,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { joinCode: code, trainerKey: key } = created.body;
  const joined = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${code}/join`, undefined, {
    name: 'Ani',
  });
  assert.equal(joined.status, 201, JSON.stringify(joined.body));
  const { session, token } = joined.body.session!;
  assert.equal(session.lessonId, FIRST, 'a seat starts with the first lesson');

  const trainer = await TestClass.open(pg.url, code, key);
  after(() => trainer.close());
  const snapshot = await trainer.waitFor((e) => e.type === 'class');
  assert.deepEqual(
    snapshot.type === 'class' && snapshot.state.steps.map((s) => cellKey(s.lessonId, s.stepId)),
    [cellKey(FIRST, STEP), cellKey(SECOND, STEP)],
    "a column for each lesson's step, in order",
  );

  const page = await TestEvents.open(pg.url, session.id, token);
  after(() => page.close());
  const term = await TestTerminal.open(pg.url, session.id, token);
  after(() => term.close());
  term.start();
  await term.waitFor(/[#$] $/m, 90_000);
  await runCommand(term, '/root/greeting.txt');
  await page.waitFor(passed(FIRST));
  await trainer.row(joined.body.learnerId, (l) => l.cells[cellKey(FIRST, STEP)] === 'done', 30_000);

  // Only the workshop's lessons; only the seat's own token.
  const move = `/api/sessions/${session.id}/lesson`;
  assert.equal((await api(pg.url, 'POST', move, token, { lessonId: 'docker-basics' })).status, 404);
  assert.equal((await api(pg.url, 'POST', move, 'f'.repeat(64), { lessonId: SECOND })).status, 401);
  const container = (await pg.sandboxes.container(session.id))!.id;
  assert.equal((await api(pg.url, 'POST', move, token, { lessonId: SECOND })).status, 204);
  assert.equal(pg.sessions.lessonOf(session.id), SECOND);
  await page.waitFor((e) => e.type === 'progress' && e.progress.lessonId === SECOND);

  // The same sandbox and shell: the first lesson's file is still there.
  assert.equal((await pg.sandboxes.container(session.id))!.id, container, 'no sandbox replaced');
  await runCommand(term, '/root/second.txt');
  await page.waitFor(passed(SECOND));
  const both = await trainer.row(
    joined.body.learnerId,
    (l) => l.cells[cellKey(SECOND, STEP)] === 'done',
    30_000,
  );
  assert.equal(both.learner.cells[cellKey(FIRST, STEP)], 'done', "the first lesson's cell stays done");

  const results = await api<ResultRow[]>(pg.url, 'GET', `/api/workshops/${code}/results`, key);
  assert.deepEqual(
    results.body.map((r) => [r.lessonId, r.stepId, r.done]),
    [
      [FIRST, STEP, true],
      [SECOND, STEP, true],
    ],
  );

  // A restart with the same instance and database adopts the sandbox, still on the second
  // lesson; moving back finds the first lesson's progress.
  term.close();
  page.close();
  trainer.close();
  await pg.close();
  pg = await startTestPlayground(overrides, { lessonsDir });
  assert.equal(pg.sessions.lessonOf(session.id), SECOND, 'the moved lesson outlives the server');
  assert.equal((await api(pg.url, 'POST', move, token, { lessonId: FIRST })).status, 204);
  const again = await TestEvents.open(pg.url, session.id, token);
  after(() => again.close());
  await again.waitFor(passed(FIRST), 30_000);

  assert.equal((await api(pg.url, 'POST', `/api/workshops/${code}/end`, key)).status, 200);
});
