// Each test run and benchmark is a playground instance of its own (`test-<pid>`,
// `bench-<pid>`), so it never adopts or reaps another playground's sessions. A run that
// died leaves its objects behind; the next run removes those of runs whose process is gone.
// Each instance has its own database file too, in a folder of this process's, removed at exit:
// a test never starts seats for, or writes into, the workshops of a live server's database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Config } from '../../server/config.js';
import { SandboxDisks } from '../../server/sandboxes/disks.js';
import { DEFAULT_INSTANCE, InstanceScope, LABEL } from '../../server/sandboxes/labels.js';
import { screensRoot } from '../../server/terminals/screen-store.js';

const RUN_INSTANCE = /^(?:test|bench)-(\d+)(?:-[a-z0-9_-]+)?$/;

/** This process's instance name for a kind of run, optionally one of several (`test-42-b`). */
export function runInstance(kind: 'test' | 'bench', tag?: string): string {
  return `${kind}-${process.pid}${tag ? `-${tag}` : ''}`;
}

/** This process's folder of run databases: `playground-run-<pid>-XXXXXX` in the temp folder. */
const RUN_DIR = /^playground-run-(\d+)-/;
let runDir: string | undefined;

/** The database file of one of this process's instances (its own, created on first use). */
export function runDatabase(instance: string): string {
  if (!runDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `playground-run-${process.pid}-`));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    runDir = dir;
  }
  return path.join(runDir, `${instance}.db`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether an instance is a test or bench run whose process has ended. */
function deadRun(instance: string): boolean {
  const pid = RUN_INSTANCE.exec(instance)?.[1];
  return pid !== undefined && Number(pid) !== process.pid && !processAlive(Number(pid));
}

const fromDeadRun = (labels: Record<string, string> | undefined) => deadRun(labels?.[LABEL.instance] ?? '');

/**
 * The instances (besides `instance`) with a running sandbox on the engine: learners of a live
 * server, or another run. A test that would stop the engine or the mirror for all must not.
 */
export async function otherLiveInstances(docker: Docker, instance: string): Promise<string[]> {
  const sandboxes = await docker.listContainers({ filters: { label: [`${LABEL.role}=sandbox`] } });
  const others = sandboxes
    .map((c) => c.Labels[LABEL.instance] ?? DEFAULT_INSTANCE)
    .filter((name) => name !== instance);
  return [...new Set(others)].sort();
}

/** Removes the containers, volumes, networks and sandbox disks that ended test and bench runs left. */
export async function removeDeadRuns(docker: Docker, config: Config): Promise<void> {
  const filters = { label: [LABEL.instance] };
  const ignore = () => undefined;
  const containers = (await docker.listContainers({ all: true, filters })).filter((c) =>
    fromDeadRun(c.Labels),
  );
  await Promise.all(
    containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignore)),
  );
  const volumes = ((await docker.listVolumes({ filters })).Volumes ?? []).filter((v) =>
    fromDeadRun(v.Labels),
  );
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove().catch(ignore)));
  const networks = (await docker.listNetworks({ filters })).filter((n) => fromDeadRun(n.Labels));
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(ignore)));
  await releaseDeadRunDisks(config);
  removeDeadRunDatabases();
  removeDeadRunScreens(config);
}

/** The terminal screens a dead run's playgrounds kept (server/terminals/screen-store.ts). */
function removeDeadRunScreens(config: Config): void {
  const dir = screensRoot(config.stateDir);
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  for (const instance of entries.filter(deadRun))
    fs.rmSync(path.join(dir, instance), { recursive: true, force: true });
}

/** The database folders of runs that were killed before their exit handler ran. */
function removeDeadRunDatabases(): void {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    const pid = RUN_DIR.exec(entry)?.[1];
    if (pid === undefined || Number(pid) === process.pid || processAlive(Number(pid))) continue;
    fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
  }
}

/** A dead run's disks, named `playground.<instance>.<volume>` (server/sandboxes/disks.ts). */
async function releaseDeadRunDisks(config: Config): Promise<void> {
  const dir = path.join(config.stateDir, 'sandbox-disks');
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const instances = new Set(entries.map((e) => /^playground\.([^.]+)\./.exec(e)?.[1] ?? '').filter(deadRun));
  for (const instance of instances) {
    const disks = new SandboxDisks({
      dir,
      sizeBytes: config.limits.diskBytes,
      reservePercent: config.reserve.diskPercent,
      owner: { uid: 0, gid: 0 },
      scope: new InstanceScope(instance),
    });
    await disks.sweep(async () => false);
  }
}
