// The escape battery, run from a learner's shell. On the default sandbox every probe
// must be refused. On a deliberately weakened sandbox (no user namespace, extra
// capabilities, host network, the host engine's socket, a writable registry; for the probes
// that change their own network, a bridge the host firewall does not cover) every probe
// must get through, which shows each probe can tell an open door from a closed one.
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type Docker from 'dockerode';
import type { RunningPlayground } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { registryBinary } from '../../server/registry/binary.js';
import { execCapture } from '../../server/engine/exec.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';
import { PROBES, type Probe } from '../support/escape-probes.js';
import { linkLocalAddress, ORACLE_ANSWER, startOracle, type Oracle } from '../support/escape-oracle.js';

let pg: RunningPlayground;
const sessions: { id: string; token: string }[] = [];
let learner: Docker.Container;
let otherIp: string;
let hostEngineId: string;
let weakened: Docker.Container | undefined;
let weakenedOnBridge: Docker.Container | undefined;
let oracle: Oracle;
let writableRegistry: ChildProcess | undefined;
let loopDevice: string | undefined;
let hostBlockDev = '';
const WRITABLE_REGISTRY_PORT = 5099;
/** A bridge outside the host firewall's `br-+` and `docker0` (at most 15 characters). */
const UNGUARDED_BRIDGE = 'pgescweak0';
const UNGUARDED_NETWORK = 'playground-escape-unguarded';
const mirrorPort = loadConfig().mirrorPort;

async function sandboxAddress(
  container: Docker.Container,
): Promise<{ ip: string; gateway: string; networkId: string }> {
  const info = await container.inspect();
  const net = Object.values(info.NetworkSettings.Networks)[0]!;
  return { ip: net.IPAddress, gateway: net.Gateway, networkId: net.NetworkID };
}

/** What the network probes need to find the host and its oracle from a container on a bridge. */
async function oracleEnv(container: Docker.Container, bridge?: string): Promise<Record<string, string>> {
  const { ip, networkId } = await sandboxAddress(container);
  oracle.answerTo.add(ip);
  return {
    HOST_ADDR6: linkLocalAddress(bridge ?? `br-${networkId.slice(0, 12)}`),
    ORACLE_PORT: String(oracle.port),
    ORACLE_ANSWER,
  };
}

async function runProbe(container: Docker.Container, script: string, env: Record<string, string>) {
  const exports = Object.entries(env)
    .map(([k, v]) => `export ${k}='${v}'`)
    .join('\n');
  const { exitCode, output } = await execCapture(container, [
    'timeout',
    '20',
    'sh',
    '-c',
    `${exports}\n${script}`,
  ]);
  return { escaped: exitCode === 0, output: output.trim().split('\n').at(-1) ?? '' };
}

before(async () => {
  // Listening on every address shows the host firewall, not the bind address, keeps
  // sandboxes away from the server.
  pg = await startTestPlayground({ host: '0.0.0.0' });
  oracle = await startOracle();
  for (let i = 0; i < 2; i++) {
    const { session, token } = await readySession(pg.url);
    sessions.push({ id: session.id, token });
  }
  learner = (await pg.sandboxes.container(sessions[0]!.id))!;
  otherIp = (await sandboxAddress((await pg.sandboxes.container(sessions[1]!.id))!)).ip;
  hostEngineId = ((await pg.sandboxes.docker.info()) as { ID: string }).ID;
  // A host block device with a file system, made from a small file of the test's own.
  const image = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'escape-disk-')), 'disk.img');
  execFileSync('truncate', ['-s', '8M', image]);
  execFileSync('mkfs.ext4', ['-q', '-F', image]);
  loopDevice = execFileSync('losetup', ['-f', '--show', image]).toString().trim();
  const { rdev } = fs.statSync(loopDevice);
  hostBlockDev = `${(rdev >> 8) & 0xfff}:${(rdev & 0xff) | ((rdev >> 12) & 0xfff00)}`;
});

after(async () => {
  for (const s of sessions)
    await api(pg.url, 'DELETE', `/api/sessions/${s.id}`, s.token).catch(() => undefined);
  await weakened?.remove({ force: true }).catch(() => undefined);
  await weakenedOnBridge?.remove({ force: true }).catch(() => undefined);
  await pg?.sandboxes.docker
    .getNetwork(UNGUARDED_NETWORK)
    .remove()
    .catch(() => undefined);
  await oracle?.close();
  writableRegistry?.kill();
  if (loopDevice) execFileSync('losetup', ['-d', loopDevice]);
  await pg?.close();
});

describe('the default sandbox keeps the learner inside', () => {
  for (const probe of PROBES) {
    test(`refused: ${probe.name}`, async () => {
      const { gateway } = await sandboxAddress(learner);
      const result = await runProbe(learner, probe.script, {
        HOST_ADDR: gateway,
        SERVER_PORT: new URL(pg.url).port,
        REGISTRY: `${gateway}:${mirrorPort}`,
        OTHER_IP: otherIp,
        HOST_ENGINE_ID: hostEngineId,
        HOST_BLOCK_DEV: hostBlockDev,
        ...(await oracleEnv(learner)),
      });
      assert.equal(result.escaped, false, `the probe got out: ${result.output}`);
      assert.match(result.output, /^REFUSED: /);
    });
  }
});

/** A container as weak as the host-network one, on a bridge the host firewall does not cover. */
async function startOnUnguardedBridge(docker: Docker, image: string): Promise<Docker.Container> {
  await docker
    .getNetwork(UNGUARDED_NETWORK)
    .remove()
    .catch(() => undefined);
  await docker.createNetwork({
    Name: UNGUARDED_NETWORK,
    Driver: 'bridge',
    Internal: true,
    Options: { 'com.docker.network.bridge.name': UNGUARDED_BRIDGE },
    Labels: { 'io.docker-playground.test': 'escape-weakened' },
  });
  const container = await docker.createContainer({
    Image: image,
    Entrypoint: ['sleep', 'infinity'],
    Labels: { 'io.docker-playground.test': 'escape-weakened' },
    HostConfig: {
      UsernsMode: 'host',
      NetworkMode: UNGUARDED_NETWORK,
      CapAdd: ['SYS_ADMIN', 'NET_ADMIN'],
      SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
      Memory: 512 * 1024 * 1024,
    } as Docker.HostConfig,
  });
  await container.start();
  return container;
}

/** Where the host is for a weakened probe: its loopback, or its address on the unguarded bridge. */
async function weakenedNetworkEnv(probe: Probe): Promise<Record<string, string>> {
  if (!probe.ownNetwork) return { HOST_ADDR: '127.0.0.1' };
  const { gateway } = await sandboxAddress(weakenedOnBridge!);
  return { HOST_ADDR: gateway, ...(await oracleEnv(weakenedOnBridge!, UNGUARDED_BRIDGE)) };
}

describe('a weakened sandbox lets every probe through (so each probe can fail)', () => {
  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escape-registry-'));
    const config = path.join(dir, 'config.yml');
    fs.writeFileSync(
      config,
      `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${WRITABLE_REGISTRY_PORT}\n`,
    );
    // The same registry binary the playground's mirror runs, found where setup put it.
    const bin = await registryBinary(loadConfig().stateDir, () => undefined);
    writableRegistry = spawn(bin, ['serve', config], { stdio: 'ignore' });
    const docker = pg.sandboxes.docker;
    const image = (await learner.inspect()).Config.Image;
    weakened = await docker.createContainer({
      Image: image,
      Entrypoint: ['sleep', 'infinity'],
      Labels: { 'io.docker-playground.test': 'escape-weakened' },
      HostConfig: {
        UsernsMode: 'host',
        NetworkMode: 'host',
        CgroupnsMode: 'private',
        CapAdd: ['SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE'],
        SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
        DeviceCgroupRules: ['b *:* rm'],
        Binds: ['/var/run/docker.sock:/host/docker.sock'],
        Memory: 512 * 1024 * 1024,
      } as Docker.HostConfig,
    });
    await weakened.start();
    weakenedOnBridge = await startOnUnguardedBridge(docker, image);
    for (let i = 0; i < 50; i++) {
      const up = await fetch(`http://127.0.0.1:${WRITABLE_REGISTRY_PORT}/v2/`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  for (const probe of PROBES) {
    test(`escapes: ${probe.name}`, async () => {
      const container = probe.ownNetwork ? weakenedOnBridge! : weakened!;
      const result = await runProbe(container, probe.script, {
        ...(await weakenedNetworkEnv(probe)),
        SERVER_PORT: new URL(pg.url).port,
        REGISTRY: `127.0.0.1:${WRITABLE_REGISTRY_PORT}`,
        OTHER_IP: otherIp,
        HOST_ENGINE_ID: hostEngineId,
        HOST_BLOCK_DEV: hostBlockDev,
      });
      assert.equal(result.escaped, true, `the probe could not tell: ${result.output}`);
    });
  }
});
