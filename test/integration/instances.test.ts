// Two playgrounds on one engine, each with its own database: a second instance's start-up
// sweeps, a reap a year ahead and its close (what a test run does) leave the first instance's
// session whole and its terminal working, and its workshop's ready seat running; the second
// never sees that workshop, so it starts no seat for it.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { CreatedWorkshop } from '../../common/workshops.js';
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

/** Running sandbox containers of an instance's workshop seats (bounded wait until there are `count`). */
async function seatSandboxes(pg: RunningPlayground, instance: string, count = 0): Promise<string[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const listed = await pg.sandboxes.docker.listContainers({
      filters: { label: [`${LABEL.instance}=${instance}`, LABEL.pool] },
    });
    const seats = listed.filter((c) => c.Labels[LABEL.pool]!.startsWith('workshop-')).map((c) => c.Id);
    if (seats.length >= count || Date.now() > deadline) return seats;
    await new Promise((r) => setTimeout(r, 500));
  }
}

test("another instance's start-up sweep, reap and close leave this instance's session and seats alone", async () => {
  const [instanceA, instanceB] = [runInstance('test', 'a'), runInstance('test', 'b')];
  const a = await startTestPlayground({ instance: instanceA });
  running.push(a);
  const { session, token } = await readySession(a.url);
  const body = { title: 'Kept', seats: 1, durationMinutes: 60, language: 'en' };
  const workshop = (await api<CreatedWorkshop>(a.url, 'POST', '/api/workshops', undefined, body)).body;
  try {
    const before = await objectsOf(a, session.id);
    assert.deepEqual(before, { running: 1, volumes: 1, networks: 1 });
    const seats = await seatSandboxes(a, instanceA, 1);
    assert.equal(seats.length, 1, "A's workshop has its ready seat");

    const b = await startTestPlayground({ instance: instanceB });
    running.push(b);
    await b.sessions.reap(new Date(Date.now() + YEAR_MS));
    assert.equal(
      (await api(b.url, 'GET', `/api/sessions/${session.id}`, token)).status,
      404,
      'B did not adopt it',
    );
    assert.equal(
      (await api(b.url, 'GET', `/api/workshops/${workshop.joinCode}/learners`, workshop.trainerKey)).status,
      403,
      "A's workshop is not in B's database",
    );
    assert.deepEqual(await seatSandboxes(b, instanceB), [], "B starts no seat for A's workshop");
    await b.close();
    running.splice(running.indexOf(b), 1);

    assert.deepEqual(await objectsOf(a, session.id), before, "A's sandbox, volume and network are there");
    assert.deepEqual(await seatSandboxes(a, instanceA), seats, "A's ready seat still runs");
    const view = await api<{ state: string }>(a.url, 'GET', `/api/sessions/${session.id}`, token);
    assert.equal(view.body.state, 'ready');
    const term = await TestTerminal.open(a.url, session.id, token);
    term.start();
    await term.waitFor(/[#$] $/m);
    term.type('echo still-$((40+2))\r');
    await term.waitFor(/still-42/);
    term.close();
  } finally {
    await api(a.url, 'POST', `/api/workshops/${workshop.joinCode}/end`, workshop.trainerKey);
    await api(a.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});
