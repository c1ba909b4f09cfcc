// Each sandbox's own disk, so that what a learner writes is bounded and a full disk is
// theirs alone. The engine's overlay2 on ext4 has no per-container quota (that needs xfs
// with project quotas), so every sandbox gets a file of PLAYGROUND_SANDBOX_DISK_MB,
// allocated in full (the host's reserve then holds whatever sandboxes write later),
// formatted ext4 and loop-mounted on the host. It holds both places a sandbox writes to:
//   docker/  its /var/lib/docker (nested images, containers, volumes), as a bind volume;
//   layer/   its writable root layer: the container's overlay2 layer directory is bound
//            onto it before the container starts, so the root's upper and work
//            directories live on the sandbox's disk too (they must share one mount).
// Removing the container unmounts the layer (the engine unmounts what is under a layer it
// removes); releasing the disk unmounts it, which frees its loop device, and deletes the file.
// Measured: about 0.2 s per sandbox (fallocate, mkfs.ext4, mount); `npm run bench`.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { LearnerRefusal } from '../errors.js';
import { logger } from '../log.js';
import { OUT_OF, refusalMessage } from './capacity.js';
import type { Config } from '../config.js';
import type { EngineCapabilities } from '../engine/capabilities.js';
import { InstanceScope } from './labels.js';

const log = logger('sandboxes');
const run = promisify(execFile);

/** A host command on a disk (mkfs, mount, cp of a few empty directories) ends well within this. */
const COMMAND_TIMEOUT_MS = 30_000;
/** How long a release waits for the kernel to detach the disk's loop device. */
const LOOP_DETACH_WAIT_MS = 5_000;

export interface SandboxDisksOptions {
  /** Where disk files and their mount points live (on the disk that holds them). */
  dir: string;
  sizeBytes: number;
  /** Share of that disk (percent) never given to sandboxes. */
  reservePercent: number;
  /** Host uid/gid of root in a sandbox, who owns its /var/lib/docker. */
  owner: { uid: number; gid: number };
  scope: InstanceScope;
}

/** Why sandboxes' disks cannot be bounded on this engine, or undefined if they can. */
export async function diskBoundUnavailable(
  docker: Docker,
  engineIsLocal: boolean,
): Promise<string | undefined> {
  if (!engineIsLocal) return 'the engine is remote, so the playground cannot mount disks where it runs';
  if (process.getuid?.() !== 0) return 'the playground does not run as root, so it cannot mount disks';
  const { Driver } = (await docker.info()) as { Driver?: string };
  if (Driver !== 'overlay2') return `the engine stores containers with ${Driver}, not overlay2`;
  for (const command of ['fallocate', 'mkfs.ext4', 'mount', 'umount', 'cp']) {
    try {
      await run('sh', ['-c', `command -v ${command}`]);
    } catch {
      return `${command} is not installed`;
    }
  }
  return undefined;
}

export interface SandboxStorage {
  disks?: SandboxDisks;
  /** Why sandboxes' disks are not bounded here, if they are not. */
  unbounded?: string;
  /** A directory on the disk sandboxes write to, if it is on this machine. */
  diskPath?: string;
}

/** Each sandbox's own disk where the engine allows it; otherwise says why not. */
export async function openSandboxStorage(
  docker: Docker,
  engineIsLocal: boolean,
  config: Config,
  capabilities: EngineCapabilities,
): Promise<SandboxStorage> {
  const unbounded = await diskBoundUnavailable(docker, engineIsLocal);
  if (unbounded) {
    const { DockerRootDir } = (await docker.info()) as { DockerRootDir?: string };
    return { unbounded, ...(engineIsLocal && DockerRootDir ? { diskPath: DockerRootDir } : {}) };
  }
  const dir = path.join(config.stateDir, 'sandbox-disks');
  await fs.mkdir(dir, { recursive: true, mode: 0o711 });
  const disks = new SandboxDisks({
    dir,
    sizeBytes: config.limits.diskBytes,
    reservePercent: config.reserve.diskPercent,
    owner: (capabilities.userns && capabilities.remappedRoot) || { uid: 0, gid: 0 },
    scope: new InstanceScope(config.instance),
  });
  return { disks, diskPath: dir };
}

export class SandboxDisks {
  /** One allocation at a time, each checking the reserve after the one before it took its share. */
  private allocating: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SandboxDisksOptions) {}

  get dir(): string {
    return this.opts.dir;
  }

  private paths(volume: string) {
    const mount = path.join(this.opts.dir, volume);
    return {
      file: `${mount}.img`,
      mount,
      docker: path.join(mount, 'docker'),
      layer: path.join(mount, 'layer'),
    };
  }

  /** The volume options that put a sandbox's /var/lib/docker on its disk (made by `create`). */
  volumeOptions(volume: string): Record<string, string> {
    return { type: 'none', o: 'bind', device: this.paths(volume).docker };
  }

  /** Allocates, formats and mounts the disk; refused (503) if it would eat the reserve. */
  async create(volume: string): Promise<void> {
    const p = this.paths(volume);
    const allocated = this.allocating.then(() => this.allocate(p.file));
    this.allocating = allocated.catch(() => undefined);
    await allocated;
    try {
      await run('mkfs.ext4', ['-F', '-q', '-m', '0', '-E', 'nodiscard', p.file], {
        timeout: COMMAND_TIMEOUT_MS,
      });
      await fs.mkdir(p.mount, { recursive: true });
      await run('mount', ['-o', 'loop', p.file, p.mount], { timeout: COMMAND_TIMEOUT_MS });
      await fs.rm(path.join(p.mount, 'lost+found'), { recursive: true, force: true });
      await fs.mkdir(p.docker, { mode: 0o710 });
      await fs.chown(p.docker, this.opts.owner.uid, this.opts.owner.gid);
    } catch (err) {
      await this.release(volume);
      throw err;
    }
  }

  private async allocate(file: string): Promise<void> {
    await fs.mkdir(this.opts.dir, { recursive: true, mode: 0o711 });
    const { blocks, bavail, bsize } = await fs.statfs(this.opts.dir);
    const reserve = (blocks * bsize * this.opts.reservePercent) / 100;
    if (bavail * bsize - reserve < this.opts.sizeBytes)
      throw new LearnerRefusal(refusalMessage(OUT_OF.disk), 503);
    await run('fallocate', ['-l', String(this.opts.sizeBytes), file], { timeout: COMMAND_TIMEOUT_MS });
  }

  /**
   * Moves a created (not yet started) container's writable layer onto its disk: the
   * layer directory is copied there and the copy bound over it.
   */
  async attachLayer(volume: string, container: Docker.Container): Promise<void> {
    const { GraphDriver } = (await container.inspect()) as {
      GraphDriver: { Name: string; Data?: { UpperDir?: string; WorkDir?: string } };
    };
    const upper = GraphDriver.Data?.UpperDir;
    const layerDir = upper && path.dirname(upper);
    if (
      GraphDriver.Name !== 'overlay2' ||
      !layerDir ||
      path.dirname(GraphDriver.Data?.WorkDir ?? '') !== layerDir
    ) {
      throw new Error(`the sandbox's layer is not an overlay2 directory (${GraphDriver.Name})`);
    }
    const { layer } = this.paths(volume);
    await run('cp', ['-a', layerDir, layer], { timeout: COMMAND_TIMEOUT_MS });
    await run('mount', ['--bind', layer, layerDir], { timeout: COMMAND_TIMEOUT_MS });
  }

  /** Unmounts the disk (its loop device goes with it) and deletes it. Idempotent. */
  async release(volume: string): Promise<void> {
    const p = this.paths(volume);
    if (await isMountPoint(p.mount)) {
      await run('umount', [p.mount], { timeout: COMMAND_TIMEOUT_MS }).catch(async (err: Error) => {
        log.warn(`unmounting ${p.mount}: ${err.message.trim()}; detaching it lazily`);
        await run('umount', ['-l', p.mount], { timeout: COMMAND_TIMEOUT_MS });
      });
      await awaitLoopDetached(p.file);
    }
    await fs.rm(p.mount, { recursive: true, force: true }).catch(() => undefined);
    await fs.rm(p.file, { force: true });
  }

  /** Releases this instance's disks whose volume is gone (a server that stopped mid-way). */
  async sweep(volumeExists: (volume: string) => Promise<boolean>): Promise<void> {
    const entries = await fs.readdir(this.opts.dir).catch(() => [] as string[]);
    const volumes = new Set(entries.map((e) => e.replace(/\.img$/, '')));
    for (const volume of volumes) {
      if (!this.opts.scope.ownsName(volume) || (await volumeExists(volume))) continue;
      log.info(`releasing the disk of removed volume ${volume}`);
      await this.release(volume).catch((err: Error) => log.warn(`releasing ${volume}: ${err.message}`));
    }
  }
}

/**
 * Waits (at most LOOP_DETACH_WAIT_MS) until no loop device is backed by `file`: the kernel
 * may detach an unmounted disk's loop device a moment later, and a released disk must not
 * still count against the machine. A lazy unmount keeps it until the last user goes.
 */
async function awaitLoopDetached(file: string): Promise<void> {
  const deadline = Date.now() + LOOP_DETACH_WAIT_MS;
  for (;;) {
    const { stdout } = await run('losetup', ['-j', file], { timeout: COMMAND_TIMEOUT_MS }).catch(() => ({
      stdout: '',
    }));
    if (!stdout.trim()) return;
    if (Date.now() > deadline)
      return log.warn(`the loop device of ${file} is still attached: ${stdout.trim()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function isMountPoint(dir: string): Promise<boolean> {
  const mountinfo = await fs.readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  // Field 5 is the mount point, with spaces and the like escaped as octal.
  return mountinfo.split('\n').some((line) => line.split(' ')[4] === dir);
}
