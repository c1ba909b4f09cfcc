// The whole machine's CPU time, from /proc/stat: what relaying output costs in every process
// on its way (dtach, the relay, Docker, the server, the kernel), not only in the bench's own.
import { readFileSync } from 'node:fs';

/** Milliseconds of CPU the machine has spent busy (user, nice, system, irq, softirq) so far. */
export function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // /proc/stat counts in USER_HZ, 100 a second on Linux.
  return (user! + nice! + system! + irq! + softirq!) * 10;
}
