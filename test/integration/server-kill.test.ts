// The server killed outright (SIGKILL: no shutdown code runs) in the middle of a lesson, and
// started again: the session is back with the same token, its sandbox still runs, the step the
// learner passed is still passed, and the pane's socket gets the very shell it had (it lives on
// under dtach in the sandbox: a variable set before the kill is still set, a background job and
// the program running in the foreground still run), its screen as it was first (saved by the
// killed server a few seconds after the output), never wiped by dtach's attach. A pane that is
// never reopened has its shell ended once the grace period is over, as if it had detached.
import headless from '@xterm/headless';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { SessionView } from '../../common/api.js';
import type { LessonProgress } from '../../common/events.js';
import { loadConfig } from '../../server/config.js';
import { engineEndpoint } from '../../server/engine/connect.js';
import { execCapture } from '../../server/engine/exec.js';
import { LessonCatalogue } from '../../server/lessons/catalogue.js';
import { freeLoopbackPort } from '../../server/registry/process.js';
import { LABEL } from '../../server/sandboxes/labels.js';
import { screenDir } from '../../server/terminals/screen-store.js';
import { startChildServer, killChildServer } from '../support/child-server.js';
import { TestEvents } from '../support/events-client.js';
import { runDatabase, runInstance } from '../support/instances.js';
import { api, readySession } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const LESSON = 'docker-networks';

/** This run's instance and database: the killed server never touches a live server's objects. */
const INSTANCE = runInstance('test', 'kill');

/** `npm start`'s server on its own port, instance and database; no warm pool: the test counts only its session. */
const startServer = (port: number, env: Record<string, string> = {}) =>
  startChildServer(port, {
    PLAYGROUND_INSTANCE: INSTANCE,
    PLAYGROUND_DB_PATH: runDatabase(INSTANCE),
    PLAYGROUND_WARM_SANDBOXES: '0',
    ...env,
  });

/** A short grace period, for the pane that is never reopened. */
const GRACE_S = 4;

test('SIGKILL mid-session: the restarted server gives back the session, its sandbox and its progress', async () => {
  const port = await freeLoopbackPort();
  let server = await startServer(port);
  const lesson = (await LessonCatalogue.load()).get(LESSON)!;
  const { session, token } = await readySession(server.url, 90_000, { lessonId: LESSON });
  const docker = engineEndpoint(loadConfig().dockerHost).docker;
  try {
    const events = await TestEvents.open(server.url, session.id, token);
    const [sandbox] = await docker.listContainers({
      filters: { label: [`${LABEL.session}=${session.id}`, `${LABEL.role}=sandbox`] },
    });
    const container = docker.getContainer(sandbox!.Id);
    const first = lesson.steps[0]!;
    for (const command of first.solution)
      assert.equal((await execCapture(container, ['bash', '-c', command])).exitCode, 0);
    await events.waitFor((e) => e.type === 'progress' && e.progress.steps[0]!.state === 'passed', 30_000);
    const term = await TestTerminal.open(server.url, session.id, token, { pane: 'killtestpane1' });
    term.start();
    await term.waitFor(/[#$] $/m);
    term.type('kept=forty-two-$((40+2)); sleep 1000 & echo before-$((20+1))\r');
    await term.waitFor(/before-21/);
    // A program in the foreground when the server dies: it reads on after the restart.
    term.type("sed -u 's/^/got-/'\r");
    await screenSaved(/sed -u/);

    await killChildServer(server.child);
    // The page's sockets drop without a close frame; the page retries them.
    assert.equal((await term.closed).code, 1006);
    events.close();
    server = await startServer(port);

    const view = await api<SessionView>(server.url, 'GET', `/api/sessions/${session.id}`, token);
    assert.equal(view.status, 200, 'the same token still opens the session');
    assert.equal(view.body.state, 'ready');
    assert.equal(view.body.hostStates.node1?.state, 'ready');
    const [after] = await docker.listContainers({
      filters: { label: [`${LABEL.session}=${session.id}`, `${LABEL.role}=sandbox`] },
    });
    assert.equal(after?.Id, sandbox!.Id, 'the same sandbox, not a new one');
    const progress = await waitForProgress(server.url, session.id, token);
    assert.equal(progress.steps[0]!.state, 'passed', 'the passed step stays passed');

    // The pane reconnects with its id: its screen first, then the same shell, working.
    const again = await TestTerminal.open(server.url, session.id, token, { pane: 'killtestpane1' });
    again.start();
    await again.waitFor(/before-21/);
    const status = again.messages.find((m) => m.type === 'status' && m.status.state === 'ready');
    assert.equal(status?.type === 'status' && status.status.attach, 'reattached');
    await new Promise((r) => setTimeout(r, 500)); // whatever the attach draws has come
    assert.match(await visible(again.text), /before-21/, 'the replayed screen stays on screen');
    again.type('still-here\r');
    await again.waitFor(/got-still-here/);
    again.type('\x04'); // Ctrl-D ends the program that ran through the kill
    await again.waitFor(/[#$] $/m);
    again.type('echo "kept=$kept"; kill -0 $! && echo job-alive-$((3+4))\r');
    await again.waitFor(/job-alive-7/);
    assert.match(again.text, /kept=forty-two-42/, 'the shell from before the kill, its variable set');
    again.type('docker network ls --format "{{.Name}}" | grep -c . ; echo after-$((40+2))\r');
    await again.waitFor(/after-42/);
    assert.match(await visible(again.text), /before-21[^]*after-42/, 'the old screen, then the new output');
    again.close();
  } finally {
    await api(server.url, 'DELETE', `/api/sessions/${session.id}`, token);
    await killChildServer(server.child);
  }
});

test('SIGKILL, and the pane never comes back: its shell is ended once the grace period is over', async () => {
  const port = await freeLoopbackPort();
  const env = { PLAYGROUND_TERMINAL_GRACE_SECONDS: String(GRACE_S) };
  let server = await startServer(port, env);
  const { session, token } = await readySession(server.url, 90_000);
  const docker = engineEndpoint(loadConfig().dockerHost).docker;
  const [sandbox] = await docker.listContainers({
    filters: { label: [`${LABEL.session}=${session.id}`, `${LABEL.role}=sandbox`] },
  });
  const container = docker.getContainer(sandbox!.Id);
  const jobRuns = async () =>
    (
      await execCapture(container, ['sh', '-c', 'pgrep -f "sleep 432[1]" >/dev/null && echo yes'])
    ).output.includes('yes');
  try {
    const term = await TestTerminal.open(server.url, session.id, token, { pane: 'leftbehind1' });
    term.start();
    await term.waitFor(/[#$] $/m);
    term.type('sleep 4321 & echo left-$((20+1))\r');
    await term.waitFor(/left-21/);
    await screenSaved(/left-21/);
    await killChildServer(server.child);
    // Looked at before the restart: once started, the server's grace clock may run out
    // before a busy engine answers this exec.
    assert.ok(await jobRuns(), 'the shell and its job outlive the kill');
    server = await startServer(port, env);
    const deadline = Date.now() + GRACE_S * 1000 + 20_000;
    while ((await jobRuns()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    assert.equal(await jobRuns(), false, 'the shell nobody came back to, and its job, are ended');
    // The screen goes once the script that ended the shell returns (it waits 0.2 s between its
    // SIGHUP, which the job already died of, and its SIGKILL).
    const saved = async () =>
      (await readdir(screenDir(loadConfig().stateDir, INSTANCE)).catch(() => [] as string[])).filter((n) =>
        n.startsWith(session.id),
      );
    const until = Date.now() + 10_000;
    while ((await saved()).length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await saved(), [], 'its saved screen is gone');
  } finally {
    await api(server.url, 'DELETE', `/api/sessions/${session.id}`, token);
    await killChildServer(server.child);
  }
});

/** The rows a 100x30 terminal (TestTerminal's size) shows at the end of `output`. */
async function visible(output: string): Promise<string> {
  const xterm = new headless.Terminal({ cols: 100, rows: 30, allowProposedApi: true });
  await new Promise<void>((resolve) => xterm.write(output, resolve));
  const buffer = xterm.buffer.active;
  const rows = Array.from({ length: 30 }, (_, i) =>
    buffer.getLine(buffer.viewportY + i)?.translateToString(true),
  );
  xterm.dispose();
  return rows.join('\n');
}

/** The killed server's saved screen of the pane holds `pattern` (bounded wait). */
async function screenSaved(pattern: RegExp): Promise<void> {
  const dir = screenDir(loadConfig().stateDir, INSTANCE);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const screens = await Promise.all(names.map((n) => readFile(`${dir}/${n}`, 'utf8').catch(() => '')));
    if (screens.some((screen) => pattern.test(screen))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no saved screen holds ${pattern}`);
}

/** The progress route answers once the restarted server's tracker has started (bounded). */
async function waitForProgress(url: string, id: string, token: string): Promise<LessonProgress> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const answer = await api<LessonProgress>(url, 'GET', `/api/sessions/${id}/progress`, token);
    if (answer.status === 200) return answer.body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the restarted server did not track the lesson in time');
}
