// A sandbox lost from outside the playground: removed with the engine's API, or its inner
// daemon ended from a shell in it. The page hears of it on the events socket (the host
// engine's own events, not a poll; how soon is a bench figure, `bench/faults.ts`), and one
// call (the page's Restart button) gives the host a fresh sandbox with a working terminal.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SessionView } from '../../common/api.js';
import type { SessionEvent } from '../../common/events.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { TestEvents } from '../support/events-client.js';
import { api, readySession, startTestPlayground, waitForSession } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

/** A bound on waiting to be told (it ends the wait; the bench measures how soon). */
const TOLD_WITHIN_MS = 30_000;

let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground();
});

after(async () => {
  await pg?.close();
});

const hostIs =
  (state: string) =>
  (e: SessionEvent): boolean =>
    e.type === 'session' && e.session.hostStates.node1?.state === state;

/** A shell in node1 answers a command that needs its inner daemon. */
async function terminalWorks(id: string, token: string): Promise<void> {
  const term = await TestTerminal.open(pg.url, id, token);
  try {
    term.start();
    await term.waitFor(/[#$] $/m);
    term.type('docker version --format "daemon={{.Server.Version}}"; echo "done-$((6*7))"\r');
    await term.waitFor(/daemon=\d+[\s\S]*done-42/, 30_000);
  } finally {
    term.close();
  }
}

/** Restarts node1 with one call, as the page's button does, and waits until it is ready. */
async function restartAndUse(id: string, token: string, events: TestEvents): Promise<void> {
  const restarted = await api<SessionView>(pg.url, 'POST', `/api/sessions/${id}/hosts/node1/restart`, token);
  assert.equal(restarted.status, 202);
  assert.equal(restarted.body.hostStates.node1?.state, 'starting');
  events.events.length = 0;
  await events.waitFor(hostIs('ready'), 60_000);
  await terminalWorks(id, token);
}

test('a sandbox removed with the engine API is reported, and one call brings it back', async () => {
  const { session, token } = await readySession(pg.url);
  const events = await TestEvents.open(pg.url, session.id, token);
  try {
    const term = await TestTerminal.open(pg.url, session.id, token);
    term.start();
    await term.waitFor(/[#$] $/m);
    const container = (await pg.sandboxes.container(session.id, 'node1'))!;
    await container.remove({ force: true, v: true });

    const failed = await events.waitFor(hostIs('failed'), TOLD_WITHIN_MS);
    assert.equal(failed.type, 'session');
    if (failed.type === 'session')
      assert.match(failed.session.hostStates.node1?.error ?? '', /node1.*Restart/);
    // The pane's socket is closed (its shell ended with the sandbox, or with the reason);
    // it does not hang on a dead stream.
    assert.ok([1000, 4410].includes((await term.closed).code));
    const view = await api<SessionView>(pg.url, 'GET', `/api/sessions/${session.id}`, token);
    assert.equal(view.body.state, 'ready', 'the session lives on for the restart');

    await restartAndUse(session.id, token, events);
  } finally {
    events.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});

test('a sandbox whose inner daemon is killed is reported, and one call brings it back', async () => {
  const { session, token } = await readySession(pg.url);
  const events = await TestEvents.open(pg.url, session.id, token);
  try {
    const container = (await pg.sandboxes.container(session.id, 'node1'))!;
    // What a learner can type: dockerd is the sandbox's first process, so the sandbox stops.
    await execCapture(container, ['sh', '-c', 'pkill dockerd']);
    await events.waitFor(hostIs('failed'), TOLD_WITHIN_MS);
    const terminal = await TestTerminal.open(pg.url, session.id, token);
    terminal.start();
    const closed = await terminal.closed;
    assert.equal(closed.code, 4410, 'a failed host refuses a terminal with the reason');

    await restartAndUse(session.id, token, events);
  } finally {
    events.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});

test('restart is for the token holder, and for hosts the session has', async () => {
  const { session, token } = await readySession(pg.url);
  try {
    const stranger = await api(
      pg.url,
      'POST',
      `/api/sessions/${session.id}/hosts/node1/restart`,
      'f'.repeat(32),
    );
    assert.equal(stranger.status, 401);
    const unknown = await api(pg.url, 'POST', `/api/sessions/${session.id}/hosts/node7/restart`, token);
    assert.equal(unknown.status, 404);
    // A ready host may be restarted too (a wedged sandbox); a starting one may not, twice.
    const first = await api(pg.url, 'POST', `/api/sessions/${session.id}/hosts/node1/restart`, token);
    assert.equal(first.status, 202);
    const twice = await api(pg.url, 'POST', `/api/sessions/${session.id}/hosts/node1/restart`, token);
    assert.equal(twice.status, 409);
    await waitForSession(pg.url, session.id, token, (s) => s.hostStates.node1?.state === 'ready');
  } finally {
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});
