// A sandbox that lies and floods, on the real engine: the learner replaces the docker CLI in
// their sandbox with a script that answers every `inspect` with 300 MB and `events` with a
// 1 MB line followed by an endless stream of events. The server (this process) keeps its
// memory and event loop bounded, that learner's check fails with the reason, and another
// learner's lesson goes on as usual.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type Docker from 'dockerode';
import type { LessonProgress, StepProgress } from '../../common/events.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { TestEvents } from '../support/events-client.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

const LESSON = 'docker-networks';
/** How long the flood goes on while the server is watched. */
const FLOOD_MS = 20_000;
const MB = 1024 * 1024;

/** Stands in for /usr/bin/docker: `ps`/`ls` name one container, everything else floods. */
const FAKE_DOCKER = `#!/bin/sh
case "$*" in
  events*)
    head -c 1000000 /dev/zero | tr '\\0' x; echo
    exec yes '{"Type":"container","Action":"start","Actor":{"ID":"0123456789ab"},"time":1}' ;;
  ps*|"container ls"*) echo 0123456789ab ;;
  *) yes '{"Name":"/web","Id":"0123456789ab","Driver":"bridge"}' | head -c 300000000 ;;
esac
`;

interface Learner {
  id: string;
  token: string;
  sandbox: Docker.Container;
}

let pg: RunningPlayground;
let evil: Learner;
let good: Learner;

async function learner(): Promise<Learner> {
  const { session, token } = await readySession(pg.url, 90_000, { lessonId: LESSON });
  return { id: session.id, token, sandbox: (await pg.sandboxes.container(session.id))! };
}

async function sh(who: Learner, script: string): Promise<string> {
  const { exitCode, output } = await execCapture(who.sandbox, ['sh', '-c', script]);
  assert.equal(exitCode, 0, `script failed:\n${script}\n--- output ---\n${output}`);
  return output;
}

/** The Check button. */
async function check(who: Learner, stepId: string) {
  return api<StepProgress>(pg.url, 'POST', `/api/sessions/${who.id}/check`, who.token, { stepId });
}

const stepPassed = (stepId: string) => (e: { type: string; progress?: LessonProgress }) =>
  e.type === 'progress' && e.progress!.steps.some((s) => s.stepId === stepId && s.state === 'passed');

before(async () => {
  pg = await startTestPlayground();
  [evil, good] = await Promise.all([learner(), learner()]);
});

after(async () => {
  for (const who of [evil, good]) if (who) await api(pg.url, 'DELETE', `/api/sessions/${who.id}`, who.token);
  await pg?.close();
});

test('a sandbox whose docker floods costs the server bounded memory, and only its own checks', async () => {
  const firstStep = pg.catalogue.get(LESSON)!.steps[0]!.id;
  const goodEvents = await TestEvents.open(pg.url, good.id, good.token);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  try {
    await goodEvents.waitFor((e) => e.type === 'progress');
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const floodStarted = Date.now();
    const cpuBefore = process.cpuUsage();
    try {
      // The learner's doing: a new docker, and the running event streams ended (their pids
      // are where the server keeps them), so the server's watchers follow the fake one.
      await sh(
        evil,
        `cat > /tmp/docker <<'EOF'\n${FAKE_DOCKER}EOF\nchmod +x /tmp/docker && mv /tmp/docker /usr/bin/docker`,
      );
      await sh(evil, 'for f in /run/playground-events/*; do kill "$(cat "$f")" || true; done');
      loop.enable();

      // The flooding learner's Check: failed, saying why.
      const evilCheck = await check(evil, firstStep);
      assert.equal(evilCheck.status, 200);
      assert.equal(evilCheck.body.state, 'failed');
      assert.match(evilCheck.body.reason ?? '', /The sandbox answered with more than 1 MiB/);

      // The other learner meanwhile: the step turns green from the daemon's events alone.
      await sh(good, 'docker network create backend-network');
      await goodEvents.waitFor(stepPassed(firstStep), 60_000);
      const goodCheck = await check(good, firstStep);
      assert.equal(goodCheck.body.state, 'passed');

      const rest = FLOOD_MS - (Date.now() - floodStarted);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    } finally {
      clearInterval(sampler);
      loop.disable();
    }
    const growth = (peak - baseline) / MB;
    const cpu = process.cpuUsage(cpuBefore);
    const busy = (cpu.user + cpu.system) / 1000 / (Date.now() - floodStarted);
    // The worst lag is only reported: on a shared machine the learner's own processes (and
    // anything else running) can hold the CPU; the server's own CPU time is what it spends.
    console.log(
      `during the flood: rss +${growth.toFixed(1)} MB, server CPU ${(busy * 100).toFixed(0)}%, ` +
        `event loop lag at worst ${(loop.max / 1e6).toFixed(0)} ms`,
    );
    assert.ok(growth < 100, `the server grew by ${growth.toFixed(1)} MB`);
    assert.ok(busy < 0.5, `the server was busy ${(busy * 100).toFixed(0)}% of the time`);
  } finally {
    goodEvents.close();
  }
});
