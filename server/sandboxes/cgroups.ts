// Hands a user-namespaced sandbox its own cgroup directories. Under userns-remap the
// sandbox's root is an unprivileged host uid, so its nested dockerd could not create
// cgroups for the learner's containers. Giving it exactly its own subtree (and nothing
// above it) lets nested containers run while the host's limits on the sandbox hold.
import fs from 'node:fs/promises';
import path from 'node:path';

interface CgroupMount {
  /** Controllers or name= options of a v1 hierarchy; empty for the v2 unified hierarchy. */
  options: string[];
  mountPoint: string;
}

export function parseCgroupMounts(mountinfo: string): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const line of mountinfo.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    if (dash < 0) continue;
    const fsType = fields[dash + 1];
    const mountPoint = fields[4] ?? '';
    if (fsType === 'cgroup') {
      const options = (fields[dash + 3] ?? '').split(',').filter((o) => o !== 'rw' && o !== 'ro');
      mounts.push({ options, mountPoint });
    } else if (fsType === 'cgroup2') {
      mounts.push({ options: [], mountPoint });
    }
  }
  return mounts;
}

/** Lines of /proc/<pid>/cgroup: "4:memory:/docker/<id>" (v1) or "0::/docker/<id>" (v2). */
export function cgroupDirectories(procCgroup: string, mounts: CgroupMount[]): string[] {
  const dirs = new Set<string>();
  for (const line of procCgroup.split('\n').filter(Boolean)) {
    const [, controllers = '', cgroupPath = ''] = line.split(/:(.*?):/s);
    const wanted = controllers === '' ? [] : controllers.split(',');
    const mount = mounts.find((m) =>
      wanted.length === 0 ? m.options.length === 0 : wanted.every((c) => m.options.includes(c)),
    );
    if (mount && cgroupPath !== '/') dirs.add(path.join(mount.mountPoint, cgroupPath));
  }
  return [...dirs];
}

/**
 * The files a delegatee may own (kernel cgroup docs, "Delegation"): the directory (to
 * create children) and the files that move processes or enable controllers below it.
 * Never the limit files (memory.limit_in_bytes, pids.max, ...): owning those would let
 * the sandbox raise its own limits.
 */
export const DELEGATED_FILES = ['cgroup.procs', 'tasks', 'cgroup.subtree_control', 'cgroup.threads'];

async function delegate(dir: string, uid: number, gid: number): Promise<void> {
  await fs.chown(dir, uid, gid);
  for (const file of DELEGATED_FILES) {
    await fs.chown(path.join(dir, file), uid, gid).catch(() => undefined); // not every hierarchy has every file
  }
}

/** Chowns the cgroup directories of the process `pid` (the sandbox's init) to uid:gid. */
export async function delegateCgroups(pid: number, owner: { uid: number; gid: number }): Promise<string[]> {
  const [mountinfo, procCgroup] = await Promise.all([
    fs.readFile('/proc/self/mountinfo', 'utf8'),
    fs.readFile(`/proc/${pid}/cgroup`, 'utf8'),
  ]);
  const dirs = cgroupDirectories(procCgroup, parseCgroupMounts(mountinfo));
  for (const dir of dirs) await delegate(dir, owner.uid, owner.gid);
  return dirs;
}
