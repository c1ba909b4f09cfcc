// What lessons need inside a user-namespaced sandbox keeps working: nested runs, user
// networks, embedded DNS, aliases, links, published ports, builds, volumes and compose.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;
let session: { id: string; token: string };
let sandbox: Docker.Container;

/** Runs a shell script in the sandbox as the learner would, failing the test on a non-zero exit. */
async function sh(script: string): Promise<string> {
  const { exitCode, output } = await execCapture(sandbox, ['bash', '-c', script]);
  assert.equal(exitCode, 0, `script failed:\n${script}\n--- output ---\n${output}`);
  return output;
}

before(async () => {
  pg = await startTestPlayground();
  const created = await readySession(pg.url);
  session = { id: created.session.id, token: created.token };
  sandbox = (await pg.sandboxes.container(session.id))!;
});

after(async () => {
  if (session) await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, session.token);
  await pg?.close();
});

test('the sandbox is user-namespaced: its root is not root on the host', async () => {
  assert.equal(pg.recipe.name, 'userns');
  const map = await sh('cat /proc/self/uid_map');
  assert.doesNotMatch(map, /^\s*0\s+0\s+4294967295\s*$/m);
});

test('user networks, embedded DNS and aliases', async () => {
  await sh('docker network create backend-network >/dev/null');
  await sh('docker run -d --name=redis --net=backend-network redis >/dev/null');
  assert.match(
    await sh('docker run --rm --net=backend-network alpine cat /etc/resolv.conf'),
    /nameserver 127\.0\.0\.11/,
  );
  assert.match(await sh('docker run --rm --net=backend-network alpine ping -c1 redis'), /1 packets received/);
  await sh(
    'docker network create frontend-network2 >/dev/null && docker network connect --alias db frontend-network2 redis',
  );
  assert.match(await sh('docker run --rm --net=frontend-network2 alpine ping -c1 db'), /1 packets received/);
});

test('links set variables and a hosts entry', async () => {
  await sh('docker run -d --name=redis-server redis >/dev/null');
  const env = await sh('docker run --rm --link redis-server:redis alpine env');
  assert.match(env, /^REDIS_PORT=tcp:\/\/\d+\.\d+\.\d+\.\d+:6379$/m);
  const hosts = await sh('docker run --rm --link redis-server:redis alpine cat /etc/hosts');
  assert.match(hosts, /\sredis\s.*redis-server|\sredis-server\s.*redis|redis redis-server/);
});

test('a published port answers at the host name docker', async () => {
  await sh('docker run -d --name=counter-redis redis >/dev/null');
  await sh(
    'docker run -d --name=counter -p 3000:3000 --link counter-redis:redis katacoda/redis-node-docker-example >/dev/null',
  );
  // The app needs a moment to listen; a bounded retry.
  const out = await sh('for i in $(seq 1 50); do curl -sf docker:3000 && exit 0; sleep 0.2; done; exit 1');
  assert.match(out, /viewed 1 times/i);
  assert.match(await sh('curl -sf docker:3000'), /viewed 2 times/i);
});

test('docker build, volumes and docker exec into a non-root container', async () => {
  await sh(
    'mkdir -p /root/app && printf "FROM alpine\\nRUN echo built > /built.txt\\nCMD cat /built.txt\\n" > /root/app/Dockerfile',
  );
  await sh('docker build -q -t my-app /root/app >/dev/null');
  assert.match(await sh('docker run --rm my-app'), /^built$/m);
  await sh(
    'docker volume create notes >/dev/null && docker run --rm -v notes:/data alpine sh -c "echo kept > /data/n"',
  );
  assert.match(await sh('docker run --rm -v notes:/data alpine cat /data/n'), /^kept$/m);
  await sh('docker run -d --name=pg postgres:9.4 >/dev/null');
  const ready =
    'for i in $(seq 1 100); do docker exec pg psql -U postgres -tAc "select 40+2" 2>/dev/null && exit 0; sleep 0.3; done; exit 1';
  assert.match(await sh(ready), /^42$/m);
});

test('compose is present and runs a small project', async () => {
  await sh(
    'mkdir -p /root/stack && printf "services:\\n  cache:\\n    image: redis\\n  probe:\\n    image: alpine\\n    command: ping -c1 cache\\n    depends_on: [cache]\\n" > /root/stack/docker-compose.yml',
  );
  const out = await sh(
    'cd /root/stack && docker-compose up --exit-code-from probe probe 2>&1; docker-compose down >/dev/null 2>&1; true',
  );
  assert.match(out, /1 packets received/);
});
