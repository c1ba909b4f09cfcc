// Lessons in sessions, on real sandboxes: a session started for a lesson ticks its steps off
// as the learner's commands change the sandbox's daemon, pushes progress over the events
// socket, answers the Check button, and keeps completed steps across a server restart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LessonProgress, StepProgress } from '../../common/events.js';
import type { LocalizedLesson, LessonSummary } from '../../common/lesson.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { TestEvents } from '../support/events-client.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground();
});

after(async () => {
  await pg?.close();
});

const stepPassed = (stepId: string) => (e: { type: string; progress?: LessonProgress }) =>
  e.type === 'progress' && e.progress!.steps.some((s) => s.stepId === stepId && s.state === 'passed');

test('the catalogue and a lesson are served in both languages; unknown ones get a clear 404', async () => {
  const list = await api<LessonSummary[]>(pg.url, 'GET', '/api/lessons');
  assert.equal(list.status, 200);
  assert.ok(list.body.some((l) => l.id === 'docker-basics'));
  const en = await api<LocalizedLesson>(pg.url, 'GET', '/api/lessons/docker-networks?lang=en');
  const id = await api<LocalizedLesson>(pg.url, 'GET', '/api/lessons/docker-networks?lang=id');
  assert.equal(en.status, 200);
  assert.notEqual(en.body.title, id.body.title);
  assert.equal(en.body.steps.length, id.body.steps.length);
  const missing = await api<{ error: string }>(pg.url, 'GET', '/api/lessons/no-such-lesson');
  assert.equal(missing.status, 404);
  assert.match(missing.body.error, /No lesson "no-such-lesson"/);
  const badLang = await api<{ error: string }>(pg.url, 'GET', '/api/lessons/docker-basics?lang=fr');
  assert.equal(badLang.status, 400);
  const badSession = await api<{ error: string }>(pg.url, 'POST', '/api/sessions', undefined, {
    lessonId: 'nope',
  });
  assert.equal(badSession.status, 404);
  const res = await fetch(`${pg.url}/api/sessions`, { method: 'POST', body: '{not json' });
  assert.equal(res.status, 400);
});

test('the Check button answers as soon as the sandbox is ready, before any shell has drawn a prompt', async () => {
  // The checks' background work waits for the first prompt (or 5 s); a Check cannot wait.
  const lesson = pg.catalogue.get('docker-networks')!;
  const { session, token } = await readySession(pg.url, 90_000, { lessonId: lesson.id });
  try {
    const check = await api<StepProgress>(pg.url, 'POST', `/api/sessions/${session.id}/check`, token, {
      stepId: lesson.steps[0]!.id,
    });
    assert.equal(check.status, 200, JSON.stringify(check.body));
    assert.equal(check.body.state, 'failed');
  } finally {
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});

test('a lesson session ticks a step off after the learner does it, and keeps it after a restart', async () => {
  const lesson = pg.catalogue.get('docker-networks')!;
  const [first, second] = lesson.steps;
  const { session, token } = await readySession(pg.url, 90_000, { lessonId: lesson.id });
  assert.equal(session.lessonId, lesson.id);
  const events = await TestEvents.open(pg.url, session.id, token);
  try {
    const initial = await events.waitFor((e) => e.type === 'progress');
    assert.equal(initial.type === 'progress' && initial.progress.steps[0]!.state, 'pending');

    // The Check button before doing anything: failed, with a reason for the learner.
    const early = await api<StepProgress>(pg.url, 'POST', `/api/sessions/${session.id}/check`, token, {
      stepId: first!.id,
    });
    assert.equal(early.status, 200);
    assert.equal(early.body.state, 'failed');
    assert.ok(early.body.reason && early.body.reason.length > 5, 'a failing check says why');

    const sandbox = (await pg.sandboxes.container(session.id))!;
    for (const command of first!.solution) {
      const { exitCode, output } = await execCapture(sandbox, ['bash', '-c', command]);
      assert.equal(exitCode, 0, output);
    }
    // No Check button: the daemon's events alone turn the step green.
    await events.waitFor(stepPassed(first!.id), 15_000);

    const progress = await api<LessonProgress>(pg.url, 'GET', `/api/sessions/${session.id}/progress`, token);
    assert.equal(progress.body.steps[0]!.state, 'passed');
    assert.notEqual(progress.body.steps[1]!.state, 'passed');
    const unknownStep = await api(pg.url, 'POST', `/api/sessions/${session.id}/check`, token, {
      stepId: 'nope',
    });
    assert.equal(unknownStep.status, 404);
    const stranger = await api(pg.url, 'GET', `/api/sessions/${session.id}/progress`, 'f'.repeat(32));
    assert.equal(stranger.status, 401);

    // A restarted server adopts the session and still knows the first step is done.
    events.close();
    await pg.close();
    pg = await startTestPlayground();
    const deadline = Date.now() + 20_000;
    let kept: LessonProgress | undefined;
    while (Date.now() < deadline) {
      const answer = await api<LessonProgress>(pg.url, 'GET', `/api/sessions/${session.id}/progress`, token);
      if (answer.status === 200) {
        kept = answer.body;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(kept?.steps[0]!.state, 'passed');
    assert.equal(kept?.steps[1]!.stepId, second!.id);
  } finally {
    events.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});
