// The lesson tester (npm run lesson:test) on real sandboxes: a sound lesson passes, and each
// kind of mistake is reported in its own column. The playground's own lessons are tested by
// the same tool in the integration stage of scripts/test.sh.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { RunningPlayground } from '../../server/app.js';
import { loadLessons } from '../../server/lessons/index.js';
import { formatReport, testInSession } from '../../server/lessons/lesson-test-cli.js';
import { lessonPassed, type StepReport } from '../../server/lessons/lesson-test.js';
import { startTestPlayground } from '../support/playground.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');

let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground();
});

after(async () => {
  await pg?.close();
});

test("the playground's lessons load without errors", async () => {
  const { problems } = await loadLessons();
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
});

async function testFixture(dir: string, id: string) {
  const { lessons } = await loadLessons(path.join(fixtures, dir));
  const lesson = lessons.find((l) => l.id === id)!;
  return testInSession(pg, { lesson, folder: path.join(fixtures, dir, id) });
}

test('a sound lesson passes every column', async () => {
  const report = await testFixture('lessons', 'quiet-step');
  assert.ok(lessonPassed(report), formatReport(report));
});

test('each mistake is reported: a check passing early, a step ticking ahead, texts that differ, a failing solution', async () => {
  const report = await testFixture('lesson-test', 'broken-lesson');
  const table = formatReport(report);
  assert.equal(lessonPassed(report), false);
  const failing = (s: StepReport) =>
    (Object.entries(s) as [string, unknown][])
      .filter(([, v]) => typeof v === 'object' && v !== null && !(v as { ok: boolean }).ok)
      .map(([k]) => k);
  assert.deepEqual(
    Object.fromEntries(report.steps.map((s) => [s.stepId, failing(s)])),
    {
      'already-there': ['failsBefore'],
      'write-a': [],
      'write-c': ['noneAhead', 'textsAgree'],
      'b-already': ['failsBefore'],
      'broken-solution': ['solution', 'passesAfter'],
    },
    table,
  );
  assert.match(table, /b-already would tick already/);
  assert.match(table, /`exit 3` exited 3/);
});
