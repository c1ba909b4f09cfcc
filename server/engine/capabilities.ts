// What the engine offers a sandbox, read from `docker info`, so the sandbox recipe can
// pick the strongest isolation that works here (see docs/security.md).
import type Docker from 'dockerode';

export interface EngineCapabilities {
  version: string;
  /** Engine runs with --userns-remap: root in a container is an unprivileged uid on the host. */
  userns: boolean;
  /** Host uid/gid that root inside a container maps to (only with userns). */
  remappedRoot?: { uid: number; gid: number };
  cgroupVersion: '1' | '2';
  runtimes: string[];
}

/** Under userns-remap, DockerRootDir ends in "<uid>.<gid>" of the remapped root. */
export function parseRemappedRoot(dockerRootDir: string): { uid: number; gid: number } | undefined {
  const match = /\/(\d+)\.(\d+)\/?$/.exec(dockerRootDir);
  return match ? { uid: Number(match[1]), gid: Number(match[2]) } : undefined;
}

export async function readCapabilities(docker: Docker): Promise<EngineCapabilities> {
  const info = (await docker.info()) as {
    ServerVersion: string;
    SecurityOptions?: string[];
    DockerRootDir: string;
    CgroupVersion?: string;
    Runtimes?: Record<string, unknown>;
  };
  const userns = (info.SecurityOptions ?? []).some((o) => o.includes('name=userns'));
  return {
    version: info.ServerVersion,
    userns,
    remappedRoot: userns ? parseRemappedRoot(info.DockerRootDir) : undefined,
    cgroupVersion: info.CgroupVersion === '2' ? '2' : '1',
    runtimes: Object.keys(info.Runtimes ?? {}),
  };
}
