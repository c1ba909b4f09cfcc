// The machine's limits on real sandboxes: a sandbox's disk is its own (a full one is that
// learner's error only, and what it writes never lands on the host's disk), its disk and
// loop device go with it, and a new session is refused while the machine's reserve is short.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import type { HealthView } from '../../common/api.js';
import type { RunningPlayground } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { execCapture } from '../../server/engine/exec.js';
import { OUT_OF } from '../../server/sandboxes/capacity.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

const MiB = 1024 * 1024;
/** Small, so filling it takes seconds; the sandbox's daemon and alpine need a few MiB. */
const DISK_MB = 256;

const defaults = loadConfig();
const running: RunningPlayground[] = [];
after(async () => {
  for (const pg of running) await pg.close();
});

async function start(overrides: Parameters<typeof startTestPlayground>[0]): Promise<RunningPlayground> {
  const pg = await startTestPlayground(overrides);
  running.push(pg);
  return pg;
}

/** This instance's disk files and the loop devices backed by them. */
function disksOf(pg: RunningPlayground, dir: string) {
  const mine = (name: string) => pg.sandboxes.scope.ownsName(path.basename(name).replace(/\.img$/, ''));
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir).filter(mine) : [];
  const files = entries.filter((name) => name.endsWith('.img'));
  const loops = execFileSync('losetup', ['-a', '-O', 'BACK-FILE', '-n'])
    .toString()
    .split('\n')
    .map((l) => l.trim().replace(/ \(deleted\)$/, ''))
    .filter((file) => file.startsWith(dir + path.sep) && mine(file));
  return { files: files.length, mountPoints: entries.length - files.length, loops: loops.length };
}

/**
 * A log file's size once the engine has stopped writing it. The engine copies the output
 * after the writer is done and rotates the file meanwhile (it is briefly absent), so the
 * size is read until two reads 300 ms apart agree, for at most 15 s.
 */
async function settledSize(file: string): Promise<number> {
  const sizeNow = () => fs.statSync(file, { throwIfNoEntry: false })?.size ?? -1;
  let last = -2;
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    const size = sizeNow();
    if (size >= 0 && size === last) return size;
    last = size;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${file} did not settle within 15 s (last size ${last})`);
}

const sh = async (pg: RunningPlayground, sessionId: string, script: string) =>
  execCapture((await pg.sandboxes.container(sessionId))!, ['sh', '-c', script]);

test("a full disk is the learner's own: in the sandbox and in a nested container; another writes on", async () => {
  const pg = await start({ limits: { ...defaults.limits, diskBytes: DISK_MB * MiB } });
  const dir = path.join(defaults.stateDir, 'sandbox-disks');
  const before = disksOf(pg, dir);
  const first = await readySession(pg.url);
  const second = await readySession(pg.url);
  try {
    const size = await sh(pg, first.session.id, 'df -m --output=size / /var/lib/docker | tail -n +2');
    for (const mb of size.output.trim().split(/\s+/)) assert.ok(Number(mb) <= DISK_MB, `df says ${mb} MiB`);

    const fill = await sh(pg, first.session.id, `head -c ${DISK_MB + 44}M /dev/zero > /root/fill`);
    assert.notEqual(fill.exitCode, 0, 'writing past the disk fails');
    assert.match(fill.output, /No space left on device/);

    const other = await sh(pg, second.session.id, 'head -c 100M /dev/zero > /root/fine && echo written');
    assert.equal(other.exitCode, 0, other.output);
    assert.match(other.output, /written/);

    await sh(pg, first.session.id, 'rm -f /root/fill');
    const nested = await sh(
      pg,
      first.session.id,
      `docker run --rm alpine dd if=/dev/zero of=/fill bs=1M count=${DISK_MB + 44}`,
    );
    assert.notEqual(nested.exitCode, 0, 'a nested container writing past the disk fails');
    assert.match(nested.output, /No space left on device/);
    // What it prints (to the engine's log of the sandbox) is bounded too.
    const printed = await sh(pg, first.session.id, 'yes | head -c 20000000 > /proc/1/fd/1 && echo printed');
    assert.match(printed.output, /printed/);
    const container = await pg.sandboxes.container(first.session.id);
    const { LogPath } = await container!.inspect();
    const logBytes = await settledSize(LogPath);
    assert.ok(logBytes < 2 * MiB, `the sandbox's log holds ${logBytes} bytes`);

    assert.deepEqual(disksOf(pg, dir), {
      files: before.files + 2,
      mountPoints: before.mountPoints + 2,
      loops: before.loops + 2,
    });
  } finally {
    await api(pg.url, 'DELETE', `/api/sessions/${first.session.id}`, first.token);
    await api(pg.url, 'DELETE', `/api/sessions/${second.session.id}`, second.token);
  }
  assert.deepEqual(disksOf(pg, dir), before, 'no disk file or loop device is left');
});

test('a new session is refused while the machine is short of memory; the server keeps serving', async () => {
  // More memory kept for the machine than it has: no sandbox may start.
  const pg = await start({ reserve: { ...defaults.reserve, memoryBytes: 1024 * 1024 * MiB } });
  const refused = await api<{ error: string; session?: { id: string }; token?: string }>(
    pg.url,
    'POST',
    '/api/sessions',
    undefined,
    {},
  );
  const made = refused.body.session;
  if (made) await api(pg.url, 'DELETE', `/api/sessions/${made.id}`, refused.body.token);
  assert.equal(refused.status, 503);
  assert.equal(refused.body.error, OUT_OF.memory);
  assert.match(refused.body.error, /out of memory for new sandboxes; try again when a session ends/);
  const health = await api<HealthView>(pg.url, 'GET', '/api/health');
  assert.equal(health.status, 200);
  assert.equal(health.body.capacity.refusing, OUT_OF.memory);
  assert.equal((await api(pg.url, 'GET', '/api/lessons')).status, 200);
  assert.equal(pg.sessions.activeCount, 0);
});
