// Each test run and benchmark is a playground instance of its own (`test-<pid>`,
// `bench-<pid>`), so it never adopts or reaps another playground's sessions. A run that
// died leaves its objects behind; the next run removes those of runs whose process is gone.
import type Docker from 'dockerode';
import { LABEL } from '../../server/sandboxes/labels.js';

const RUN_INSTANCE = /^(?:test|bench)-(\d+)(?:-[a-z0-9_-]+)?$/;

/** This process's instance name for a kind of run, optionally one of several (`test-42-b`). */
export function runInstance(kind: 'test' | 'bench', tag?: string): string {
  return `${kind}-${process.pid}${tag ? `-${tag}` : ''}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether an object belongs to a test or bench run whose process has ended. */
function fromDeadRun(labels: Record<string, string> | undefined): boolean {
  const pid = RUN_INSTANCE.exec(labels?.[LABEL.instance] ?? '')?.[1];
  return pid !== undefined && Number(pid) !== process.pid && !processAlive(Number(pid));
}

/** Removes the containers, volumes and networks that ended test and bench runs left. */
export async function removeDeadRuns(docker: Docker): Promise<void> {
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
}
