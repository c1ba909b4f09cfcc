import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { neededKernelLimits, raiseKernelLimits, sysctlCommand } from '../../server/setup/kernel-limits.js';
import { REFUSED_KEYRING_CALLS, sandboxSeccompProfile } from '../../server/sandboxes/seccomp.js';

const config = {
  maxSandboxes: 40,
  limits: { memoryBytes: 2 * 1024 ** 3, cpus: 1, pids: 2048, diskBytes: 4096 * 1024 ** 2 },
};
const needed = (name: string, c = config) => neededKernelLimits(c).find((l) => l.name === name)!.needed;

test('the key quota holds a session keyring for every process every sandbox may run', () => {
  assert.equal(needed('kernel/keys/maxkeys'), 200 + 40 * 2048);
  assert.equal(needed('kernel/keys/maxbytes'), (200 + 40 * 2048) * 100);
});

test('inotify counts are past what every sandbox memory limit can pay for', () => {
  // 2 GiB at 512 bytes an instance, 64 bytes a watch, for each of 40 sandboxes.
  assert.equal(needed('fs/inotify/max_user_instances'), 128 + 40 * 4 * 1024 ** 2);
  assert.equal(needed('fs/inotify/max_user_watches'), 8192 + 40 * 32 * 1024 ** 2);
  const huge = { ...config, maxSandboxes: 10_000 };
  assert.equal(needed('fs/inotify/max_user_watches', huge), 2 ** 31 - 1, 'capped at what an int holds');
});

test('limits are raised, never lowered, and the command to set them by hand names each', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proc-sys-'));
  const limits = neededKernelLimits(config);
  for (const { name } of limits) fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, 'kernel/keys/maxkeys'), '200\n');
  fs.writeFileSync(path.join(dir, 'kernel/keys/maxbytes'), '20000\n');
  fs.writeFileSync(path.join(dir, 'fs/inotify/max_user_instances'), '128\n');
  fs.writeFileSync(path.join(dir, 'fs/inotify/max_user_watches'), `${2 ** 31 - 1}\n`);
  const raised = await raiseKernelLimits(limits, dir);
  assert.deepEqual(
    raised.map((l) => l.name),
    ['kernel/keys/maxkeys', 'kernel/keys/maxbytes', 'fs/inotify/max_user_instances'],
  );
  assert.equal(fs.readFileSync(path.join(dir, 'kernel/keys/maxkeys'), 'utf8'), '82120\n');
  assert.equal(fs.readFileSync(path.join(dir, 'fs/inotify/max_user_watches'), 'utf8'), `${2 ** 31 - 1}\n`);
  assert.match(
    sysctlCommand(raised),
    /^sysctl -w kernel\.keys\.maxkeys=82120 kernel\.keys\.maxbytes=8212000 /,
  );
});

test("the sandbox's seccomp profile refuses the keyring calls with ENOSYS and allows the rest", () => {
  const profile = JSON.parse(sandboxSeccompProfile()) as {
    defaultAction: string;
    archMap: { architecture: string; subArchitectures: string[] }[];
    syscalls: { names: string[]; action: string; errnoRet: number }[];
  };
  assert.equal(profile.defaultAction, 'SCMP_ACT_ALLOW');
  assert.deepEqual(profile.syscalls, [
    { names: [...REFUSED_KEYRING_CALLS], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
  ]);
  assert.deepEqual([...REFUSED_KEYRING_CALLS], ['add_key', 'keyctl', 'request_key']);
  const x86 = profile.archMap.find((a) => a.architecture === 'SCMP_ARCH_X86_64')!;
  assert.ok(x86.subArchitectures.includes('SCMP_ARCH_X86'), '32-bit calls are covered too');
});
