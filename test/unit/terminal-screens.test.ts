// Panes' screens kept on disk for a restarted server: a busy pane's screen is saved within a
// few seconds, a stopping server lets go of its shells (never ends them) after saving, the
// next server's pane shows the saved screen first as a reattach, and an ended session's
// screens go. Saved screens are bounded, keeping the newest lines.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { ServerMessage } from '../../common/protocol.js';
import { TerminalRegistry, type PaneOwner } from '../../server/terminals/registry.js';
import { boundScreen, SAVE_EVERY_MS, ScreenStore } from '../../server/terminals/screen-store.js';
import { FakeBackend } from '../support/fake-terminal-backend.js';
import { FakeTimers } from '../support/fake-timers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'screens-'));
after(() => rmSync(dir, { recursive: true, force: true }));

class ReleasableBackend extends FakeBackend {
  released = false;
  release(): void {
    this.released = true;
  }
}

class Owner implements PaneOwner {
  messages: ServerMessage[] = [];
  send(msg: ServerMessage): void {
    this.messages.push(msg);
  }
  close(): void {}
  watchSendBuffer(): void {}
  text(): string {
    return this.messages.map((m) => (m.type === 'output' ? Buffer.from(m.data).toString() : '')).join('');
  }
}

async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ready()) {
    if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function registry(timers: FakeTimers, backends: ReleasableBackend[]) {
  const terminals = new TerminalRegistry({
    graceMs: 60_000,
    maxPerSession: 3,
    timers,
    screens: new ScreenStore(dir),
  });
  const factory = {
    create: async () => {
      const backend = new ReleasableBackend();
      backends.push(backend);
      return backend;
    },
  };
  return { terminals, factory };
}

const saved = () => readdirSync(dir).map((n) => readFileSync(path.join(dir, n), 'utf8'));

test("a pane's screen outlives the server, its shell is let go, and the next server shows it first", async () => {
  const timers = new FakeTimers();
  const backends: ReleasableBackend[] = [];
  const first = registry(timers, backends);
  const owner = new Owner();
  await first.terminals.claim('sess1', 'pane01', 'node1', owner).start({ cols: 80, rows: 24 }, first.factory);
  backends[0]!.emit('hello-screen-1\r\n$ ');
  timers.advance(SAVE_EVERY_MS);
  await until(() => saved().some((s) => s.includes('hello-screen-1')), 'the screen saved while busy');

  backends[0]!.emit('second-line-2\r\n$ ');
  await first.terminals.closeAll();
  assert.equal(backends[0]!.released, true, 'the shell is let go');
  assert.equal(backends[0]!.closed, false, 'and not ended');
  assert.ok(
    saved().some((s) => s.includes('second-line-2')),
    'saved at shutdown',
  );

  const second = registry(new FakeTimers(), backends);
  const again = new Owner();
  await second.terminals
    .claim('sess1', 'pane01', 'node1', again)
    .start({ cols: 80, rows: 24 }, second.factory);
  await until(() => /second-line-2/.test(again.text()), 'the saved screen replayed');
  assert.match(again.text(), /hello-screen-1/);
  const status = again.messages.find((m) => m.type === 'status');
  assert.equal(status?.type === 'status' && status.status.attach, 'reattached');

  await second.terminals.closeSession('sess1');
  assert.deepEqual(readdirSync(dir), [], "an ended session's screens go");
  assert.equal(existsSync(dir), true);
});

test('a saved screen keeps its newest lines within the bound', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `line-${i}`).join('\r\n');
  const bounded = boundScreen(lines, 1000);
  assert.ok(Buffer.byteLength(bounded) <= 1000);
  assert.ok(bounded.endsWith('line-4999'));
  assert.match(bounded, /^line-\d+\r\n/, 'from the start of a line');
  assert.equal(boundScreen('short'), 'short');
});
