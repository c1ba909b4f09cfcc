// Shells started ahead (a ready seat's first pane) in the terminal registry, with a fake
// backend and hand-driven timers: they wait with no grace period until the hand-over, the
// first socket gets them as new shells at its own size, and one nobody takes ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstPaneId, type ServerMessage } from '../../common/protocol.js';
import { READY_PANE_WAIT_MS, ReadyPanes } from '../../server/terminals/ready-panes.js';
import type { TerminalBackendFactory } from '../../server/terminals/backend.js';
import { BATCH_DELAY_MS } from '../../server/terminals/output-batcher.js';
import { TerminalRegistry, type PaneOwner } from '../../server/terminals/registry.js';
import { FakeBackend } from '../support/fake-terminal-backend.js';
import { FakeTimers } from '../support/fake-timers.js';

const GRACE_MS = 300_000;
const AHEAD = { cols: 100, rows: 30 };
const PAGE = { cols: 132, rows: 41 };

function setup() {
  const timers = new FakeTimers();
  const backends: FakeBackend[] = [];
  const factory: TerminalBackendFactory = {
    create: async () => {
      backends.push(new FakeBackend());
      return backends.at(-1)!;
    },
  };
  const registry = new TerminalRegistry({ graceMs: GRACE_MS, maxPerSession: 2, timers });
  return { timers, backends, factory, registry };
}

function owner(): PaneOwner & { messages: ServerMessage[] } {
  const messages: ServerMessage[] = [];
  return {
    messages,
    send: (m) => messages.push(m),
    close: () => undefined,
    watchSendBuffer: () => undefined,
  };
}

test('a shell started ahead waits, paused, with no grace period, and counts in the session', async () => {
  const s = setup();
  await s.registry.prestart('sess1', 'first1', 'node1', AHEAD, s.factory);
  const shell = s.backends[0]!;
  assert.equal(shell.paused, true, 'nobody reads it yet');
  s.timers.advance(GRACE_MS * 10);
  assert.equal(shell.closed, false, 'no grace period runs out while the seat waits');
  assert.equal(s.registry.count('sess1'), 1);
  await s.registry.prestart('sess1', 'first1', 'node1', AHEAD, s.factory);
  assert.equal(s.backends.length, 1, 'a pane started ahead is started once');
});

test("the page's first socket gets the shell as a new one, at the page's size, with its output", async () => {
  const s = setup();
  await s.registry.prestart('sess1', 'first1', 'node1', AHEAD, s.factory);
  const page = owner();
  await s.registry.claim('sess1', 'first1', 'node1', page).start(PAGE, s.factory);
  const shell = s.backends[0]!;
  assert.equal(s.backends.length, 1, 'no second shell');
  assert.deepEqual(shell.sizes.at(-1), PAGE);
  assert.equal(shell.paused, false);
  const status = page.messages.find((m) => m.type === 'status');
  assert.equal(status?.type === 'status' && status.status.attach, 'new');
  shell.emit('welcome\r\n# ');
  s.timers.advance(BATCH_DELAY_MS);
  const output = page.messages.flatMap((m) => (m.type === 'output' ? [Buffer.from(m.data).toString()] : []));
  assert.deepEqual(output, ['welcome\r\n# ']);
});

test('after the hand-over a shell nobody took ends after the wait given; a taken one has the usual grace', async () => {
  const s = setup();
  await s.registry.prestart('sess1', 'first1', 'node1', AHEAD, s.factory);
  await s.registry.prestart('sess2', 'first2', 'node1', AHEAD, s.factory);
  const page = owner();
  const claim = s.registry.claim('sess2', 'first2', 'node1', page);
  await claim.start(PAGE, s.factory);
  s.registry.releaseHeld('sess1', 60_000);
  s.registry.releaseHeld('sess2', 60_000);
  s.timers.advance(59_999);
  assert.equal(s.backends[0]!.closed, false);
  s.timers.advance(1);
  assert.equal(s.backends[0]!.closed, true, 'the shell nobody took ends');
  assert.equal(s.registry.count('sess1'), 0);
  claim.release();
  s.timers.advance(GRACE_MS - 1);
  assert.equal(s.backends[1]!.closed, false, 'a taken shell waits the usual grace period for its page');
  s.timers.advance(1);
  assert.equal(s.backends[1]!.closed, true);
});

test('a seat taken before its shell was started ahead gets none; one taken while it started is released', async () => {
  const s = setup();
  const warm = new Set(['sess1', 'sess2']);
  let startShell: () => void = () => undefined;
  const slow: TerminalBackendFactory = {
    create: async () => {
      await new Promise<void>((r) => (startShell = r));
      return s.factory.create(AHEAD);
    },
  };
  const handed: string[] = [];
  const ready = new ReadyPanes(
    s.registry,
    () => slow,
    () => 'node1',
    (id) => warm.has(id),
    (id) => handed.push(id),
  );
  warm.delete('sess1'); // taken before it was prepared
  await ready.prestart('sess1', 'en');
  assert.equal(s.registry.count('sess1'), 0, 'no shell for a seat already taken');

  const starting = ready.prestart('sess2', 'en');
  await new Promise((r) => setImmediate(r));
  warm.delete('sess2');
  ready.observer().hostReady!('sess2', 'node1'); // the hand-over, while the shell starts
  assert.deepEqual(handed, ['sess2'], 'the shell still starting counts as held');
  startShell();
  await starting;
  assert.ok(s.registry.has('sess2', firstPaneId('sess2', 'en')));
  s.timers.advance(READY_PANE_WAIT_MS - 1);
  assert.equal(s.backends[0]!.closed, false);
  s.timers.advance(1);
  assert.equal(s.backends[0]!.closed, true, 'released while it started, it ends after the wait');
});

test('a socket that takes a shell still starting ahead gets it once, at the size it then says', async () => {
  const s = setup();
  let startShell: () => void = () => undefined;
  const slow: TerminalBackendFactory = {
    create: async () => {
      await new Promise<void>((r) => (startShell = r));
      return s.factory.create(AHEAD);
    },
  };
  const starting = s.registry.prestart('sess1', 'first1', 'node1', AHEAD, slow);
  await new Promise((r) => setImmediate(r));
  const page = owner();
  const claim = s.registry.claim('sess1', 'first1', 'node1', page);
  startShell();
  await starting;
  assert.equal(page.messages.length, 0, 'nothing before the page said its size');
  await claim.start(PAGE, s.factory);
  const statuses = page.messages.filter((m) => m.type === 'status' && m.status.state === 'ready');
  assert.equal(statuses.length, 1);
  assert.equal(statuses[0]!.type === 'status' && statuses[0]!.status.attach, 'new');
  assert.deepEqual(s.backends[0]!.sizes.at(-1), PAGE);
});
