// A Katacoda-format scenario on a real sandbox: its assets are copied in, a step's background
// script runs there, and each verify check fails before the step's commands and passes after.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Lesson } from '../../common/lesson.js';
import type { RunningPlayground } from '../../server/app.js';
import { copyAssets } from '../../server/lessons/assets.js';
import { importScenario } from '../../server/lessons/katacoda/import.js';
import { startStep } from '../../server/lessons/step-start.js';
import { execCapture } from '../../server/engine/exec.js';
import { DockerSandboxShell, runChecks } from '../../server/validation/index.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/katacoda/container-basics/', import.meta.url));
let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground();
});

after(async () => {
  await pg?.close();
});

async function sh(sandbox: import('dockerode').Container, script: string) {
  return execCapture(sandbox, ['bash', '-c', script]);
}

test('an imported scenario runs in a sandbox: assets, background script, verify before and after', async () => {
  const { lesson, problems } = await importScenario(FIXTURE);
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  const scenario = lesson as Lesson;
  const { session, token } = await readySession(pg.url);
  try {
    const sandbox = (await pg.sandboxes.container(session.id))!;
    const shell = new DockerSandboxShell(sandbox);

    // Session start: the assets land where index.json says, with their modes.
    await copyAssets(sandbox, scenario, FIXTURE);
    const listing = await sh(
      sandbox,
      'stat -c "%A %n" /root/scenario/greeting.txt /root/bin/show-greeting.sh',
    );
    assert.equal(listing.exitCode, 0, listing.output);
    assert.match(listing.output, /^-rw-r--r-- \/root\/scenario\/greeting\.txt$/m);
    assert.match(listing.output, /^-rwxr-xr-x \/root\/bin\/show-greeting\.sh$/m);
    assert.match((await sh(sandbox, 'cat /root/scenario/greeting.txt')).output, /Welcome aboard/);

    for (const step of scenario.steps.filter((s) => s.checks.every((c) => c.type !== 'manual'))) {
      // Step start: the background script (the intro's too, for the first step) runs in the sandbox.
      const started = startStep(shell, step);
      const setup = await started.background;
      assert.ok(setup?.ok ?? true, `${step.id}: ${setup?.message}`);

      const beforeCommands = await runChecks(shell, step.checks);
      assert.equal(beforeCommands.passed, false, `${step.id} passes before its commands`);
      assert.ok(beforeCommands.results[0]?.reason, `${step.id} says why it is not done`);
      for (const command of step.solution) {
        const { exitCode, output } = await sh(sandbox, command);
        assert.equal(exitCode, 0, `${step.id}: ${command}\n${output}`);
      }
      const deadline = Date.now() + 20_000;
      let afterCommands = await runChecks(shell, step.checks);
      while (!afterCommands.passed && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        afterCommands = await runChecks(shell, step.checks);
      }
      assert.deepEqual(
        afterCommands.results.filter((r) => !r.ok).map((r) => r.reason),
        [],
        `${step.id} fails after its commands`,
      );
    }

    // The first step's background scripts ran: the intro's, then the step's (which pulled alpine).
    const logs = await sh(sandbox, 'cat /root/scenario/intro.log /root/scenario/step1.log');
    assert.equal(logs.output, 'intro ran\nalpine pulled\n');

    // A background script that fails is reported, with its output.
    const failed = await startStep(shell, { onStart: { background: 'echo "no such service" >&2; exit 3' } })
      .background;
    assert.equal(failed?.ok, false);
    assert.match(failed?.message ?? '', /exit status 3.*no such service/);
  } finally {
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});
