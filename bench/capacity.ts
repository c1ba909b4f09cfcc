// Capacity figures for `npm run bench`: sessions requested at once, as a class arriving,
// until the machine's limits (or the configured most, PLAYGROUND_MAX_SANDBOXES, or
// BENCH_CAPACITY_MAX, 40 by default) refuse more; how many came up, how long the last one
// took, what each costs host-wide (memory available, kernel tasks, disk free, before and
// after) beside the sandbox's own memory, and how many idle sandboxes fit the machine at
// that cost. BENCH_CAPACITY=0 leaves it out. Every wait is bounded; every session this
// bench started is ended, and it starts them in its own instance only (run.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { CreatedSession, SessionView } from '../common/api.js';
import type { RunningPlayground } from '../server/app.js';
import type { Config } from '../server/config.js';
import { SandboxDisks } from '../server/sandboxes/disks.js';
import { InstanceScope } from '../server/sandboxes/labels.js';
import { capacitySettings, diskReserveBytes, type MachineNumbers } from '../server/sandboxes/capacity.js';
import { readMachine } from '../server/sandboxes/machine.js';
import { api, waitForSession } from '../test/support/playground.js';
import { median, sleep, type Record } from './figures.js';
import { sandboxMemoryMiB } from './sandboxes.js';

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
        // Not ready in time, or its ending failed: end it (again); a failure here is only logged.
        await api(pg.url, 'DELETE', `/api/sessions/${body.session.id}`, body.token).catch((e: Error) =>
          console.log(`  could not end session ${body.session.id}: ${e.message}`),
        );
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

/** What one idle sandbox cost host-wide, from the machine before and after `up` of them. */
interface Cost {
  memoryBytes: number;
  tasks: number;
  diskBytes?: number;
}

function costEach(before: MachineNumbers, after: MachineNumbers, up: number): Cost {
  return {
    memoryBytes: (before.memoryAvailableBytes - after.memoryAvailableBytes) / up,
    tasks: (after.pidsInUse - before.pidsInUse) / up,
    ...(before.disk && after.disk ? { diskBytes: (before.disk.freeBytes - after.disk.freeBytes) / up } : {}),
  };
}

/**
 * How many idle sandboxes the machine as it was before the burst holds at `cost` each, short
 * of the reserve the playground never touches, and what runs out first (or the setting).
 */
function fitting(config: Config, before: MachineNumbers, cost: Cost): { count: number; bound: string } {
  const { reserve } = config;
  const room: [string, number][] = [
    ['memory', (before.memoryAvailableBytes - reserve.memoryBytes) / cost.memoryBytes],
    ['kernel tasks', (before.pidLimit - before.pidsInUse - reserve.pids) / cost.tasks],
    ['PLAYGROUND_MAX_SANDBOXES', config.maxSandboxes],
  ];
  if (before.disk && cost.diskBytes) {
    const free =
      before.disk.freeBytes - diskReserveBytes(capacitySettings(config, true), before.disk.totalBytes);
    room.push(['disk', free / cost.diskBytes]);
  }
  const usable = room.filter(([, n]) => Number.isFinite(n) && n >= 0);
  const [bound, count] = usable.reduce((a, b) => (b[1] < a[1] ? b : a));
  return { count: Math.floor(count), bound };
}

async function ownMemoryMiB(pg: RunningPlayground, ready: CreatedSession[]): Promise<number[]> {
  const containers = await Promise.all(ready.map(({ session }) => pg.sandboxes.container(session.id)));
  return Promise.all(containers.flatMap((c) => (c ? [sandboxMemoryMiB(c)] : [])));
}

async function recordBurst(
  pg: RunningPlayground,
  config: Config,
  outcome: Outcome,
  machines: { before: MachineNumbers; after: MachineNumbers },
  record: Record,
): Promise<void> {
  for (const [why, n] of outcome.refused) console.log(`  refused ${n}: ${why}`);
  if (outcome.ready.length === 0) return;
  const { before, after } = machines;
  const up = outcome.ready.length;
  const cost = costEach(before, after, up);
  const own = await ownMemoryMiB(pg, outcome.ready);
  record({
    name: 'host memory per idle sandbox',
    value: cost.memoryBytes / MiB,
    unit: 'MiB',
    ...(own.length ? { baseline: { name: "the sandbox's own, median", value: median(own) } } : {}),
  });
  record({ name: 'kernel tasks per idle sandbox', value: cost.tasks, unit: '' });
  if (cost.diskBytes !== undefined)
    record({ name: 'host disk per sandbox', value: cost.diskBytes / MiB, unit: 'MiB' });
  const fit = fitting(config, before, cost);
  record({ name: 'idle sandboxes that fit this machine', value: fit.count, unit: '' });
  console.log(`  first to run out: ${fit.bound}`);
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
  try {
    record({ name: `sandboxes up of ${count} requested at once`, value: outcome.ready.length, unit: '' });
    record({ name: 'all of them up (or refused) after', value: seconds, unit: 's' });
    await sleep(SETTLE_MS);
    const after = readMachine(diskPath);
    await recordBurst(pg, config, outcome, { before, after }, record);
  } finally {
    await Promise.all(
      outcome.ready.map(({ session, token }) => api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token)),
    );
  }
}
