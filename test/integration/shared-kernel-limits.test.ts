// Per-user kernel limits every sandbox draws from together (kernel keys, inotify): one
// learner takes all they can, and another learner can still exec into their sandbox, run a
// nested container and start a new session, and the host can still watch files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import type { RunningPlayground } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { execCapture } from '../../server/engine/exec.js';
import { neededKernelLimits } from '../../server/setup/kernel-limits.js';
import { cgroupDirectories, parseCgroupMounts } from '../../server/sandboxes/cgroups.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;
const sessions: { id: string; token: string }[] = [];
let hog: Docker.Container;
let other: Docker.Container;

/** Every holder stops by itself after this long, even if the test dies. */
const HOLD_SECONDS = 120;

/** Adds user keys to a session keyring of its own until the kernel refuses (at most 100,000). */
const TAKE_KEYS = `
my ($ring, $type, $payload, $n) = ("hog-$$", "user", "x", 0);
syscall(250, 1, $ring); # keyctl(KEYCTL_JOIN_SESSION_KEYRING)
for my $i (1 .. 100000) { my $d = "k$i"; last if syscall(248, $type, $d, $payload, 1, -3) < 0; $n++ }
print "$n\\n";`;

/** Opens inotify instances as 150 different users, 128 each, until the kernel refuses. */
const TAKE_INOTIFY = `
my $n = 0;
USER: for my $uid (1000 .. 1149) {
  $> = $uid;
  for (1 .. 128) { last USER if syscall(294, 0) < 0; $n++ }
  $> = 0;
}
print "$n\\n";`;

/** Starts a perl holder in the background; resolves with what it printed once it holds. */
async function holdInSandbox(container: Docker.Container, name: string, perl: string): Promise<number> {
  const script = `${perl}\nclose STDOUT; sleep ${HOLD_SECONDS};`;
  const start = await execCapture(container, [
    'sh',
    '-c',
    `cat >/tmp/${name}.pl <<'EOF'\n${script}\nEOF\n` +
      `setsid perl /tmp/${name}.pl >/tmp/${name}.out 2>&1 & echo $! >/tmp/${name}.pid\n` +
      `for i in $(seq 300); do [ -s /tmp/${name}.out ] && break; sleep 0.1; done; cat /tmp/${name}.out`,
  ]);
  return Number(start.output.trim());
}

async function stopHolder(container: Docker.Container, name: string): Promise<void> {
  await execCapture(container, ['sh', '-c', `kill $(cat /tmp/${name}.pid) 2>/dev/null; true`]);
}

/** What another learner needs: an exec, a nested container, and a new session. */
async function othersStillWork(): Promise<void> {
  const exec = await execCapture(other, ['echo', 'exec works']).catch((err: Error) => ({
    exitCode: -1,
    output: err.message,
  }));
  assert.equal(exec.output.trim(), 'exec works', `another sandbox's exec: ${exec.output}`);
  const nested = await execCapture(other, ['docker', 'run', '--rm', 'alpine', 'echo', 'nested works']);
  assert.match(nested.output, /nested works/, `a nested run in another sandbox: ${nested.output}`);
  const fresh = await readySession(pg.url);
  await api(pg.url, 'DELETE', `/api/sessions/${fresh.session.id}`, fresh.token);
}

/** Opens up to `count` inotify instances in a host process and says how many it got. */
function hostInotify(count: number): number {
  const perl = `my $n = 0; for (1 .. ${count}) { last if syscall(294, 0) < 0; $n++ } print $n;`;
  return Number(execFileSync('perl', ['-e', perl]).toString());
}

/**
 * The kernel memory charged to a sandbox's cgroup: where inotify instances land. Page cache
 * (which the kernel may drop at any moment) is left out, so the figure moves only with them.
 */
async function kernelMemoryNow(container: Docker.Container): Promise<number> {
  const { State } = await container.inspect();
  const dirs = cgroupDirectories(
    readFileSync(`/proc/${State.Pid}/cgroup`, 'utf8'),
    parseCgroupMounts(readFileSync('/proc/self/mountinfo', 'utf8')),
  );
  const v1 = dirs.find((d) => d.includes('/memory/'));
  if (v1) return Number(readFileSync(`${v1}/memory.kmem.usage_in_bytes`, 'utf8'));
  const stat = readFileSync(`${dirs[0]!}/memory.stat`, 'utf8');
  return Number(/^(?:kernel|slab) (\d+)$/m.exec(stat)?.[1] ?? NaN);
}

/** The same, once it has settled (processes that just ended free theirs): two reads within 1 MiB. */
async function kernelMemory(container: Docker.Container): Promise<number> {
  let last = await kernelMemoryNow(container);
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await kernelMemoryNow(container);
    if (Math.abs(now - last) < 1024 * 1024) return now;
    last = now;
  }
  return last;
}

before(async () => {
  pg = await startTestPlayground();
  for (let i = 0; i < 2; i++) {
    const { session, token } = await readySession(pg.url);
    sessions.push({ id: session.id, token });
  }
  hog = (await pg.sandboxes.container(sessions[0]!.id))!;
  other = (await pg.sandboxes.container(sessions[1]!.id))!;
});

after(async () => {
  for (const s of sessions)
    await api(pg.url, 'DELETE', `/api/sessions/${s.id}`, s.token).catch(() => undefined);
  await pg?.close();
});

test('the host limits are at least what every sandbox can hold', () => {
  for (const { name, needed } of neededKernelLimits(loadConfig())) {
    const current = Number(readFileSync(`/proc/sys/${name}`, 'utf8'));
    assert.ok(current >= needed, `${name} is ${current}, below ${needed}`);
  }
});

test('a learner who takes every kernel key they can leaves others their exec, nested run and new session', async (t) => {
  const taken = await holdInSandbox(hog, 'keys', TAKE_KEYS);
  t.diagnostic(`the learner took ${taken} keys`);
  try {
    await othersStillWork();
  } finally {
    await stopHolder(hog, 'keys');
  }
  // kernel-limits.ts counts on this: a sandbox holds only runc's session keyrings, never keys of its own.
  assert.equal(taken, 0, 'the seccomp profile refuses the learner any key of their own');
  const probe = await execCapture(hog, [
    'perl',
    '-e',
    'my ($t, $d, $p) = ("user", "probe", "x"); print syscall(248, $t, $d, $p, 1, -3) < 0 ? "refused " . ($! + 0) : "made"',
  ]);
  assert.match(probe.output.trim(), /^refused (1|38)$/, `add_key in a sandbox: ${probe.output}`);
});

test('processes left behind by many execs (closed terminals, checks) hold keys within the pids limit only', async () => {
  // Each exec has its own session keyring; a process left behind keeps it.
  const leftBehind = 250;
  for (let i = 0; i < leftBehind; i++) {
    await execCapture(hog, [
      'sh',
      '-c',
      `setsid sleep ${HOLD_SECONDS} >/dev/null 2>&1 & echo $! >>/tmp/left.pids`,
    ]);
  }
  try {
    await othersStillWork();
  } finally {
    // They are gone before the next test measures the sandbox's memory (at most 10 s).
    await execCapture(hog, [
      'sh',
      '-c',
      'p=$(cat /tmp/left.pids); kill $p 2>/dev/null; ' +
        'for i in $(seq 100); do kill -0 $p 2>/dev/null || break; sleep 0.1; done; rm -f /tmp/left.pids',
    ]);
  }
});

test('a learner who opens every inotify instance they can leaves others and the host theirs', async (t) => {
  const before = await kernelMemory(hog);
  const taken = await holdInSandbox(hog, 'inotify', TAKE_INOTIFY);
  try {
    const charged = (await kernelMemory(hog)) - before;
    t.diagnostic(`the learner holds ${taken} inotify instances; its kernel memory grew by ${charged} bytes`);
    assert.equal(hostInotify(20), 20, 'the host can still open inotify instances');
    const inOther = await execCapture(other, [
      'perl',
      '-e',
      'my $n = 0; for (1 .. 20) { $n++ if syscall(294, 0) >= 0 } print $n',
    ]);
    assert.equal(inOther.output.trim(), '20', 'another sandbox can still open inotify instances');
    await othersStillWork();
    // The bound on one sandbox is its memory: what it opens is charged to its own cgroup. An
    // instance costs its kernel objects (about 0.4 to 1 KiB here); the floor is under that
    // (other kernel objects come and go meanwhile), and far above nothing.
    if (taken > 1000) assert.ok(charged >= taken * 256, `${taken} instances charged only ${charged} bytes`);
  } finally {
    await stopHolder(hog, 'inotify');
  }
});
