// An imported Katacoda scenario in a real session: its assets are in the sandbox, the first
// step's background script has run, and reaching a step with a foreground script pushes
// that command to the page over the events socket.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { RunningPlayground } from '../../server/app.js';
import { PROJECT_ROOT } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { TestEvents } from '../support/events-client.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground({}, { lessonsDir: path.join(PROJECT_ROOT, 'test', 'fixtures', 'katacoda') });
});

after(async () => {
  await pg?.close();
});

test('assets, background and foreground scripts of a scenario run in its session', async () => {
  const lesson = pg.catalogue.get('container-basics');
  assert.ok(lesson, 'the fixture scenario is in the catalogue');
  const { session, token } = await readySession(pg.url, 90_000, { lessonId: lesson.id });
  const events = await TestEvents.open(pg.url, session.id, token);
  try {
    const sandbox = (await pg.sandboxes.container(session.id))!;
    const fileIn = async (file: string) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { exitCode, output } = await execCapture(sandbox, ['cat', file]);
        if (exitCode === 0 || Date.now() > deadline) return output;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    assert.match(await fileIn('/root/scenario/greeting.txt'), /\S/, 'the asset was copied in');
    assert.match(await fileIn('/root/scenario/step1.log'), /alpine pulled/, 'step 1 background ran');
    assert.ok(
      !events.events.some((e) => e.type === 'exec'),
      'no foreground command before its step is reached',
    );

    // Do step 1 as a learner would; step 2 starts and its foreground command reaches the page.
    for (const command of lesson.steps[0]!.solution) {
      const { exitCode, output } = await execCapture(sandbox, ['bash', '-c', command]);
      assert.equal(exitCode, 0, output);
    }
    const exec = await events.waitFor((e) => e.type === 'exec', 20_000);
    assert.equal(exec.type === 'exec' && exec.stepId, lesson.steps[1]!.id);
    assert.equal(exec.type === 'exec' && exec.command.action, 'exec');
    assert.match(
      exec.type === 'exec' && exec.command.action === 'exec' ? exec.command.text : '',
      /docker ps/,
    );
  } finally {
    events.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});
