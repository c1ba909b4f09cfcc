// Host kernel limits that every sandbox draws from together. Under userns-remap all
// sandboxes are one host user: uid 100000 for the kernel's key quota, and, for inotify,
// the user that made their user namespaces (root, the engine), shared with the host's own
// root services. A per-user limit is then one pool for all learners, and one learner who
// fills it stops everyone (no `docker exec`, no nested run, no new sandbox; `tail -f` and
// the engine's log following fail with EMFILE). Each limit is raised so that what every
// sandbox can hold at once fits under it; docs/security.md has the measurements.
import { readFile, writeFile } from 'node:fs/promises';
import type { Config } from '../config.js';

/** Session keyring runc makes per container and per exec ("_ses.<64 hex>"), measured in /proc/key-users. */
const BYTES_PER_KEY = 100;
/**
 * Kernel memory an inotify instance and a watch cost, charged to the memory cgroup of the
 * sandbox that made them (measured: about 990 and 86 bytes); half of it, to be safe. A
 * sandbox can hold no more than its memory limit pays for.
 */
const BYTES_PER_INOTIFY_INSTANCE = 512;
const BYTES_PER_INOTIFY_WATCH = 64;
/** What the host's own users keep beyond the sandboxes: the kernel's defaults. */
const HOST_KEYS = 200;
const HOST_INOTIFY_INSTANCES = 128;
const HOST_INOTIFY_WATCHES = 8192;
/** The largest value these sysctls take on every kernel (an int). */
const SYSCTL_MAX = 2 ** 31 - 1;

export interface KernelLimit {
  /** Path under /proc/sys. */
  name: string;
  /** The value the playground needs at least. */
  needed: number;
}

/**
 * Keys: the sandbox may not create keys (its seccomp profile), so it holds only the session
 * keyrings of runc's execs into it, one per living process at most: its pids limit.
 * inotify: no count can bound one sandbox (the kernel counts per uid inside the sandbox,
 * and the learner has 65,536 of them), so the counts are raised past what the memory of
 * every sandbox can pay for, and the memory limit bounds each sandbox.
 */
export function neededKernelLimits(config: Pick<Config, 'maxSandboxes' | 'limits'>): KernelLimit[] {
  const { maxSandboxes, limits } = config;
  const keys = HOST_KEYS + maxSandboxes * limits.pids;
  const perSandbox = (bytes: number) => maxSandboxes * Math.ceil(limits.memoryBytes / bytes);
  const cap = (n: number) => Math.min(n, SYSCTL_MAX);
  return [
    { name: 'kernel/keys/maxkeys', needed: cap(keys) },
    { name: 'kernel/keys/maxbytes', needed: cap(keys * BYTES_PER_KEY) },
    {
      name: 'fs/inotify/max_user_instances',
      needed: cap(HOST_INOTIFY_INSTANCES + perSandbox(BYTES_PER_INOTIFY_INSTANCE)),
    },
    {
      name: 'fs/inotify/max_user_watches',
      needed: cap(HOST_INOTIFY_WATCHES + perSandbox(BYTES_PER_INOTIFY_WATCH)),
    },
  ];
}

/** The sysctl command an operator can run to set the limits by hand. */
export function sysctlCommand(limits: KernelLimit[]): string {
  return `sysctl -w ${limits.map((l) => `${l.name.replaceAll('/', '.')}=${l.needed}`).join(' ')}`;
}

/** Raises each limit below what is needed; never lowers one. Returns the ones it raised. */
export async function raiseKernelLimits(
  limits: KernelLimit[],
  procSys = '/proc/sys',
): Promise<KernelLimit[]> {
  const raised: KernelLimit[] = [];
  for (const limit of limits) {
    const file = `${procSys}/${limit.name}`;
    const current = Number((await readFile(file, 'utf8')).trim());
    if (current >= limit.needed) continue;
    await writeFile(file, `${limit.needed}\n`);
    raised.push(limit);
  }
  return raised;
}
