// Whether sandboxes fit the machine: the settings against the machine at start (what cannot
// all be used at once), and each new sandbox against what is left now (refused before the
// host runs out). Pure: the machine's numbers come in (machine.ts reads them), so every
// decision can be tested with made-up machines.
import { messageText } from '../../common/message-catalogues.js';
import { message, verbatim, type Message } from '../../common/messages.js';
import type { Config, MachineReserve, SandboxLimits } from '../config.js';

/** What the machine has, and has left. */
export interface MachineNumbers {
  memoryTotalBytes: number;
  /** The kernel's MemAvailable: what can be given out without swapping. */
  memoryAvailableBytes: number;
  /** Most tasks (processes and threads) the kernel allows: min(pid_max, threads-max). */
  pidLimit: number;
  /** Tasks running now, host-wide. */
  pidsInUse: number;
  /** The file system sandboxes' disks live on; unknown on a remote engine. */
  disk?: { totalBytes: number; freeBytes: number };
}

export interface CapacitySettings {
  maxSandboxes: number;
  limits: Pick<SandboxLimits, 'memoryBytes' | 'pids' | 'diskBytes'>;
  reserve: MachineReserve;
  /** Whether each sandbox's disk is allocated in full when it starts (disks.ts). */
  diskAllocatedUpFront: boolean;
}

export function capacitySettings(config: Config, diskAllocatedUpFront: boolean): CapacitySettings {
  return {
    maxSandboxes: config.maxSandboxes,
    limits: config.limits,
    reserve: config.reserve,
    diskAllocatedUpFront,
  };
}

/**
 * What one more sandbox takes from the host as it starts, whatever its limits: host-wide
 * 51 to 62 MiB and about 40 kernel tasks per idle sandbox were measured (`npm run bench`,
 * capacity). Rounded up, so a burst stops before the reserve.
 */
export const SANDBOX_START_COST = { memoryBytes: 64 * 1024 * 1024, pids: 100 } as const;

const OUT_OF_MESSAGES = {
  memory: message('out-of-memory', {}),
  pids: message('out-of-pids', {}),
  disk: message('out-of-disk', {}),
};

export const OUT_OF = {
  memory: messageText(OUT_OF_MESSAGES.memory),
  pids: messageText(OUT_OF_MESSAGES.pids),
  disk: messageText(OUT_OF_MESSAGES.disk),
} as const;

/** A refusal as a message the page can say in the learner's language. */
export function refusalMessage(refusal: string): Message {
  return Object.values(OUT_OF_MESSAGES).find((m) => messageText(m) === refusal) ?? verbatim(refusal);
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const size = (bytes: number) =>
  bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GiB` : `${Math.round(bytes / MiB)} MiB`;

export function diskReserveBytes(settings: CapacitySettings, totalBytes: number): number {
  return Math.ceil((totalBytes * settings.reserve.diskPercent) / 100);
}

/**
 * The settings that do not fit this machine, each a plain sentence with the numbers: the
 * sandboxes can then not all use their limits at once, and new ones are refused first.
 */
export function planWarnings(settings: CapacitySettings, machine: MachineNumbers): string[] {
  const { maxSandboxes: n, limits, reserve } = settings;
  const warnings: string[] = [];
  const memory = machine.memoryTotalBytes - reserve.memoryBytes;
  if (n * limits.memoryBytes > memory) {
    warnings.push(
      `PLAYGROUND_MAX_SANDBOXES (${n}) x PLAYGROUND_SANDBOX_MEMORY_MB (${size(limits.memoryBytes)}) = ` +
        `${size(n * limits.memoryBytes)}, more than the machine's ${size(machine.memoryTotalBytes)} of memory ` +
        `less PLAYGROUND_RESERVE_MEMORY_MB (${size(reserve.memoryBytes)}): ` +
        `${fitting(memory, limits.memoryBytes)} sandboxes can use their whole memory at once.`,
    );
  }
  const pids = machine.pidLimit - reserve.pids;
  if (n * limits.pids > pids) {
    warnings.push(
      `PLAYGROUND_MAX_SANDBOXES (${n}) x PLAYGROUND_SANDBOX_PIDS (${limits.pids}) = ${n * limits.pids} processes, ` +
        `more than the kernel's ${machine.pidLimit} (pid_max, threads-max) less PLAYGROUND_RESERVE_PIDS ` +
        `(${reserve.pids}): ${fitting(pids, limits.pids)} sandboxes can use their whole process limit at once.`,
    );
  }
  if (machine.disk && settings.diskAllocatedUpFront) {
    const disk = machine.disk.freeBytes - diskReserveBytes(settings, machine.disk.totalBytes);
    if (n * limits.diskBytes > disk) {
      warnings.push(
        `PLAYGROUND_MAX_SANDBOXES (${n}) x PLAYGROUND_SANDBOX_DISK_MB (${size(limits.diskBytes)}) = ` +
          `${size(n * limits.diskBytes)}, more than the ${size(machine.disk.freeBytes)} of disk free ` +
          `less PLAYGROUND_RESERVE_DISK_PERCENT (${reserve.diskPercent}%): ` +
          `${fitting(disk, limits.diskBytes)} sandboxes fit.`,
      );
    }
  }
  return warnings;
}

const fitting = (room: number, each: number) => Math.max(0, Math.floor(room / each));

/**
 * Why `sandboxes` more (with `starting` others still coming up) would eat into the
 * machine's reserve, or undefined if they fit now.
 */
export function admissionRefusal(
  settings: CapacitySettings,
  machine: MachineNumbers,
  sandboxes: number,
  starting = 0,
): string | undefined {
  const { reserve } = settings;
  const coming = sandboxes + starting;
  if (machine.memoryAvailableBytes - reserve.memoryBytes < coming * SANDBOX_START_COST.memoryBytes) {
    return OUT_OF.memory;
  }
  if (machine.pidLimit - machine.pidsInUse - reserve.pids < coming * SANDBOX_START_COST.pids) {
    return OUT_OF.pids;
  }
  if (machine.disk) {
    const free = machine.disk.freeBytes - diskReserveBytes(settings, machine.disk.totalBytes);
    // A disk allocated up front takes its whole size as the sandbox starts (each allocation
    // checks again, one at a time: disks.ts); otherwise only the reserve is kept.
    const needed = settings.diskAllocatedUpFront ? sandboxes * settings.limits.diskBytes : 0;
    if (free < needed || free <= 0) return OUT_OF.disk;
  }
  return undefined;
}
