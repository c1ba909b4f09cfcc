// Sandbox figures for `npm run bench`: start to ready and idle memory, the user-namespaced
// recipe beside the plain one on the same engine.
import type Docker from 'dockerode';
import type { Config } from '../server/config.js';
import type { SandboxManager } from '../server/sandboxes/manager.js';
import { sandboxCreateOptions } from '../server/sandboxes/recipe.js';
import { median, sleep, type Record } from './figures.js';

async function idleMemoryMiB(container: Docker.Container): Promise<number> {
  await sleep(5000); // let the inner dockerd settle
  return containerMemoryMiB(container);
}

/** What a container's own cgroup holds now, its reclaimable page cache left out (MiB). */
export async function containerMemoryMiB(container: Docker.Container): Promise<number> {
  const stats = (await container.stats({ stream: false })) as {
    memory_stats: { usage: number; stats?: { cache?: number; total_inactive_file?: number } };
  };
  const cache = stats.memory_stats.stats?.total_inactive_file ?? stats.memory_stats.stats?.cache ?? 0;
  return (stats.memory_stats.usage - cache) / 1024 / 1024;
}

/** The plain recipe on the same engine, for a side-by-side figure: no user namespace. */
async function plainSandbox(
  docker: Docker,
  config: Config,
  image: string,
  id: string,
): Promise<Docker.Container> {
  const opts = sandboxCreateOptions({
    name: `playground-bench-plain-${id}`,
    image,
    hostName: 'docker',
    network: 'bridge',
    volume: `playground-bench-plain-${id}`,
    labels: { 'io.docker-playground.bench': 'plain' },
    limits: config.limits,
    runtime: config.runtime,
    recipe: 'plain',
  });
  (opts.HostConfig as Docker.HostConfig & { UsernsMode?: string }).UsernsMode = 'host';
  delete opts.NetworkingConfig; // aliases exist only on user networks; this one is on the default bridge
  const container = await docker.createContainer(opts);
  await container.start();
  return container;
}

async function timeToReady(start: () => Promise<Docker.Container>, manager: SandboxManager) {
  const t0 = performance.now();
  const container = await start();
  await manager.waitUntilReady(container);
  return { ms: performance.now() - t0, container };
}

async function removePlain(docker: Docker, container: Docker.Container, id: string): Promise<void> {
  await container.remove({ force: true, v: true });
  await docker
    .getVolume(`playground-bench-plain-${id}`)
    .remove()
    .catch(() => undefined);
}

export async function benchSandboxStarts(
  manager: SandboxManager,
  config: Config,
  sandboxImage: string,
  rounds: number,
  record: Record,
): Promise<void> {
  const docker = manager.docker;
  const userns: number[] = [];
  const plain: number[] = [];
  let usernsMem = 0;
  let plainMem = 0;
  for (let i = 0; i < rounds; i++) {
    const id = `bench${Date.now().toString(36)}${i}`;
    const expiresAt = new Date(Date.now() + 600_000);
    const u = await timeToReady(
      () => manager.create({ sessionId: id, tokenHash: 'bench', client: 'bench', expiresAt }),
      manager,
    );
    userns.push(u.ms);
    if (i === 0) usernsMem = await idleMemoryMiB(u.container);
    await manager.destroy(id);

    const p = await timeToReady(() => plainSandbox(docker, config, sandboxImage, id), manager);
    plain.push(p.ms);
    if (i === 0) plainMem = await idleMemoryMiB(p.container);
    await removePlain(docker, p.container, id);
  }
  const start = { name: `sandbox start to ready, median of ${rounds}`, unit: 'ms' };
  record({ ...start, value: median(userns), baseline: { name: 'plain recipe', value: median(plain) } });
  const memory = { name: 'idle sandbox memory', unit: 'MiB' };
  record({ ...memory, value: usernsMem, baseline: { name: 'plain recipe', value: plainMem } });
}
