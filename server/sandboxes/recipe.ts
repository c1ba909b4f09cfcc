// The sandbox recipe: how a Docker-in-Docker container is made without --privileged.
// Pure functions, so what a sandbox is allowed to do can be read (and tested) in one place.
import type Docker from 'dockerode';
import type { SandboxLimits } from '../config.js';
import type { EngineCapabilities } from '../engine/capabilities.js';
import { sandboxSeccompProfile } from './seccomp.js';

/**
 * Beyond Docker's default set, a nested dockerd needs SYS_ADMIN (mounts, cgroups,
 * namespaces), NET_ADMIN (bridges, iptables) and SYS_PTRACE (runc joins the namespaces
 * of a container whose process is not root for `docker exec`). Under a user namespace
 * all three reach only the sandbox's own processes and network. Nothing else: SYS_MODULE
 * would let a learner load kernel modules, SYS_RAWIO/SYS_TIME reach hardware and clock.
 */
export const SANDBOX_EXTRA_CAPABILITIES = ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE'] as const;

/**
 * userns: runc on an engine with user-namespace remapping (root in the sandbox is nobody on the host).
 * sysbox: the Sysbox runtime, which gives each container its own user namespace and a real /sys.
 * vm: a VM-based runtime (Kata): the learner's root is inside a virtual machine.
 * plain: runc without user namespaces; works, but does not isolate the host.
 */
/** Names the Docker daemon resolves when pulling from Docker Hub. */
const DOCKER_HUB_HOSTS = [
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'auth.docker.io',
  'registry.docker.io',
];

export type RecipeName = 'userns' | 'sysbox' | 'vm' | 'plain';

export interface RecipeChoice {
  name: RecipeName;
  /** Whether root in the sandbox is kept off the host (see docs/security.md). */
  isolatesHost: boolean;
  warning?: string;
}

export function chooseRecipe(
  caps: EngineCapabilities,
  engineIsLocal: boolean,
  runtime = 'runc',
): RecipeChoice {
  if (!caps.runtimes.includes(runtime)) {
    throw new Error(
      `PLAYGROUND_RUNTIME is ${runtime}, but the engine only has: ${caps.runtimes.join(', ')}. ` +
        'Install that runtime and register it with dockerd, or unset PLAYGROUND_RUNTIME.',
    );
  }
  if (runtime.startsWith('sysbox')) return { name: 'sysbox', isolatesHost: true };
  if (runtime.includes('kata')) return { name: 'vm', isolatesHost: true };
  if (caps.userns && caps.remappedRoot && engineIsLocal) {
    return { name: 'userns', isolatesHost: true };
  }
  const why = !caps.userns
    ? 'the Docker engine does not run with --userns-remap'
    : 'the engine is remote, so its cgroups cannot be delegated to the sandbox';
  return {
    name: 'plain',
    isolatesHost: false,
    warning:
      `Sandboxes do not isolate the host on this engine: ${why}, so root in a sandbox can become ` +
      'root on the host. Let the playground start its own engine (stop this one and run `npm start` ' +
      'as root on Debian), or start dockerd with --userns-remap=default. See docs/security.md.',
  };
}

export interface SandboxSpec {
  name: string;
  image: string;
  hostName: string;
  /** Further names the sandbox answers to on the session network (e.g. "docker"). */
  aliases?: string[];
  network: string;
  volume: string;
  labels: Record<string, string>;
  /** host:port of the registry mirror as the sandbox sees it, if any. */
  mirror?: string;
  limits: SandboxLimits;
  runtime: string;
  recipe: RecipeName;
}

export function sandboxCreateOptions(spec: SandboxSpec): Docker.ContainerCreateOptions {
  // Sysbox virtualises /sys, cgroups and capabilities itself: the container asks for nothing extra.
  const dindPermissions =
    spec.recipe === 'sysbox'
      ? {}
      : {
          CapAdd: [...SANDBOX_EXTRA_CAPABILITIES],
          // A private cgroup namespace makes the sandbox's own cgroup its root, so
          // nested containers are created under, and limited by, the sandbox's cgroup.
          CgroupnsMode: 'private',
          // Docker's default seccomp and AppArmor profiles forbid the mounts and
          // namespace calls a nested engine makes; the capability set is the fence.
          // The sandbox's own profile refuses only the keyring calls (seccomp.ts).
          SecurityOpt: [`seccomp=${sandboxSeccompProfile()}`, 'apparmor=unconfined'],
        };
  return {
    name: spec.name,
    Image: spec.image,
    Hostname: spec.hostName,
    Labels: spec.labels,
    Env: spec.mirror ? [`MIRROR=${spec.mirror}`] : [],
    HostConfig: {
      ...dindPermissions,
      // overlay2 cannot sit on the container's own overlay root file system.
      Mounts: [{ Type: 'volume', Source: spec.volume, Target: '/var/lib/docker' }],
      NetworkMode: spec.network,
      // Session networks have no route out, so the inner dockerd's lookup of Docker Hub's
      // names before each pull could only time out (10 s). Answering them with loopback
      // makes every pull go straight to the mirror.
      ExtraHosts: DOCKER_HUB_HOSTS.map((name) => `${name}:127.0.0.1`),
      // Containers on the inner default bridge get no embedded DNS: their dockerd gives them
      // 8.8.8.8 and 8.8.4.4 with these options, which nothing answers here. Without them
      // `curl other-container` there says "Could not resolve host" after 20 s, not 2 s.
      DnsOptions: ['timeout:1', 'attempts:1'],
      Memory: spec.limits.memoryBytes,
      MemorySwap: spec.limits.memoryBytes,
      NanoCpus: Math.round(spec.limits.cpus * 1e9),
      PidsLimit: spec.limits.pids,
      Runtime: spec.runtime,
      // The sandbox's own output lands on the engine's disk, and root in it can write there
      // (/proc/1/fd/1): kept to one file of 1 MB. Its daemon logs to its own disk.
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
      RestartPolicy: { Name: 'no' },
    } as Docker.HostConfig,
    NetworkingConfig: {
      EndpointsConfig: { [spec.network]: { Aliases: [spec.hostName, ...(spec.aliases ?? [])] } },
    },
  };
}
