// The validator against the real lessons: in a fresh sandbox per lesson, each step's checks
// fail before its solution runs and pass after it (apps that need a moment get a bounded retry).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningPlayground } from '../../server/app.js';
import path from 'node:path';
import { copyAssets } from '../../server/lessons/assets.js';
import { LESSONS_DIR, loadLessons } from '../../server/lessons/index.js';
import { startStep } from '../../server/lessons/step-start.js';
import { execCapture } from '../../server/engine/exec.js';
import { DockerSandboxShell, runChecks } from '../../server/validation/index.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

const { lessons, problems } = await loadLessons();
let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground();
});

after(async () => {
  await pg?.close();
});

test('the lessons load without errors', () => {
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
});

for (const lesson of lessons.filter((l) => l.hosts.length === 1)) {
  test(`lesson ${lesson.id}: every step fails before its solution and passes after`, async () => {
    const { session, token } = await readySession(pg.url);
    try {
      const sandbox = (await pg.sandboxes.container(session.id))!;
      const shell = new DockerSandboxShell(sandbox);
      // As a session does: assets at its start, a step's background script when it starts.
      await copyAssets(sandbox, lesson, path.join(LESSONS_DIR, lesson.id));
      for (const step of lesson.steps) {
        const setup = await startStep(shell, step).background;
        assert.ok(setup?.ok ?? true, `${step.id}: ${setup?.message}`);
        const beforeSolution = await runChecks(shell, step.checks);
        assert.equal(beforeSolution.passed, false, `${step.id} passes before its solution`);
        for (const command of step.solution) {
          const { exitCode, output } = await execCapture(sandbox, ['bash', '-c', command]);
          assert.equal(exitCode, 0, `${step.id}: ${command}\n${output}`);
        }
        const deadline = Date.now() + 20_000;
        let afterSolution = await runChecks(shell, step.checks);
        while (!afterSolution.passed && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 300));
          afterSolution = await runChecks(shell, step.checks);
        }
        const failing = afterSolution.results.filter((r) => !r.ok).map((r) => r.reason);
        assert.deepEqual(failing, [], `${step.id} fails after its solution`);
      }
    } finally {
      await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
    }
  });
}
