// The machine's numbers (memory, tasks, disk), read from the kernel where the playground
// runs, and the guard that checks them: warnings about settings that do not fit, logged
// at start, and a refusal before a new sandbox would eat into the machine's reserve.
import fs from 'node:fs';
import os from 'node:os';
import { LearnerRefusal } from '../errors.js';
import {
  admissionRefusal,
  planWarnings,
  refusalMessage,
  type CapacitySettings,
  type MachineNumbers,
} from './capacity.js';

/** MemAvailable from /proc/meminfo, in bytes; undefined if the kernel does not say. */
export function parseMemAvailable(meminfo: string): number | undefined {
  const kib = /^MemAvailable:\s+(\d+)\s+kB$/m.exec(meminfo)?.[1];
  return kib === undefined ? undefined : Number(kib) * 1024;
}

/** Tasks running now: the fourth field of /proc/loadavg, "running/total". */
export function parseTasks(loadavg: string): number | undefined {
  const total = /^\S+ \S+ \S+ \d+\/(\d+)/.exec(loadavg)?.[1];
  return total === undefined ? undefined : Number(total);
}

function readNumber(file: string): number | undefined {
  try {
    const value = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The machine now. `diskPath` is a directory on the disk sandboxes use, if known. */
export function readMachine(diskPath?: string): MachineNumbers {
  const limits = [readNumber('/proc/sys/kernel/pid_max'), readNumber('/proc/sys/kernel/threads-max')];
  const known = limits.filter((n): n is number => n !== undefined);
  let disk: MachineNumbers['disk'];
  if (diskPath) {
    try {
      const { blocks, bavail, bsize } = fs.statfsSync(diskPath);
      disk = { totalBytes: blocks * bsize, freeBytes: bavail * bsize };
    } catch {
      disk = undefined;
    }
  }
  return {
    memoryTotalBytes: os.totalmem(),
    memoryAvailableBytes: parseMemAvailable(readText('/proc/meminfo')) ?? os.freemem(),
    pidLimit: known.length ? Math.min(...known) : Number.MAX_SAFE_INTEGER,
    pidsInUse: parseTasks(readText('/proc/loadavg')) ?? 0,
    ...(disk ? { disk } : {}),
  };
}

export interface CapacityReport {
  /** Settings that do not fit the machine, and what is not bounded on it, found at start. */
  warnings: string[];
  /** Whether each sandbox has a disk of its own of PLAYGROUND_SANDBOX_DISK_MB. */
  diskBounded: boolean;
  /** Why a new sandbox would be refused right now, if it would. */
  refusing?: string;
}

export interface MachineCapacityOptions {
  /** A directory on the disk sandboxes write to, if it is on this machine. */
  diskPath?: string;
  /** Why sandboxes' disks are not bounded, if they are not. */
  diskUnbounded?: string;
  /** The machine's numbers (made-up ones in tests). */
  read?: (diskPath?: string) => MachineNumbers;
}

export class MachineCapacity {
  readonly warnings: string[];
  private readonly read: (diskPath?: string) => MachineNumbers;

  constructor(
    private readonly settings: CapacitySettings,
    private readonly opts: MachineCapacityOptions = {},
  ) {
    this.read = opts.read ?? readMachine;
    this.warnings = planWarnings(settings, this.read(opts.diskPath));
    if (opts.diskUnbounded) {
      this.warnings.push(
        `Sandboxes' disks are not bounded: ${opts.diskUnbounded}. A learner can fill the engine's disk.`,
      );
    }
  }

  /** Throws a 503 if `sandboxes` more (with `starting` still coming up) would eat the reserve. */
  ensureRoom(sandboxes: number, starting = 0): void {
    const refusal = admissionRefusal(this.settings, this.read(this.opts.diskPath), sandboxes, starting);
    if (refusal) throw new LearnerRefusal(refusalMessage(refusal), 503);
  }

  report(): CapacityReport {
    const refusing = admissionRefusal(this.settings, this.read(this.opts.diskPath), 1);
    return {
      warnings: this.warnings,
      diskBounded: this.settings.diskAllocatedUpFront,
      ...(refusing ? { refusing } : {}),
    };
  }
}
