// The lesson tester's own logic, without a sandbox: which commands a step's text runs, whether
// the languages agree, what a step's solution is, and the table it prints.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLessons } from '../../server/lessons/index.js';
import { formatReport } from '../../server/lessons/lesson-test-cli.js';
import { lessonPassed, solutionOf, textsAgree, type LessonReport } from '../../server/lessons/lesson-test.js';
import { textCommands } from '../../server/lessons/text-commands.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { lessons } = await loadLessons();
const { lessons: broken } = await loadLessons(
  path.join(here, '..', 'integration', 'fixtures', 'lesson-test'),
);

test("a step's text commands are its {{exec}} buttons in order, inline ones included", () => {
  const networks = lessons.find((l) => l.id === 'docker-networks')!;
  const connect = networks.steps.find((s) => s.id === 'connect-network')!;
  assert.deepEqual(textCommands(connect, 'en'), [
    'docker network create frontend-network',
    'docker network connect frontend-network redis',
    'docker run -d -p 3000:3000 --net=frontend-network katacoda/redis-node-docker-example',
    'curl docker:3000',
  ]);
  assert.equal(solutionOf(connect, networks), connect.solution, "lesson.yaml's solution comes first");
  const katacoda = lessons.find((l) => l.languages?.length === 1)!;
  const step = katacoda.steps.find((s) => textCommands(s, 'en').length)!;
  assert.deepEqual(solutionOf({ ...step, solution: [] }, katacoda), textCommands(step, 'en'));
});

test("every lesson's languages run the same commands; a lesson whose texts differ is told", () => {
  for (const lesson of lessons) {
    for (const step of lesson.steps)
      assert.deepEqual(textsAgree(step, lesson), { ok: true }, `${lesson.id}/${step.id}`);
  }
  const lesson = broken[0]!;
  const differing = textsAgree(
    lesson.steps.find((s) => s.id === 'write-c')!,
    lesson,
  );
  assert.equal(differing.ok, false);
  assert.match(!differing.ok ? differing.why : '', /id differ from en/);
});

test('the table has a row per step and a line per failure; one failure fails the lesson', () => {
  const ok = { ok: true } as const;
  const report: LessonReport = {
    lessonId: 'demo',
    steps: [
      { stepId: 'first', failsBefore: ok, noneAhead: ok, solution: ok, passesAfter: ok, textsAgree: ok },
      {
        stepId: 'second',
        failsBefore: { ok: false, why: 'its checks pass before its solution has run' },
        noneAhead: ok,
        solution: ok,
        passesAfter: ok,
        textsAgree: ok,
      },
    ],
  };
  assert.equal(lessonPassed(report), false);
  const table = formatReport(report).split('\n');
  assert.equal(table[0], 'demo: FAILED');
  assert.match(table[1]!, /^step\s+fails before\s+none ahead\s+solution\s+passes after\s+texts agree$/);
  assert.match(table[3]!, /^second\s+FAIL\s+ok/);
  assert.equal(table[4], '  second, fails before: its checks pass before its solution has run');
  assert.equal(lessonPassed({ ...report, steps: [report.steps[0]!] }), true);
});
