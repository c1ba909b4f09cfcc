// Two playgrounds on one engine: a second instance's start-up sweep and a reap a year
// ahead (what a test run does) leave the first instance's session whole and its terminal working.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { RunningPlayground } from '../../server/app.js';
import { LABEL } from '../../server/sandboxes/labels.js';
import { runInstance } from '../support/instances.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const YEAR_MS = 365 * 24 * 3600_000;
const running: RunningPlayground[] = [];

after(async () => {
  for (const pg of running) await pg.close();
});

async function objectsOf(pg: RunningPlayground, sessionId: string) {
  const docker = pg.sandboxes.docker;
  const filters = { label: [`${LABEL.session}=${sessionId}`] };
  const [containers, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
  ]);
  return {
    running: containers.filter((c) => c.State === 'running').length,
    volumes: (volumes.Volumes ?? []).length,
    networks: networks.length,
  };
}

test("another instance's start-up sweep and reap leave this instance's session alone", async () => {
  const a = await startTestPlayground({ instance: runInstance('test', 'a') });
  running.push(a);
  const { session, token } = await readySession(a.url);
  try {
    const before = await objectsOf(a, session.id);
    assert.deepEqual(before, { running: 1, volumes: 1, networks: 1 });

    const b = await startTestPlayground({ instance: runInstance('test', 'b') });
    running.push(b);
    await b.sessions.reap(new Date(Date.now() + YEAR_MS));
    assert.equal(
      (await api(b.url, 'GET', `/api/sessions/${session.id}`, token)).status,
      404,
      'B did not adopt it',
    );

    assert.deepEqual(await objectsOf(a, session.id), before, "A's sandbox, volume and network are there");
    const view = await api<{ state: string }>(a.url, 'GET', `/api/sessions/${session.id}`, token);
    assert.equal(view.body.state, 'ready');
    const term = await TestTerminal.open(a.url, session.id, token);
    term.start();
    await term.waitFor(/[#$] $/m);
    term.type('echo still-$((40+2))\r');
    await term.waitFor(/still-42/);
    term.close();
  } finally {
    await api(a.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});
