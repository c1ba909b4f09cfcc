// The server's memory for `npm run bench`, beside its idle size measured in the same run:
//   after a flood       floods of output through a terminal that reads and acknowledges
//   after abuse         hostile terminal clients during `yes`: one acknowledging more than
//                       it was sent, one never reading while acknowledging what was sent
// The server runs in this process, so its memory is this process's. Each figure is taken
// after a full garbage collection: heapUsed is what JavaScript still holds; resident memory
// (RSS) also counts what the allocator keeps mapped after it was freed (see benchMemory).
import { newPaneId } from '../common/protocol.js';
import type { RunningPlayground } from '../server/app.js';
import { settledMemory } from '../test/support/settled-memory.js';
import { TestTerminal } from '../test/support/terminal-client.js';
import { sleep, type Record } from './figures.js';

const FLOODS = 3;
const FLOOD_BYTES = 50 * 1024 * 1024;
/** Each hostile client keeps at it this long, unless the server drops it first. */
const ABUSE_MS = 15_000;
const SIZE = { cols: 120, rows: 40 };
const PROMPT = /[#$] $/m;

type Session = { id: string; token: string };

async function openShell(pg: RunningPlayground, session: Session, pane = newPaneId()): Promise<TestTerminal> {
  // The client keeps only the newest output: it runs in this process too.
  const term = await TestTerminal.open(pg.url, session.id, session.token, { pane, keepBytes: 64 * 1024 });
  term.start(SIZE);
  await term.waitFor(PROMPT);
  return term;
}

async function flood(pg: RunningPlayground, session: Session): Promise<void> {
  const term = await openShell(pg, session);
  for (let i = 0; i < FLOODS; i++) {
    const start = term.outputBytes;
    term.type(`head -c ${FLOOD_BYTES} /dev/zero | tr '\\0' x; echo; echo FLOOD-$((40+${i}))\r`);
    const done = new RegExp(`FLOOD-${40 + i}`);
    await term.waitForAfter(() => Math.max(start, term.outputBytes - 4096), done, 180_000);
  }
  term.closePane();
  await term.closed;
}

/** A client that stopped reading during `yes`, lying with `lie` every 5 ms until dropped. */
async function hostileClient(
  pg: RunningPlayground,
  session: Session,
  lie: (t: TestTerminal, pane: string) => void,
) {
  const pane = newPaneId();
  const term = await openShell(pg, session, pane);
  term.stopReading();
  for (let i = 0; i < 200 && pg.terminals.stats(session.id, pane)?.unacked; i++) await sleep(10);
  term.type('yes\r');
  const deadline = Date.now() + ABUSE_MS;
  while (Date.now() < deadline && pg.terminals.stats(session.id, pane)?.attached) {
    lie(term, pane);
    await sleep(5);
  }
  term.resumeReading();
  term.close();
  // End the shell (and its `yes`) rather than leave it to the grace period.
  const again = await openShell(pg, session, pane).catch(() => null);
  again?.closePane();
  await again?.closed;
}

async function abuse(pg: RunningPlayground, session: Session): Promise<void> {
  await hostileClient(pg, session, (term) => term.ack(1024 * 1024));
  await hostileClient(pg, session, (term, pane) => {
    const stats = pg.terminals.stats(session.id, pane);
    if (stats && stats.unacked > stats.queued) term.ack(stats.unacked - stats.queued);
  });
}

const mib = (n: number) => n / 1024 / 1024;

/**
 * Resident memory can stay above the idle size when nothing is held any more: Buffers of
 * socket size (64 KiB) come from glibc's main malloc arena, and once freed they stay in it
 * for reuse (the arena shrinks only from its top) rather than going back to the system.
 * heapUsed and the Buffers still alive (arrayBuffers) show what the server really holds;
 * /proc/self/smaps shows the rest in `[heap]`. So the bound that matters is on what can
 * pile up at once (flow-control.ts): the arena then never grows large in the first place.
 */
export async function benchMemory(pg: RunningPlayground, session: Session, record: Record): Promise<void> {
  const idle = await settledMemory();
  await flood(pg, session);
  const flooded = await settledMemory();
  await abuse(pg, session);
  const abused = await settledMemory();
  const figure = (name: string, m: NodeJS.MemoryUsage, key: 'rss' | 'heapUsed' | 'arrayBuffers') =>
    record({ name, value: mib(m[key]), unit: 'MiB', baseline: { name: 'idle', value: mib(idle[key]) } });
  figure(`server RSS after ${FLOODS} x ${mib(FLOOD_BYTES)} MiB of output`, flooded, 'rss');
  figure('server heap used after the floods', flooded, 'heapUsed');
  figure('server Buffers alive after the floods', flooded, 'arrayBuffers');
  figure('server RSS after two hostile clients', abused, 'rss');
  figure('server heap used after two hostile clients', abused, 'heapUsed');
  figure('server Buffers alive after two hostile clients', abused, 'arrayBuffers');
}
