// Whether sandboxes fit the machine, with made-up machines: the start-up warnings name the
// settings and the numbers, and a new sandbox is refused before the reserve is touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlaygroundError } from '../../server/errors.js';
import {
  admissionRefusal,
  OUT_OF,
  planWarnings,
  SANDBOX_START_COST,
  type CapacitySettings,
  type MachineNumbers,
} from '../../server/sandboxes/capacity.js';
import { MachineCapacity, parseMemAvailable, parseTasks } from '../../server/sandboxes/machine.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const settings = (over: Partial<CapacitySettings> = {}): CapacitySettings => ({
  maxSandboxes: 40,
  limits: { memoryBytes: 2 * GiB, pids: 2048, diskBytes: 4 * GiB },
  reserve: { memoryBytes: GiB, pids: 2048, diskPercent: 5 },
  diskAllocatedUpFront: true,
  ...over,
});

/** This project's machines: 24 GiB, pid_max 32768, an 80 GiB-free disk of 250 GiB. */
const machine = (over: Partial<MachineNumbers> = {}): MachineNumbers => ({
  memoryTotalBytes: 24 * GiB,
  memoryAvailableBytes: 22 * GiB,
  pidLimit: 32768,
  pidsInUse: 450,
  disk: { totalBytes: 250 * GiB, freeBytes: 80 * GiB },
  ...over,
});

test('the defaults on a 24 GiB machine: memory, processes and disk each say what will not fit', () => {
  const warnings = planWarnings(settings(), machine());
  assert.equal(warnings.length, 3);
  const [memory, pids, disk] = warnings as [string, string, string];
  assert.match(
    memory,
    /PLAYGROUND_MAX_SANDBOXES \(40\) x PLAYGROUND_SANDBOX_MEMORY_MB \(2\.0 GiB\) = 80\.0 GiB/,
  );
  assert.match(memory, /24\.0 GiB of memory less PLAYGROUND_RESERVE_MEMORY_MB \(1\.0 GiB\): 11 sandboxes/);
  assert.match(pids, /81920 processes, more than the kernel's 32768 .* 15 sandboxes/);
  assert.match(
    disk,
    /PLAYGROUND_SANDBOX_DISK_MB \(4\.0 GiB\) = 160\.0 GiB, more than the 80\.0 GiB of disk free/,
  );
  // 80 GiB free less 5% of 250 GiB = 67.5 GiB: 16 disks of 4 GiB.
  assert.match(disk, /16 sandboxes fit/);
});

test('settings that fit the machine give no warning', () => {
  const small = settings({
    maxSandboxes: 8,
    limits: { memoryBytes: 2 * GiB, pids: 1024, diskBytes: 4 * GiB },
  });
  assert.deepEqual(planWarnings(small, machine()), []);
  // A disk not allocated up front is not counted (the unbounded disk is warned about on its own).
  assert.equal(planWarnings(settings({ diskAllocatedUpFront: false }), machine()).length, 2);
  assert.equal(
    planWarnings(settings(), machine({ disk: undefined })).length,
    2,
    'disk unknown (remote engine)',
  );
});

test('a new sandbox is refused once memory available would eat into the reserve', () => {
  const cost = SANDBOX_START_COST.memoryBytes;
  assert.equal(admissionRefusal(settings(), machine({ memoryAvailableBytes: GiB + cost }), 1), undefined);
  assert.equal(
    admissionRefusal(settings(), machine({ memoryAvailableBytes: GiB + cost - 1 }), 1),
    OUT_OF.memory,
  );
  // Sandboxes still starting count too: a burst stops before the reserve.
  assert.equal(
    admissionRefusal(settings(), machine({ memoryAvailableBytes: GiB + 3 * cost }), 1, 3),
    OUT_OF.memory,
  );
  assert.equal(admissionRefusal(settings(), machine({ memoryAvailableBytes: 512 * MiB }), 1), OUT_OF.memory);
  assert.match(
    OUT_OF.memory,
    /^The machine is out of memory for new sandboxes; try again when a session ends\.$/,
  );
});

test('a new sandbox is refused when free tasks or disk would eat into their reserves', () => {
  const tasks = SANDBOX_START_COST.pids;
  const almost = 32768 - 2048 - tasks;
  assert.equal(admissionRefusal(settings(), machine({ pidsInUse: almost }), 1), undefined);
  assert.equal(admissionRefusal(settings(), machine({ pidsInUse: almost + 1 }), 1), OUT_OF.pids);
  // 5% of 100 GiB is kept: 9 GiB free leaves 4 GiB, one disk of 4 GiB; 2 do not fit.
  const disk = { totalBytes: 100 * GiB, freeBytes: 9 * GiB };
  assert.equal(admissionRefusal(settings(), machine({ disk }), 1), undefined);
  assert.equal(admissionRefusal(settings(), machine({ disk }), 2), OUT_OF.disk);
  // Without disks of their own, sandboxes are refused only once the reserve itself is reached.
  const unbounded = settings({ diskAllocatedUpFront: false });
  assert.equal(admissionRefusal(unbounded, machine({ disk }), 10), undefined);
  const full = { totalBytes: 100 * GiB, freeBytes: 5 * GiB };
  assert.equal(admissionRefusal(unbounded, machine({ disk: full }), 1), OUT_OF.disk);
});

test('the guard throws a 503 PlaygroundError and reports the refusal for health', () => {
  let available = 10 * GiB;
  const capacity = new MachineCapacity(settings({ maxSandboxes: 4 }), {
    read: () => machine({ memoryAvailableBytes: available }),
    diskUnbounded: 'the engine is remote',
  });
  assert.deepEqual(capacity.warnings, [
    "Sandboxes' disks are not bounded: the engine is remote. A learner can fill the engine's disk.",
  ]);
  capacity.ensureRoom(1);
  assert.equal(capacity.report().refusing, undefined);
  available = 900 * MiB;
  assert.throws(
    () => capacity.ensureRoom(1),
    (e) => e instanceof PlaygroundError && e.status === 503 && e.message === OUT_OF.memory,
  );
  assert.equal(capacity.report().refusing, OUT_OF.memory);
});

test('the kernel files are read as they are written', () => {
  assert.equal(
    parseMemAvailable('MemTotal:       24683620 kB\nMemAvailable:   22946732 kB\n'),
    22946732 * 1024,
  );
  assert.equal(parseMemAvailable('MemTotal: 1 kB\n'), undefined);
  assert.equal(parseTasks('12.80 9.76 7.55 9/439 19266\n'), 439);
  assert.equal(parseTasks(''), undefined);
});
