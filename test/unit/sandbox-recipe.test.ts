import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineCapabilities } from '../../server/engine/capabilities.js';
import { parseRemappedRoot } from '../../server/engine/capabilities.js';
import {
  chooseRecipe,
  sandboxCreateOptions,
  SANDBOX_EXTRA_CAPABILITIES,
} from '../../server/sandboxes/recipe.js';
import { cgroupDirectories, parseCgroupMounts } from '../../server/sandboxes/cgroups.js';

const caps = (over: Partial<EngineCapabilities> = {}): EngineCapabilities => ({
  version: '20.10',
  userns: true,
  remappedRoot: { uid: 100000, gid: 100000 },
  cgroupVersion: '1',
  runtimes: ['runc'],
  ...over,
});

test('the user-namespaced recipe is chosen where the engine allows it', () => {
  assert.deepEqual(chooseRecipe(caps(), true), { name: 'userns', isolatesHost: true });
});

test('without userns, or on a remote engine, the plain recipe says it does not isolate the host', () => {
  const plain = chooseRecipe(caps({ userns: false, remappedRoot: undefined }), true);
  assert.equal(plain.name, 'plain');
  assert.equal(plain.isolatesHost, false);
  assert.match(plain.warning!, /do not isolate the host/);
  assert.match(plain.warning!, /--userns-remap/);
  assert.match(chooseRecipe(caps(), false).warning!, /remote/);
});

test('a sandbox gets only the capabilities dind needs, never privileged or ALL', () => {
  const opts = sandboxCreateOptions({
    name: 'playground-abc-docker',
    image: 'playground/sandbox:latest',
    hostName: 'docker',
    network: 'playground-abc-net',
    volume: 'playground-abc-docker-data',
    labels: { a: 'b' },
    mirror: '10.96.0.1:5000',
    limits: { memoryBytes: 1 << 30, cpus: 1.5, pids: 512, diskBytes: 1 << 30 },
    runtime: 'runc',
    recipe: 'userns',
  });
  const host = opts.HostConfig! as typeof opts.HostConfig & { CgroupnsMode?: string };
  const capAdd = (host.CapAdd ?? []) as string[];
  assert.ok(!capAdd.includes('ALL') && !capAdd.includes('SYS_MODULE'));
  assert.deepEqual(capAdd, [...SANDBOX_EXTRA_CAPABILITIES]);
  assert.notEqual(host!.Privileged, true);
  assert.equal(host!.CgroupnsMode, 'private');
  const [seccomp] = (host.SecurityOpt ?? []) as string[];
  assert.ok(seccomp?.startsWith('seccomp={'), 'its own seccomp profile, not unconfined');
  assert.match(seccomp!, /"keyctl"/);
  assert.equal(host!.Memory, 1 << 30);
  assert.equal(host!.NanoCpus, 1.5e9);
  assert.equal(host!.PidsLimit, 512);
  assert.equal(host!.NetworkMode, 'playground-abc-net');
  assert.deepEqual(opts.Env, ['MIRROR=10.96.0.1:5000']);
  assert.equal(opts.Hostname, 'docker');
  assert.deepEqual(opts.NetworkingConfig!.EndpointsConfig!['playground-abc-net']!.Aliases, ['docker']);
});

test('the runtime is a setting, and the recipe adapts to it', () => {
  const withRuntimes = caps({ runtimes: ['runc', 'sysbox-runc', 'kata'] });
  assert.deepEqual(chooseRecipe(withRuntimes, true, 'sysbox-runc'), { name: 'sysbox', isolatesHost: true });
  assert.deepEqual(chooseRecipe(withRuntimes, true, 'kata'), { name: 'vm', isolatesHost: true });
  assert.throws(() => chooseRecipe(caps(), true, 'sysbox-runc'), /only has: runc/);
  const sysbox = sandboxCreateOptions({
    name: 'n',
    image: 'i',
    hostName: 'docker',
    network: 'net',
    volume: 'v',
    labels: {},
    limits: { memoryBytes: 1, cpus: 1, pids: 1, diskBytes: 1 },
    runtime: 'sysbox-runc',
    recipe: 'sysbox',
  }).HostConfig!;
  assert.equal(sysbox.CapAdd, undefined);
  assert.equal(sysbox.SecurityOpt, undefined);
  assert.equal(sysbox.Runtime, 'sysbox-runc');
});

test('the remapped root is read from the engine root directory', () => {
  assert.deepEqual(parseRemappedRoot('/var/lib/docker/165536.165536'), { uid: 165536, gid: 165536 });
  assert.equal(parseRemappedRoot('/var/lib/docker'), undefined);
});

const MOUNTINFO_V1 = [
  '30 25 0:26 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755',
  '31 30 0:27 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
  '32 30 0:28 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
  '33 30 0:29 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd',
  '34 30 0:30 / /sys/fs/cgroup/net_cls,net_prio rw,relatime - cgroup cgroup rw,net_cls,net_prio',
].join('\n');

test("a sandbox's cgroup directories are found for every hierarchy (v1)", () => {
  const proc = [
    '5:net_cls,net_prio:/docker/abc',
    '4:memory:/docker/abc',
    '2:cpu:/docker/abc',
    '1:name=systemd:/docker/abc',
    '0::/',
  ].join('\n');
  assert.deepEqual(cgroupDirectories(proc, parseCgroupMounts(MOUNTINFO_V1)).sort(), [
    '/sys/fs/cgroup/cpu/docker/abc',
    '/sys/fs/cgroup/memory/docker/abc',
    '/sys/fs/cgroup/net_cls,net_prio/docker/abc',
    '/sys/fs/cgroup/systemd/docker/abc',
  ]);
});

test("a sandbox's cgroup directory is found on the unified hierarchy (v2)", () => {
  const mounts = parseCgroupMounts('40 25 0:35 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate');
  assert.deepEqual(cgroupDirectories('0::/system.slice/docker-abc.scope\n', mounts), [
    '/sys/fs/cgroup/system.slice/docker-abc.scope',
  ]);
});

test('the root cgroup is never handed out', () => {
  assert.deepEqual(cgroupDirectories('4:memory:/\n', parseCgroupMounts(MOUNTINFO_V1)), []);
});
