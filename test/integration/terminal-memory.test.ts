// The server gives memory back after floods: output relayed through terminals (one a slow
// reader), their screens replayed to a reattaching socket, then the panes closed. What
// JavaScript still holds after a full collection (heap used, and the Buffers alive outside
// the heap) is compared with the idle server in the same process, with room for noise but
// far below what the floods moved. Sizes only: the timing figures are `npm run bench`'s.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPaneId } from '../../common/protocol.js';
import { playgroundWithSession } from '../support/file-session.js';
import { settledMemory } from '../support/settled-memory.js';
import { TestTerminal } from '../support/terminal-client.js';

const PROMPT = /[#$] $/m;
const FLOOD_MIB = 30;
const MiB = 1024 * 1024;
/** What the server may still hold after the floods beyond its idle size, of either kind. */
const HEAP_ROOM = 24 * MiB;
const BUFFER_ROOM = 8 * MiB;

const file = playgroundWithSession();

async function shell(pane: string, ackDelayMs = 0, ready = PROMPT): Promise<TestTerminal> {
  const term = await TestTerminal.open(file.pg.url, file.sessionId, file.token, {
    pane,
    ackDelayMs,
    keepBytes: 64 * 1024,
  });
  term.start({ cols: 120, rows: 40 });
  await term.waitFor(ready);
  return term;
}

/** Floods `term` with FLOOD_MIB of output and waits (bounded) for the end marker. */
async function flood(term: TestTerminal, marker: string): Promise<void> {
  const start = term.outputBytes;
  term.type(`head -c ${FLOOD_MIB * MiB} /dev/zero | tr '\\0' x; echo; echo ${marker}-$((40+2))\r`);
  await term.waitForAfter(
    () => Math.max(start, term.outputBytes - 4096),
    new RegExp(`${marker}-42`),
    240_000,
  );
}

test("after floods through two terminals and a replay, the server's heap and Buffers are back near idle", async () => {
  const warm = await shell(newPaneId()); // the mirror thread and the relay exist when idle is taken
  warm.closePane();
  await warm.closed;
  const idle = await settledMemory();

  const panes = [newPaneId(), newPaneId()];
  const [fast, slow] = [await shell(panes[0]!), await shell(panes[1]!, 20)];
  await Promise.all([flood(fast, 'FAST'), flood(slow, 'SLOW')]);
  // A reattach gets the flooded screen from the mirror (its prompt followed by modes).
  slow.close();
  await slow.closed;
  const again = await shell(panes[1]!, 0, /SLOW-42/);
  for (const term of [fast, again]) {
    term.closePane();
    await term.closed;
  }
  assert.equal(file.pg.terminals.count(file.sessionId), 0, 'every shell is gone');

  const now = await settledMemory();
  const grew = (key: 'heapUsed' | 'arrayBuffers') =>
    `${key}: ${(idle[key] / MiB).toFixed(1)} -> ${(now[key] / MiB).toFixed(1)} MiB`;
  assert.ok(now.heapUsed < idle.heapUsed + HEAP_ROOM, grew('heapUsed'));
  assert.ok(now.arrayBuffers < idle.arrayBuffers + BUFFER_ROOM, grew('arrayBuffers'));
});
