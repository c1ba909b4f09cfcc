// The parts around the server fail, and the server recovers without a restart of its own:
// - the registry mirror stops: /api/health says so, a pull in a sandbox fails with the
//   daemon's reason, the server's supervisor starts the mirror again, and pulls work (the
//   supervisor is held while the test looks at the mirror down, so it cannot win the race);
// - the engine restarts (the playground's own engine, stopped and started as setup starts
//   it): a session asked for meanwhile is refused with a 503 that says why; afterwards the
//   session that lost its sandbox is told and gets it back with one call, its terminal and
//   step tracker work again, and a new session works.
// The engine is the machine's, shared with other test runs: this file runs under the engine
// lock like every engine test, and keeps the outage to the stop and start themselves. Where
// another instance (a live server's learners, another run) has a running sandbox, stopping the
// engine or the mirror would harm it: those tests are skipped, saying why.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { HealthView, SessionView } from '../../common/api.js';
import type { LessonProgress, SessionEvent } from '../../common/events.js';
import type { RunningPlayground } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { pingEngine } from '../../server/engine/connect.js';
import { execCapture } from '../../server/engine/exec.js';
import { isManagedEngine, startManagedEngine } from '../../server/engine/managed-engine.js';
import { stopMirror } from '../../server/registry/index.js';
import { installSandboxFirewall } from '../../server/sandboxes/firewall.js';
import { TestEvents } from '../support/events-client.js';
import { otherLiveInstances, runInstance } from '../support/instances.js';
import { api, readySession, startTestPlayground, waitForSession } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const config = loadConfig();
/** Bounds on waiting (they end a wait; they assert no speed). */
const RECOVERY_MS = 90_000;
const ENGINE_STOP_MS = 60_000;
const LESSON = 'docker-networks';

let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground();
});

after(async () => {
  await pg?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `read` satisfies `done` (bounded); returns the last reading. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + RECOVERY_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await sleep(250);
  }
}

/** Why a test must not stop what every sandbox shares, or null when only this run's sandboxes run. */
async function sharedWith(what: string): Promise<string | null> {
  const others = await otherLiveInstances(pg.sandboxes.docker, runInstance('test'));
  return others.length
    ? `not stopping the ${what}: instance(s) ${others.join(', ')} have running sandboxes on this engine`
    : null;
}

const health = async () => (await api<HealthView>(pg.url, 'GET', '/api/health')).body;

/** `docker pull` in the sandbox, bounded in the sandbox. */
async function pull(id: string, image: string): Promise<{ exitCode: number | null; output: string }> {
  const sandbox = (await pg.sandboxes.container(id))!;
  return execCapture(sandbox, ['timeout', '60', 'docker', 'pull', '-q', image]);
}

test('a stopped registry mirror is reported, started again by the server, and pulls work again', async (t) => {
  const { session, token } = await readySession(pg.url);
  try {
    const before = await health();
    assert.equal(before.registryMirror.reachable, true);

    // Just before the stop: a sandbox of another instance may have started meanwhile.
    const shared = await sharedWith('registry mirror');
    if (shared) return t.skip(shared);
    // The supervisor waits while the test looks at the mirror down, then takes over.
    pg.mirror.stop();
    await stopMirror(config.stateDir);
    const down = await health();
    assert.equal(down.registryMirror.reachable, false);
    assert.equal(down.ok, false);
    // An image no sandbox holds yet (the Docker Hub stand-in in the sandbox also asks the mirror).
    const failed = await pull(session.id, 'hello-world');
    assert.notEqual(failed.exitCode, 0, failed.output);
    assert.match(failed.output, /connection refused|dial tcp|bad gateway|50[234]/i);

    pg.mirror.start();
    // Health asks the mirror itself, so it may answer before the supervisor has counted
    // its start: wait for both.
    const back = await until(
      health,
      (h) => h.registryMirror.reachable && (h.registryMirror.restarts ?? 0) >= 1,
      'the supervisor never started the mirror again',
    );
    assert.equal(back.ok, true);
    const pulled = await pull(session.id, 'alpine');
    assert.equal(pulled.exitCode, 0, pulled.output);
  } finally {
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});

/** The playground's engine process, as setup recorded it. */
function enginePid(): number {
  const file = path.join(config.stateDir, 'engine.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { pid: number }).pid;
}

async function stopEngine(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + ENGINE_STOP_MS;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(200);
  }
  throw new Error(`dockerd (pid ${pid}) did not stop`);
}

/** Starts the engine as setup does, and puts the host firewall back in front of its bridges. */
async function startEngine(): Promise<void> {
  await startManagedEngine({ docker: pg.sandboxes.docker, stateDir: config.stateDir, onProgress: () => {} });
  await installSandboxFirewall(config.mirrorPort);
}

const hostIs =
  (state: string) =>
  (e: SessionEvent): boolean =>
    e.type === 'session' && e.session.hostStates.node1?.state === state;

const stepPassed = (stepId: string) => (e: SessionEvent) =>
  e.type === 'progress' &&
  (e.progress as LessonProgress).steps.some((s) => s.stepId === stepId && s.state === 'passed');

async function runSolution(id: string, commands: string[]): Promise<void> {
  const sandbox = (await pg.sandboxes.container(id))!;
  for (const command of commands) {
    const { exitCode, output } = await execCapture(sandbox, ['bash', '-c', command]);
    assert.equal(exitCode, 0, output);
  }
}

async function terminalWorks(id: string, token: string): Promise<void> {
  const term = await TestTerminal.open(pg.url, id, token);
  try {
    term.start();
    await term.waitFor(/[#$] $/m, 30_000);
    term.type('docker info --format "containers={{.Containers}}"; echo "done-$((6*7))"\r');
    await term.waitFor(/containers=\d+[\s\S]*done-42/, 30_000);
  } finally {
    term.closePane();
  }
}

test('after an engine restart, new sessions and the lost sandbox work again without a server restart', async (t) => {
  if (!isManagedEngine(config.stateDir)) return t.skip('the engine was not started by the playground');
  const lesson = pg.catalogue.get(LESSON)!;
  const [first, second] = lesson.steps;
  const { session, token } = await readySession(pg.url, RECOVERY_MS, { lessonId: LESSON });
  const events = await TestEvents.open(pg.url, session.id, token);
  try {
    await runSolution(session.id, first!.solution);
    await events.waitFor(stepPassed(first!.id), RECOVERY_MS);

    const shared = await sharedWith('engine');
    if (shared) return t.skip(shared);
    try {
      await stopEngine(enginePid());
      const refused = await api<{ error: string }>(pg.url, 'POST', '/api/sessions');
      assert.equal(refused.status, 503);
      assert.match(refused.body.error, /Docker engine is not answering/);
      assert.equal((await health()).engine.reachable, false);
    } finally {
      if (!(await pingEngine(pg.sandboxes.docker, 1000))) await startEngine();
    }

    // The session that lost its sandbox is told, and one call gives it a fresh one.
    await events.waitFor(hostIs('failed'), RECOVERY_MS);
    const restarted = await until(
      () => api<SessionView>(pg.url, 'POST', `/api/sessions/${session.id}/hosts/node1/restart`, token),
      (r) => r.status === 202,
      'restart refused',
    );
    assert.equal(restarted.body.hostStates.node1?.state, 'starting');
    await waitForSession(
      pg.url,
      session.id,
      token,
      (s) => s.hostStates.node1?.state === 'ready',
      RECOVERY_MS,
    );
    await terminalWorks(session.id, token);
    // The step tracker follows the new sandbox's daemon: the next step turns green by itself
    // (on a fresh sandbox, after the first step's commands again).
    await runSolution(session.id, [...first!.solution, ...second!.solution]);
    await events.waitFor(stepPassed(second!.id), RECOVERY_MS);

    const fresh = await readySession(pg.url, RECOVERY_MS);
    await terminalWorks(fresh.session.id, fresh.token);
    await api(pg.url, 'DELETE', `/api/sessions/${fresh.session.id}`, fresh.token);
  } finally {
    events.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});
