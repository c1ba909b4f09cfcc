// The networks lesson against the document it was made from: typing that document's own
// commands (containers without the names the lesson's text gives them) into a shell, one after
// another without waiting for any tick, ticks every step of the lesson with no Check pressed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import type { LessonProgress, SessionEvent } from '../../common/events.js';
import type { RunningPlayground } from '../../server/app.js';
import { TestEvents } from '../support/events-client.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

/** The source document's sequence (Katacoda's "Docker networks"), as its learner types it. */
const SOURCE_SEQUENCE = [
  'docker network create backend-network',
  'docker run -d --name=redis --net=backend-network redis',
  'docker run --net=backend-network alpine env',
  'docker run --net=backend-network alpine cat /etc/hosts',
  'docker run --net=backend-network alpine cat /etc/resolv.conf',
  'docker run --net=backend-network alpine ping -c1 redis',
  'docker network create frontend-network',
  'docker network connect frontend-network redis',
  'docker run -d -p 3000:3000 --net=frontend-network katacoda/redis-node-docker-example',
  // The learner tries again until the app has started.
  'until curl -sf docker:3000; do sleep 1; done',
  'docker network create frontend-network2',
  'docker network connect --alias db frontend-network2 redis',
  'docker run --net=frontend-network2 alpine ping -c1 db',
  'docker network ls',
  'docker network inspect frontend-network',
  'docker network disconnect frontend-network redis',
];

let pg: RunningPlayground;
let session: CreatedSession | undefined;

before(async () => {
  // No slow timer: the daemon's events and the prompt hook must do it.
  pg = await startTestPlayground({ recheckIntervalMs: 3_600_000 });
});

after(async () => {
  if (session) await api(pg.url, 'DELETE', `/api/sessions/${session.session.id}`, session.token);
  await pg?.close();
});

const allPassed = (e: SessionEvent) =>
  e.type === 'progress' && e.progress.steps.every((s) => s.state === 'passed');

test("typing the source document's commands ticks every step of the networks lesson", async () => {
  session = await readySession(pg.url, 90_000, { lessonId: 'docker-networks' });
  const events = await TestEvents.open(pg.url, session.session.id, session.token);
  const term = await TestTerminal.open(pg.url, session.session.id, session.token);
  try {
    term.start({ cols: 200, rows: 50 });
    await term.waitFor(/[#$] $/m);
    for (const [i, command] of SOURCE_SEQUENCE.entries()) {
      // The marker's arithmetic is done by the shell, so the echoed command line cannot match.
      term.type(`${command}; echo "done-$((${i} + 1000))"\r`);
      await term.waitFor(new RegExp(`^done-${i + 1000}\\r?$`, 'm'), 60_000);
    }
    const done = await events.waitFor(allPassed, 60_000).catch(() => null);
    const last = [...events.events].reverse().find((e) => e.type === 'progress') as
      { progress: LessonProgress } | undefined;
    const states = last?.progress.steps.map((s) => `${s.stepId}: ${s.state} ${s.reason ?? ''}`);
    assert.ok(done, `not every step ticked:\n${states?.join('\n')}`);
  } finally {
    term.close();
    events.close();
  }
});
