// A real sandbox on the real engine: nested docker works, images come from the mirror,
// and ending the session leaves nothing behind.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { LABEL } from '../../server/sandboxes/labels.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;
before(async () => {
  pg = await startTestPlayground();
});
after(async () => {
  await pg?.close();
});

async function leftovers(sessionId: string) {
  const filters = { label: [`${LABEL.session}=${sessionId}`] };
  const docker = pg.sandboxes.docker;
  const [containers, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
  ]);
  return {
    containers: containers.length,
    volumes: (volumes.Volumes ?? []).length,
    networks: networks.length,
  };
}

test('a sandbox runs nested containers from the mirror and leaves nothing when ended', async () => {
  const { session, token } = await readySession(pg.url);
  assert.deepEqual(session.hosts, ['node1']);
  const container = await pg.sandboxes.container(session.id);
  assert.ok(container, 'the sandbox container exists');

  const hi = await execCapture(container, ['docker', 'run', '--rm', 'alpine', 'echo', 'hi']);
  assert.equal(hi.exitCode, 0, hi.output);
  assert.match(hi.output, /^hi$/m);

  const name = await execCapture(container, ['hostname']);
  assert.equal(name.output.trim(), 'node1');

  assert.deepEqual(await leftovers(session.id), { containers: 1, volumes: 1, networks: 1 });
  const ended = await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  assert.equal(ended.status, 204);
  assert.deepEqual(await leftovers(session.id), { containers: 0, volumes: 0, networks: 0 });
  const gone = await api(pg.url, 'GET', `/api/sessions/${session.id}`, token);
  assert.equal(gone.status, 404);
});

test('the session API refuses a wrong token and unknown sessions', async () => {
  const { session, token } = await readySession(pg.url);
  try {
    assert.equal((await api(pg.url, 'GET', `/api/sessions/${session.id}`, 'not-the-token')).status, 401);
    assert.equal((await api(pg.url, 'GET', `/api/sessions/${session.id}`)).status, 401);
    assert.equal((await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, 'nope')).status, 401);
    const sessionRoutes = [
      ['POST', 'hosts'],
      ['DELETE', 'hosts/node1'],
      ['POST', 'ports/node1/80/ticket'],
      ['GET', 'progress'],
      ['POST', 'check'],
    ] as const;
    for (const [method, rest] of sessionRoutes) {
      const refused = await api(pg.url, method, `/api/sessions/${session.id}/${rest}`, 'nope');
      assert.equal(refused.status, 401, `${method} ${rest} without the token`);
    }
    assert.equal((await api(pg.url, 'GET', '/api/sessions/abcdef012345', token)).status, 404);
    assert.equal((await api(pg.url, 'GET', '/api/nothing-here')).status, 404);
    assert.equal((await api(pg.url, 'PUT', '/api/sessions')).status, 405);
  } finally {
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});

test('a restarted server adopts live sandboxes; the reaper removes expired ones', async () => {
  const { session, token } = await readySession(pg.url);
  await pg.close();
  pg = await startTestPlayground();
  const adopted = await api<{ state: string }>(pg.url, 'GET', `/api/sessions/${session.id}`, token);
  assert.equal(adopted.status, 200);
  assert.equal(adopted.body.state, 'ready');

  await pg.sessions.reap(new Date(Date.now() + 365 * 24 * 3600_000));
  assert.deepEqual(await leftovers(session.id), { containers: 0, volumes: 0, networks: 0 });
  assert.equal((await api(pg.url, 'GET', `/api/sessions/${session.id}`, token)).status, 404);
});

test('health reports the engine, the isolation recipe and the mirror', async () => {
  const { status, body } = await api<{
    engine: { reachable: boolean };
    isolation: { recipe: string };
    registryMirror: { reachable: boolean };
  }>(pg.url, 'GET', '/api/health');
  assert.equal(status, 200);
  assert.equal(body.engine.reachable, true);
  assert.equal(body.registryMirror.reachable, true);
  assert.equal(body.isolation.recipe, pg.recipe.name);
});
