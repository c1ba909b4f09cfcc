// PLAYGROUND_MIRROR_UPSTREAM, with no internet: a second registry on the loopback (the kit's
// registry:2 stand-in, in the host engine) plays Docker Hub and holds an image the mirror lacks.
// A playground whose mirror is a pull-through cache of it lets a sandbox pull that image; the
// playground without the setting answers the same pull with the list of images it has.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import type { RunningPlayground } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { engineEndpoint } from '../../server/engine/connect.js';
import { execCapture } from '../../server/engine/exec.js';
import { freeLoopbackPort, registryAnswers } from '../../server/registry/process.js';
import { stopMirror } from '../../server/registry/index.js';
import { FIREWALL_CHAIN } from '../../server/sandboxes/firewall.js';
import { shellQuote } from '../../server/validation/shell.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

const run = promisify(execFile);
const config = loadConfig();
const { docker } = engineEndpoint(config.dockerHost);
/** An image only the upstream holds, under a Docker Hub name. */
const PROBE = 'upstream-only-probe';
const UPSTREAM_NAME = `playground-upstream-test-${process.pid}`;

let upstreamPort = 0;
let stateDir = '';
let mirrorPort = 0;
let firewallRule: string[] | undefined;

/** Runs a bash script in a fresh sandbox of `pg`, as a learner would; ends the session after. */
async function inSandbox(pg: RunningPlayground, script: string) {
  const { session, token } = await readySession(pg.url);
  try {
    const sandbox: Docker.Container = (await pg.sandboxes.container(session.id))!;
    return await execCapture(sandbox, ['bash', '-c', `timeout 120 bash -c ${shellQuote(script)}`]);
  } finally {
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
}

/** Pushes a kit image into the upstream as library/PROBE (the host engine trusts the loopback). */
async function fillUpstream(): Promise<void> {
  const ref = `127.0.0.1:${upstreamPort}/library/${PROBE}`;
  await docker.getImage('playground/lesson-hello-world:latest').tag({ repo: ref, tag: 'latest' });
  const stream = await docker.getImage(`${ref}:latest`).push({ authconfig: {} });
  const events = await new Promise<{ error?: string }[]>((resolve, reject) =>
    docker.modem.followProgress(stream, (err, out) =>
      err ? reject(err) : resolve(out as { error?: string }[]),
    ),
  );
  const failed = events.find((e) => e.error);
  assert.equal(failed, undefined, `push to the upstream failed: ${failed?.error}`);
  await docker.getImage(`${ref}:latest`).remove();
}

before(async () => {
  upstreamPort = await freeLoopbackPort();
  const upstream = await docker.createContainer({
    name: UPSTREAM_NAME,
    Image: 'playground/lesson-registry:latest',
    HostConfig: { PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: String(upstreamPort) }] } },
  });
  await upstream.start();
  // A timer of the test's own holds the process while a probe waits (fetch's timeout does not).
  const answers = () =>
    Promise.race([registryAnswers('127.0.0.1', upstreamPort), sleep(3000).then(() => false)]);
  for (let i = 0; i < 100 && !(await answers()); i++) await sleep(100);
  await fillUpstream();
  // The pull-through mirror keeps a state dir of its own (its pid file, config and cache), so
  // the machine's mirror goes on serving; it reuses the registry program setup found.
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'playground-upstream-'));
  await mkdir(path.join(stateDir, 'cache'));
  await symlink(
    path.join(config.stateDir, 'cache', 'docker-registry'),
    path.join(stateDir, 'cache', 'docker-registry'),
  );
  mirrorPort = await freeLoopbackPort();
});

/**
 * The host firewall lets sandboxes reach the machine's mirror port only; this one too, until
 * the end. After setup, which rewrites the chain on the machine's engine.
 */
async function openMirrorPort(): Promise<void> {
  const chain = await run('iptables', ['-S', FIREWALL_CHAIN]).catch(() => undefined);
  if (!chain) return;
  firewallRule = [FIREWALL_CHAIN, '-p', 'tcp', '--dport', String(mirrorPort), '-j', 'RETURN'];
  await run('iptables', ['-I', firewallRule[0]!, '2', ...firewallRule.slice(1)]);
}

after(async () => {
  if (firewallRule) await run('iptables', ['-D', ...firewallRule]).catch(() => undefined);
  if (stateDir) {
    await stopMirror(stateDir);
    await rm(stateDir, { recursive: true, force: true });
  }
  await docker
    .getContainer(UPSTREAM_NAME)
    .remove({ force: true, v: true })
    .catch(() => undefined);
});

test('without PLAYGROUND_MIRROR_UPSTREAM, a pull of an image the mirror lacks names the images there are', async () => {
  const pg = await startTestPlayground();
  try {
    const pull = await inSandbox(pg, `docker pull ${PROBE}`);
    assert.notEqual(pull.exitCode, 0);
    assert.match(pull.output, /has no such image/);
    assert.match(pull.output, /The images it has/);
  } finally {
    await pg.close();
  }
});

test('with PLAYGROUND_MIRROR_UPSTREAM, the mirror pulls the image through from the upstream', async () => {
  const pg = await startTestPlayground({
    stateDir,
    mirrorPort,
    mirrorUpstream: `http://127.0.0.1:${upstreamPort}`,
  });
  try {
    await openMirrorPort();
    const pull = await inSandbox(pg, `docker pull ${PROBE} && docker run --rm ${PROBE}`);
    assert.equal(pull.exitCode, 0, pull.output);
    assert.match(pull.output, /Hello from Docker!/);
    // The mirror cached it: the upstream's copy is what the mirror now serves.
    const tags = await fetch(`http://127.0.0.1:${mirrorPort}/v2/library/${PROBE}/tags/list`);
    assert.equal(tags.status, 200);
  } finally {
    await pg.close();
  }
});
