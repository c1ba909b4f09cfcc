// The validator against a real sandbox: every check type fails before the learner's docker
// commands and passes after them; the events watcher turns a step green on its own.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import type { CheckInput, CheckResult } from '../../common/checks.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import {
  DockerSandboxShell,
  runCheck,
  runChecks,
  watchSandboxStep,
  type WatchUpdate,
} from '../../server/validation/index.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;
let session: { id: string; token: string };
let sandbox: Docker.Container;
let shell: DockerSandboxShell;

/** Runs a shell script in the sandbox as the learner would, failing the test on a non-zero exit. */
async function sh(script: string): Promise<string> {
  const { exitCode, output } = await execCapture(sandbox, ['bash', '-c', script]);
  assert.equal(exitCode, 0, `script failed:\n${script}\n--- output ---\n${output}`);
  return output;
}

async function fails(check: CheckInput, reason?: RegExp): Promise<CheckResult> {
  const result = await runCheck(shell, check);
  assert.equal(result.ok, false, `${check.type} should fail: ${result.reason}`);
  if (reason) assert.match(result.reason, reason);
  return result;
}

async function passes(check: CheckInput): Promise<CheckResult> {
  const result = await runCheck(shell, check);
  assert.equal(result.ok, true, `${check.type} should pass: ${result.reason}`);
  return result;
}

/** Some apps need a moment to listen: retries a check (bounded) until it passes. */
async function eventuallyPasses(check: CheckInput, timeoutMs = 15_000): Promise<CheckResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await runCheck(shell, check);
    if (result.ok || Date.now() > deadline) {
      assert.equal(result.ok, true, `${check.type} should pass: ${result.reason}`);
      return result;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  pg = await startTestPlayground();
  const created = await readySession(pg.url);
  session = { id: created.session.id, token: created.token };
  sandbox = (await pg.sandboxes.container(session.id))!;
  shell = new DockerSandboxShell(sandbox);
});

after(async () => {
  if (session) await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, session.token);
  await pg?.close();
});

test('network_exists', async () => {
  const check = { type: 'network_exists', network: 'backend-network' } as const;
  await fails(check, /^No network named "backend-network" yet\. Create it with docker network create/);
  await sh('docker network create backend-network');
  await passes(check);
});

test('container_exists, container_running, container_uses_image', async () => {
  const exists = { type: 'container_exists', container: 'redis' } as const;
  const running = { type: 'container_running', container: 'redis' } as const;
  const image = { type: 'container_uses_image', container: 'redis', image: 'redis' } as const;
  await fails(exists, /^No container named "redis" yet/);
  await fails(running, /^No container named "redis" yet/);
  await fails(image, /^No container named "redis" yet/);
  await sh('docker create --name=redis --net=backend-network redis');
  await passes(exists);
  await fails(running, /^Container "redis" exists but is not running \(it was created but never started\)/);
  await sh('docker start redis');
  await passes(running);
  await passes(image);
  await passes({ ...image, image: 'docker.io/library/redis:latest' });
  await fails({ ...image, image: 'postgres:9.4' }, /runs the image redis, not postgres:9\.4/);
});

test('container_on_network and name_resolves, with an alias', async () => {
  const onNetwork = {
    type: 'container_on_network',
    container: 'redis',
    network: 'frontend-network2',
    alias: 'db',
  } as const;
  const resolves = {
    type: 'name_resolves',
    network: 'frontend-network2',
    name: 'db',
    container: 'redis',
  } as const;
  await fails(onNetwork, /^No network named "frontend-network2" yet/);
  await fails(resolves, /^No network named "frontend-network2" yet/);
  await sh('docker network create frontend-network2');
  await fails(onNetwork, /^"redis" is not on frontend-network2 \(it is on backend-network\)/);
  await fails(resolves, /^"redis" is not on frontend-network2/);
  await sh('docker network connect frontend-network2 redis');
  await fails(onNetwork, /^"redis" is on frontend-network2 but without the alias "db"/);
  await fails(resolves, /^On frontend-network2, the name db does not resolve yet/);
  await sh(
    'docker network disconnect frontend-network2 redis && docker network connect --alias db frontend-network2 redis',
  );
  await passes(onNetwork);
  await passes(resolves);
  await passes({ type: 'container_on_network', container: 'redis', network: 'backend-network' });
  await passes({ type: 'name_resolves', network: 'backend-network', name: 'redis', container: 'redis' });
  // Asked from a neighbour on backend-network, the alias of the other network leads nowhere.
  await sh('docker run -d --name=client --net=backend-network alpine sleep 600');
  await fails({ type: 'name_resolves', network: 'backend-network', name: 'db', container: 'redis' });
  await fails(
    { type: 'name_resolves', network: 'bridge', name: 'redis', container: 'redis' },
    /default "bridge" network/,
  );
});

test('port_published, container_link and http_get on the page counter', async () => {
  const published = { type: 'port_published', port: 3000 } as const;
  const publishedBy = { type: 'port_published', container: 'counter', port: 3000 } as const;
  const link = {
    type: 'container_link',
    container: 'counter',
    target: 'redis-server',
    alias: 'redis',
  } as const;
  const page = { type: 'http_get', port: 3000, contains: 'viewed' } as const;
  const pageAtDocker = { type: 'http_get', port: 3000, host: 'docker', contains: 'viewed' } as const;
  await fails(published, /^Nothing is published on port 3000 yet/);
  await fails(publishedBy, /^No container named "counter"/);
  await fails(link, /^No container named "counter"/);
  await fails(page, /^No answer from http:\/\/localhost:3000\/: nothing is listening there yet\.$/);
  await sh('docker run -d --name=redis-server redis');
  await sh(
    'docker run -d --name=counter -p 3000:3000 --link redis-server:redis katacoda/redis-node-docker-example',
  );
  await passes(published);
  await passes(publishedBy);
  await passes(link);
  await fails({ ...link, alias: 'db' }, /as "redis", not as "db"/);
  await fails({ ...publishedBy, port: 8080 }, /publishes 3000 \(its 3000\/tcp\), but not 8080/);
  await eventuallyPasses(page);
  await passes(pageAtDocker);
  await fails(
    { ...page, contains: 'no such words' },
    /answered, but not with "no such words"\. It answered: ".*viewed/,
  );
});

test('volume_exists, volume_mounted, file_contains in a container', async () => {
  const volume = { type: 'volume_exists', volume: 'notes' } as const;
  const mounted = {
    type: 'volume_mounted',
    container: 'notes-app',
    volume: 'notes',
    destination: '/data',
  } as const;
  const file = { type: 'file_contains', container: 'notes-app', path: '/data/n', text: 'kept' } as const;
  await fails(volume, /^No volume named "notes" yet/);
  await fails(mounted, /^No container named "notes-app"/);
  await fails(file, /^No container named "notes-app" yet/);
  await sh('docker volume create notes');
  await passes(volume);
  await sh('docker run -d --name=notes-app -v notes:/data alpine sleep 600');
  await passes(mounted);
  await fails(file, /^There is no file \/data\/n in the container "notes-app" yet\.$/);
  await sh('docker exec notes-app sh -c "echo kept > /data/n"');
  await passes(file);
  await fails({ ...file, text: 'lost' }, /does not contain "lost"/);
  await fails({ ...file, path: '/data' }, /is not a file/);
  // docker cp reads stopped containers too.
  await sh('docker stop -t 0 notes-app');
  await passes(file);
  await fails({ ...mounted, destination: '/notes' }, /has notes mounted at \/data, not at \/notes/);
});

test('file_contains in the sandbox, image_present, container_env', async () => {
  const file = { type: 'file_contains', path: '/root/notes.txt', text: 'hello' } as const;
  await fails(file, /^There is no file \/root\/notes\.txt yet\.$/);
  await sh('echo "hello docker" > /root/notes.txt');
  await passes(file);

  const image = { type: 'image_present', image: 'postgres:9.4' } as const;
  await fails(image, /^The image postgres:9\.4 is not in the sandbox yet/);
  await sh('docker pull -q postgres:9.4');
  await passes(image);
  await passes({ type: 'image_present', image: 'postgres' });
  await fails({ type: 'image_present', image: 'postgres:16' });

  const env = { type: 'container_env', container: 'greeter', name: 'GREETING', value: 'hello' } as const;
  await fails(env, /^No container named "greeter"/);
  await sh('docker run -d --name=greeter -e GREETING=hello alpine sleep 600');
  await passes(env);
  await passes({ type: 'container_env', container: 'greeter', name: 'GREETING', matches: '^hel+o$' });
  await fails({ ...env, value: 'bye' }, /has GREETING="hello", not "bye"/);
  await fails({ ...env, name: 'NAME' }, /has no variable NAME/);
});

test('script: exit 0 passes, the output is the reason, a hung script times out', async () => {
  const script = {
    type: 'script',
    run: 'docker ps --format "{{.Names}}" | grep -qx web || { echo "No container named web is running."; exit 1; }',
  } as const;
  const failed = await fails(script);
  assert.equal(failed.reason, 'No container named web is running.');
  await sh('docker run -d --name=web alpine httpd -f -p 80');
  await passes(script);
  const started = Date.now();
  const hung = await fails(
    { type: 'script', run: 'echo waiting; sleep 30', timeoutSeconds: 1 },
    /^The check did not finish within 1 s\. Its output: waiting$/,
  );
  // Well under the script's 30 s (a busy engine may take seconds to create and start an exec).
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms: ${hung.reason}`);
  // The time limit ended the whole script, its sleep included.
  assert.doesNotMatch(await sh('ps -eo args'), /^sleep 30$/m);
});

test('runChecks answers a step, checks side by side', async () => {
  const step = await runChecks(shell, [
    { type: 'network_exists', network: 'backend-network' },
    { type: 'container_running', container: 'redis' },
    { type: 'container_on_network', container: 'redis', network: 'frontend-network2', alias: 'db' },
    { type: 'port_published', container: 'counter', port: 3000 },
    { type: 'volume_exists', volume: 'no-such-volume' },
  ]);
  assert.deepEqual(
    step.results.map((r) => r.ok),
    [true, true, true, true, false],
  );
  assert.equal(step.passed, false);
});

/** The pids of the sandbox's `docker events` streams, as their pid files name them. */
const eventStreams = async () =>
  new Set((await sh('cat /run/playground-events/* 2>/dev/null || true')).split(/\s+/).filter(Boolean));

test('the events watcher turns a step green after docker network create', async () => {
  // The playground follows the daemon for its own reasons (published ports): follow ours only.
  const streamsBefore = await eventStreams();
  const updates: (WatchUpdate & { at: number })[] = [];
  let ours: string[] = [];
  const watcher = await watchSandboxStep(sandbox, {
    checks: [{ type: 'network_exists', network: 'watched-network' }],
    onUpdate: (u) => updates.push({ ...u, at: Date.now() }),
  });
  try {
    const waitFor = async (cond: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    };
    await waitFor(() => updates.length > 0, 10_000);
    assert.equal(updates[0]?.result.passed, false);
    const until = Date.now() + 10_000;
    while (!ours.length && Date.now() < until)
      ours = [...(await eventStreams())].filter((pid) => !streamsBefore.has(pid));
    assert.equal(ours.length, 1, 'the watcher follows the daemon with one docker events');
    const before = Date.now();
    await sh('docker network create watched-network');
    const created = Date.now();
    await waitFor(() => updates.some((u) => u.result.passed), 10_000);
    const green = updates.find((u) => u.result.passed);
    assert.ok(green, 'the step passed after the event');
    assert.equal(green.trigger, 'events');
    console.log(
      `event-to-result: step passed ${green.at - created} ms after docker network create returned ` +
        `(${green.at - before} ms after it started)`,
    );
    // The Check button.
    assert.equal((await watcher.check()).passed, true);
  } finally {
    await watcher.stop();
  }
  // No `docker events` outlives the watcher: stop() returns once it has exited.
  const state = `s=$(grep '^State' /proc/${ours[0]}/status 2>/dev/null); case "$s" in ''|*Z*) echo gone;; *) echo "$s";; esac`;
  assert.equal((await sh(state)).trim(), 'gone');
});

test('a sandbox that died: failed results with a reason, no crash', async () => {
  const updates: WatchUpdate[] = [];
  const problems: string[] = [];
  const watcher = await watchSandboxStep(sandbox, {
    checks: [{ type: 'container_running', container: 'redis' }],
    onUpdate: (u) => updates.push(u),
    onStreamProblem: (reason) => problems.push(reason),
  });
  try {
    await sandbox.stop({ t: 0 });
    const result = await runCheck(shell, { type: 'container_running', container: 'redis' });
    assert.deepEqual(result, {
      ok: false,
      reason: 'Your sandbox has stopped. Start a new session to continue.',
      message: { code: 'sandbox-stopped', params: {} },
    });
    // The event stream breaks, the watcher answers again: every check says the sandbox stopped.
    const stopped = (u: WatchUpdate) => /sandbox has stopped/.test(u.result.results[0]!.reason);
    const deadline = Date.now() + 10_000;
    while (!updates.some(stopped) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const failed = updates.find(stopped);
    assert.ok(failed, `the watcher reported the stopped sandbox: ${JSON.stringify(updates.at(-1))}`);
    assert.equal(failed.result.passed, false);
    assert.ok(problems.length > 0, 'the broken event stream was reported');
  } finally {
    await watcher.stop();
  }
});
