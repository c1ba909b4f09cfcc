// Terminal clients that lie about what they read, against a real sandbox running a flood:
// the server's memory stays bounded and the lying socket is dropped. The server runs in
// this process, so its resident memory is this process's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloseCode, newPaneId } from '../../common/protocol.js';
import { playgroundWithSession } from '../support/file-session.js';
import { TestTerminal } from '../support/terminal-client.js';

const PROMPT = /[#$] $/m;
/** Most the server's resident memory may grow while one client abuses one terminal. */
const RSS_GROWTH_BOUND = 100 * 1024 * 1024;
/** How long each client keeps at it, unless the server drops it first. */
const ABUSE_MS = 20_000;

const file = playgroundWithSession();

/** A shell at its prompt, flooding (`yes`), with a client that has stopped reading. */
async function floodingShellNobodyReads(pane: string): Promise<TestTerminal> {
  const term = await TestTerminal.open(file.pg.url, file.sessionId, file.token, { pane });
  term.start();
  await term.waitFor(PROMPT);
  term.stopReading();
  // The acknowledgements the client sent while it read must land first (bounded wait).
  for (let i = 0; i < 200 && file.pg.terminals.stats(file.sessionId, pane)?.unacked; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  term.type('yes\r');
  return term;
}

/**
 * Runs `lie` every 5 ms until the server lets the pane go or ABUSE_MS pass; returns the
 * server's largest resident memory growth meanwhile.
 */
async function abuse(pane: string, lie: () => void): Promise<number> {
  const rss0 = process.memoryUsage().rss;
  let peak = 0;
  const deadline = Date.now() + ABUSE_MS;
  while (Date.now() < deadline && file.pg.terminals.stats(file.sessionId, pane)?.attached) {
    lie();
    peak = Math.max(peak, process.memoryUsage().rss - rss0);
    await new Promise((r) => setTimeout(r, 5));
  }
  return peak;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;

test('a client that acknowledges more than it was sent is closed as a protocol error', async () => {
  const pane = newPaneId();
  const term = await floodingShellNobodyReads(pane);
  const growth = await abuse(pane, () => term.ack(1024 * 1024));
  assert.ok(growth < RSS_GROWTH_BOUND, `the server grew by ${mib(growth)}`);
  assert.equal(file.pg.terminals.stats(file.sessionId, pane)?.attached, false, 'the server let the pane go');
  term.resumeReading();
  const closed = await term.closed;
  assert.equal(closed.code, CloseCode.BadMessage);
  assert.match(closed.reason, /acknowledged 1048576 bytes, but only \d+ were sent/);
  assert.equal(file.pg.terminals.count(file.sessionId), 1, 'the shell waits for the grace period');
});

test('a client that never reads, acknowledging exactly what was sent, is held and then dropped', async () => {
  const pane = newPaneId();
  const term = await floodingShellNobodyReads(pane);
  const growth = await abuse(pane, () => {
    const stats = file.pg.terminals.stats(file.sessionId, pane);
    // What was sent and not acknowledged: the most an acknowledgement may claim.
    if (stats && stats.unacked > stats.queued) term.ack(stats.unacked - stats.queued);
  });
  assert.ok(growth < RSS_GROWTH_BOUND, `the server grew by ${mib(growth)}`);
  assert.equal(
    file.pg.terminals.stats(file.sessionId, pane)?.attached,
    false,
    'the server dropped the socket',
  );
  term.resumeReading();
  const closed = await term.closed;
  assert.notEqual(closed.code, CloseCode.Normal);
});
