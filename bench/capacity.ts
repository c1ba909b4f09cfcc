// Capacity figures for `npm run bench`: sessions requested at once, as a class arriving,
// until the machine's limits (or the configured most, PLAYGROUND_MAX_SANDBOXES, or
// BENCH_CAPACITY_MAX) refuse more; how many came up, how long the last one took, and what
// each costs host-wide (memory available, kernel tasks, disk free, before and after).
// BENCH_CAPACITY=0 leaves it out. Every wait is bounded; every session is ended.
import fs from 'node:fs';
import path from 'node:path';
import type { CreatedSession, SessionView } from '../common/api.js';
import type { RunningPlayground } from '../server/app.js';
import type { Config } from '../server/config.js';
import { SandboxDisks } from '../server/sandboxes/disks.js';
import { InstanceScope } from '../server/sandboxes/labels.js';
import { readMachine } from '../server/sandboxes/machine.js';
import { api, waitForSession } from '../test/support/playground.js';
import { median, sleep, type Record } from './figures.js';

/** The whole burst must be up (or refused) within this. */
const BURST_TIMEOUT_MS = 180_000;
/** Idle daemons settle (memory, tasks) within a few seconds of answering. */
const SETTLE_MS = 5_000;
const MiB = 1024 * 1024;

interface Outcome {
  ready: CreatedSession[];
  /** Refused at once (503) or failed while starting, by reason. */
  refused: Map<string, number>;
}

async function burst(pg: RunningPlayground, count: number): Promise<Outcome> {
  const outcome: Outcome = { ready: [], refused: new Map() };
  const refuse = (why: string) => outcome.refused.set(why, (outcome.refused.get(why) ?? 0) + 1);
  const requests = Array.from({ length: count }, () =>
    api<CreatedSession & { error?: string }>(pg.url, 'POST', '/api/sessions', undefined, {}),
  );
  await Promise.all(
    requests.map(async (request) => {
      const { status, body } = await request;
      if (status !== 201) return refuse(body.error ?? `HTTP ${status}`);
      const isDone = (s: SessionView) => s.state === 'ready' || s.state === 'failed';
      try {
        const view = await waitForSession(pg.url, body.session.id, body.token, isDone, BURST_TIMEOUT_MS);
        if (view.state === 'ready') return void outcome.ready.push(body);
        refuse(view.error ?? 'failed');
        await api(pg.url, 'DELETE', `/api/sessions/${body.session.id}`, body.token);
      } catch (err) {
        refuse((err as Error).message.replace(/^sandbox failed: /, ''));
        await api(pg.url, 'DELETE', `/api/sessions/${body.session.id}`, body.token);
      }
    }),
  );
  return outcome;
}

/** What a sandbox's own disk adds to its start: allocate, format, mount; and to its end. */
async function benchDisks(config: Config, dir: string, record: Record): Promise<void> {
  const scope = new InstanceScope(config.instance);
  const disks = new SandboxDisks({
    dir,
    sizeBytes: config.limits.diskBytes,
    reservePercent: config.reserve.diskPercent,
    owner: { uid: 0, gid: 0 },
    scope,
  });
  const made: number[] = [];
  const released: number[] = [];
  for (let i = 0; i < 5; i++) {
    const volume = scope.objectName(`diskbench${i}`, 'data');
    let t = performance.now();
    await disks.create(volume);
    made.push(performance.now() - t);
    t = performance.now();
    await disks.release(volume);
    released.push(performance.now() - t);
  }
  const size = `${config.limits.diskBytes / MiB} MiB`;
  record({ name: `sandbox disk of ${size}: allocate, format, mount`, value: median(made), unit: 'ms' });
  record({ name: `sandbox disk of ${size}: unmount, delete`, value: median(released), unit: 'ms' });
}

export async function benchCapacity(pg: RunningPlayground, config: Config, record: Record): Promise<void> {
  if (process.env.BENCH_CAPACITY === '0') return;
  const count = Math.min(config.maxSandboxes, Number(process.env.BENCH_CAPACITY_MAX || 40));
  // Where sandboxes' disks are allocated, when they have their own (server/sandboxes/disks.ts).
  const disks = path.join(config.stateDir, 'sandbox-disks');
  const diskPath = fs.existsSync(disks) ? disks : undefined;
  if (diskPath) await benchDisks(config, diskPath, record);
  const before = readMachine(diskPath);
  const t0 = performance.now();
  const outcome = await burst(pg, count);
  const seconds = (performance.now() - t0) / 1000;
  await sleep(SETTLE_MS);
  const after = readMachine(diskPath);
  const up = Math.max(1, outcome.ready.length);
  try {
    record({ name: `sandboxes up of ${count} requested at once`, value: outcome.ready.length, unit: '' });
    record({ name: 'all of them up (or refused) after', value: seconds, unit: 's' });
    const memory = (before.memoryAvailableBytes - after.memoryAvailableBytes) / up / MiB;
    record({ name: 'host memory per idle sandbox', value: memory, unit: 'MiB' });
    record({
      name: 'kernel tasks per idle sandbox',
      value: (after.pidsInUse - before.pidsInUse) / up,
      unit: '',
    });
    if (before.disk && after.disk) {
      const disk = (before.disk.freeBytes - after.disk.freeBytes) / up / MiB;
      record({ name: 'host disk per sandbox', value: disk, unit: 'MiB' });
    }
    for (const [why, n] of outcome.refused) console.log(`  refused ${n}: ${why}`);
  } finally {
    await Promise.all(
      outcome.ready.map(({ session, token }) => api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token)),
    );
  }
}
