// The live-terminal registry with a fake backend and hand-driven timers: grace periods,
// reattach with replay, takeover, Close, limits, batching and flow control.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloseCode, type ServerMessage } from '../../common/protocol.js';
import type { TerminalBackendFactory } from '../../server/terminals/backend.js';
import { HIGH_WATERMARK, LOW_WATERMARK } from '../../server/terminals/flow-control.js';
import { BATCH_DELAY_MS, BATCH_MAX_BYTES } from '../../server/terminals/output-batcher.js';
import { TerminalRegistry, type PaneOwner } from '../../server/terminals/registry.js';
import { FakeBackend } from '../support/fake-terminal-backend.js';
import { FakeTimers } from '../support/fake-timers.js';

class FakeOwner implements PaneOwner {
  messages: ServerMessage[] = [];
  closedWith: [number, string] | null = null;
  send(msg: ServerMessage): void {
    this.messages.push(msg);
  }
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
  }
  watchSendBuffer(): void {}
  outputs(): string[] {
    return this.messages.flatMap((m) => (m.type === 'output' ? [Buffer.from(m.data).toString()] : []));
  }
  outputBytes(): number {
    return this.messages.reduce((n, m) => n + (m.type === 'output' ? m.data.length : 0), 0);
  }
  has(type: ServerMessage['type']): ServerMessage | undefined {
    return this.messages.find((m) => m.type === type);
  }
}

const SIZE = { cols: 80, rows: 24 };

function setup(graceMs = 60_000, maxPerSession = 3) {
  const timers = new FakeTimers();
  const backends: FakeBackend[] = [];
  const factory: TerminalBackendFactory = {
    create: async () => {
      const b = new FakeBackend();
      backends.push(b);
      return b;
    },
  };
  const registry = new TerminalRegistry({ graceMs, maxPerSession, timers });
  return { timers, backends, factory, registry };
}

/** Lets the screen mirror's parser thread (real time) answer until `ready()` holds (bounded). */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  assert.fail(`never happened: ${what}`);
}

const readyStatus = (o: FakeOwner) =>
  o.messages.find((m) => m.type === 'status' && m.status.state === 'ready');

async function openPane(s: ReturnType<typeof setup>, paneId = 'pane01', sessionId = 'sess1', host = 'node1') {
  const owner = new FakeOwner();
  const claim = s.registry.claim(sessionId, paneId, host, owner);
  await claim.start(SIZE, s.factory);
  await until(() => readyStatus(owner) !== undefined, 'ready status');
  return { owner, claim };
}

test('a new pane gets a ready status marked new and then live output, batched', async () => {
  const s = setup();
  const { owner } = await openPane(s);
  assert.deepEqual(readyStatus(owner), {
    type: 'status',
    status: { state: 'ready', host: 'node1', attach: 'new' },
  });
  const b = s.backends[0]!;
  assert.equal(b.paused, false, 'reading starts once a socket is attached');
  b.emit('one ');
  b.emit('two ');
  b.emit('three');
  assert.deepEqual(owner.outputs(), [], 'small chunks wait for company');
  s.timers.advance(BATCH_DELAY_MS);
  assert.deepEqual(owner.outputs(), ['one two three'], 'one frame for the three chunks');
  b.emit(Buffer.alloc(BATCH_MAX_BYTES, 0x61));
  assert.equal(owner.outputs().length, 2, 'a full batch goes out at once');
});

test("a new pane is ready and reading as soon as its shell starts: no wait for the mirror's thread", async () => {
  const s = setup();
  const owner = new FakeOwner();
  await s.registry.claim('sess1', 'pane01', 'node1', owner).start(SIZE, s.factory);
  // No turn of the event loop: the mirror's thread (a worker) cannot have answered yet.
  assert.ok(readyStatus(owner), 'ready at once');
  assert.equal(s.backends[0]!.paused, false, 'the first prompt flows at once');
});

test('input sends gathered output at once, and the echo after it is not delayed', async () => {
  const s = setup();
  const { owner, claim } = await openPane(s);
  const b = s.backends[0]!;
  b.emit('prompt$ ');
  claim.input(new TextEncoder().encode('l'));
  assert.deepEqual(owner.outputs(), ['prompt$ ']);
  assert.deepEqual(b.writes, ['l']);
  b.emit('l');
  assert.deepEqual(owner.outputs(), ['prompt$ ', 'l'], 'the echo went out without waiting');
  b.emit('more');
  assert.deepEqual(owner.outputs().length, 2, 'later output is batched again');
});

test('flow control counts batched output: reading pauses above the high watermark, resumes below the low', async () => {
  const s = setup();
  const { owner, claim } = await openPane(s, 'flow01');
  const b = s.backends[0]!;
  const chunk = Buffer.alloc(16 * 1024, 0x78);
  let sent = 0;
  while (!b.paused) {
    b.emit(chunk);
    sent += chunk.length;
    assert.ok(sent < 4 * HIGH_WATERMARK, 'paused in time');
  }
  assert.ok(sent > HIGH_WATERMARK);
  const stats = s.registry.stats('sess1', 'flow01')!;
  assert.equal(stats.unacked, sent);
  assert.ok(stats.queued < BATCH_MAX_BYTES, 'queued output is part of unacked');
  s.timers.advance(BATCH_DELAY_MS);
  assert.equal(owner.outputBytes(), sent, 'everything read went out');
  claim.ack(sent - LOW_WATERMARK);
  assert.equal(b.paused, true, 'at the low watermark it stays paused');
  await until(() => s.registry.stats('sess1', 'flow01')!.mirrorBacklog === 0, 'mirror parsed');
  claim.ack(1);
  assert.equal(b.paused, false);
  assert.ok(s.registry.stats('sess1', 'flow01')!.peakBuffered >= HIGH_WATERMARK);
});

test('Ctrl-C while the browser is behind drains the backlog at full speed and sends only its tail', async () => {
  const s = setup();
  const { owner, claim } = await openPane(s, 'flood1');
  const b = s.backends[0]!;
  const chunk = Buffer.alloc(16 * 1024, 0x79);
  while (!b.paused) b.emit(chunk);
  s.timers.advance(BATCH_DELAY_MS);
  const before = owner.outputBytes();

  claim.input(new Uint8Array([0x03]));
  assert.equal(b.paused, false, 'the backlog is read at once, whatever the browser has not acked');
  for (let i = 0; i < 100; i++) b.emit(chunk); // 1.6 MB that Docker held
  b.emit('^C\r\nnode1:~# ');
  assert.equal(owner.outputBytes(), before, 'nothing of the backlog is sent while it drains');
  s.timers.advance(20); // quiet: the drain ends
  const tail = owner.outputBytes() - before;
  assert.ok(tail > 0 && tail <= 16 * 1024 + chunk.length + 16, `only the tail is sent (${tail} bytes)`);
  const sent = owner.outputs().join('').slice(before);
  assert.equal(sent[0], '\u0018', 'a CAN first, ending any escape sequence cut short');
  assert.match(sent.slice(1), /^y*\^C\r\nnode1:~# $/, 'then the newest output, with the prompt');
  assert.equal(b.paused, true, 'the browser is still behind: reading waits for its acks again');
  claim.ack(owner.outputBytes());
  assert.equal(b.paused, false);
});

test('Ctrl-C while the browser keeps up changes nothing', async () => {
  const s = setup();
  const { owner, claim } = await openPane(s, 'calm01');
  const b = s.backends[0]!;
  claim.input(new Uint8Array([0x03]));
  b.emit('^C\r\nnode1:~# ');
  s.timers.advance(BATCH_DELAY_MS);
  assert.deepEqual(owner.outputs(), ['^C\r\nnode1:~# ']);
});

test('a dropped socket leaves the shell paused for the grace period; a reattach gets the screen and a fresh window', async () => {
  const s = setup(60_000);
  const first = await openPane(s, 'keep01');
  const b = s.backends[0]!;
  b.emit('\x1b]0;my title\x07root@box:~# echo hai\r\nhai\r\nroot@box:~# ');
  s.timers.advance(BATCH_DELAY_MS);
  // The browser is behind: unacknowledged output holds the shell (SGR resets: bytes that
  // change nothing on the screen).
  b.emit(Buffer.from('\x1b[m'.repeat(HIGH_WATERMARK / 3 + 1)));
  assert.equal(b.paused, true);
  first.claim.release();
  assert.equal(b.paused, true, 'no socket: the shell stays paused');
  assert.equal(b.closed, false);
  assert.equal(s.registry.count('sess1'), 1);
  s.timers.advance(59_000);
  assert.equal(b.closed, false, 'still inside the grace period');

  const second = new FakeOwner();
  const claim = s.registry.claim('sess1', 'keep01', 'node1', second);
  await claim.start({ cols: 100, rows: 30 }, s.factory);
  await until(() => readyStatus(second) !== undefined, 'reattached');
  assert.equal(s.backends.length, 1, 'no second shell');
  assert.deepEqual(b.sizes, [{ cols: 100, rows: 30 }], 'the shell takes the new pane size');
  const ready = readyStatus(second);
  assert.equal(ready?.type === 'status' && ready.status.attach, 'reattached');
  const replay = second.outputs()[0] ?? '';
  assert.match(replay, /echo hai\r\nhai\r\nroot@box:~# /, 'the screen is replayed first');
  assert.deepEqual(second.has('title'), { type: 'title', title: 'my title' });
  assert.equal(b.paused, false, "the dead socket's unacknowledged bytes no longer hold the shell");
  assert.equal(s.registry.stats('sess1', 'keep01')!.unacked, Buffer.byteLength(replay));
  s.timers.advance(120_000);
  assert.equal(b.closed, false, 'the grace timer was cancelled by the reattach');
  b.emit('live');
  s.timers.advance(BATCH_DELAY_MS);
  assert.equal(second.outputs().at(-1), 'live');
});

test('a shell nobody reattaches to is ended after the grace period and frees its place', async () => {
  const s = setup(300_000, 1);
  const { claim } = await openPane(s, 'gone01');
  claim.release();
  s.timers.advance(299_999);
  assert.equal(s.backends[0]!.closed, false);
  assert.throws(
    () => s.registry.claim('sess1', 'other1', 'node1', new FakeOwner()),
    (err: Error & { closeCode?: number }) => err.closeCode === CloseCode.TooManyTerminals,
    'a shell in its grace period counts against the limit',
  );
  s.timers.advance(1);
  assert.equal(s.backends[0]!.closed, true);
  assert.equal(s.registry.count('sess1'), 0);
  assert.doesNotThrow(() => s.registry.claim('sess1', 'other1', 'node1', new FakeOwner()));
});

test('a second socket takes the pane over; the first is closed with a reason and ignored', async () => {
  const s = setup();
  const first = await openPane(s, 'tab001');
  const second = new FakeOwner();
  const claim = s.registry.claim('sess1', 'tab001', 'node1', second);
  assert.equal(first.owner.closedWith?.[0], CloseCode.TakenOver);
  assert.match(first.owner.closedWith?.[1] ?? '', /another window/);
  await claim.start(SIZE, s.factory);
  first.claim.input(new TextEncoder().encode('ignored'));
  first.claim.release();
  await first.claim.close();
  assert.deepEqual(s.backends[0]!.writes, []);
  assert.equal(s.backends[0]!.closed, false, "the old socket's close does not end the shell");
  assert.equal(s.registry.count('sess1'), 1);
});

test('Close ends the shell at once and frees its place; a socket that never started leaves nothing', async () => {
  const s = setup(60_000, 2);
  const { claim } = await openPane(s, 'shut01');
  await claim.close();
  assert.equal(s.backends[0]!.closed, true);
  assert.equal(s.registry.count('sess1'), 0);
  assert.equal(s.timers.pending, 0, 'no grace timer');

  const idle = s.registry.claim('sess1', 'idle01', 'node1', new FakeOwner());
  assert.equal(s.registry.count('sess1'), 1, 'a claimed pane holds a place while its socket is open');
  idle.release();
  assert.equal(s.registry.count('sess1'), 0);
});

test('a pane id belongs to one host', async () => {
  const s = setup();
  await openPane(s, 'host01');
  assert.throws(
    () => s.registry.claim('sess1', 'host01', 'node2', new FakeOwner()),
    (err: Error & { closeCode?: number }) => err.closeCode === CloseCode.BadMessage,
  );
});

test('ending a session closes its sockets and ends every shell, attached or waiting', async () => {
  const s = setup();
  const attached = await openPane(s, 'aaaaaa');
  const waiting = await openPane(s, 'bbbbbb');
  const other = await openPane(s, 'cccccc', 'sess2');
  waiting.claim.release();
  await s.registry.closeSession('sess1');
  assert.equal(attached.owner.closedWith?.[0], CloseCode.SandboxGone);
  assert.deepEqual(
    s.backends.map((b) => b.closed),
    [true, true, false],
  );
  assert.equal(s.registry.count('sess1'), 0);
  assert.equal(s.timers.pending, 0);
  assert.equal(other.owner.closedWith, null);
});

test('removing a host ends the shells on it and only those', async () => {
  const s = setup();
  const onNode1 = await openPane(s, 'aaaaaa');
  const onNode2 = await openPane(s, 'bbbbbb', 'sess1', 'node2');
  await s.registry.closeHost('sess1', 'node2');
  assert.equal(onNode2.owner.closedWith?.[0], CloseCode.SandboxGone);
  assert.match(onNode2.owner.closedWith?.[1] ?? '', /node2 was removed/);
  assert.equal(onNode1.owner.closedWith, null);
  assert.deepEqual(
    s.backends.map((b) => b.closed),
    [false, true],
  );
  assert.equal(s.registry.count('sess1'), 1);
});

test('a shell that exits sends exit, closes its socket normally and leaves the registry', async () => {
  const s = setup();
  const { owner } = await openPane(s, 'exit01');
  s.backends[0]!.emit('logout\r\n');
  s.backends[0]!.exit(0);
  assert.deepEqual(owner.outputs(), ['logout\r\n'], 'pending output is flushed before the exit');
  assert.deepEqual(owner.messages.at(-1), { type: 'exit', code: 0 });
  assert.deepEqual(owner.closedWith, [CloseCode.Normal, 'The shell exited.']);
  assert.equal(s.registry.count('sess1'), 0);
});

test('output that arrives while detached is kept by the mirror and replayed', async () => {
  const s = setup();
  const { claim } = await openPane(s, 'late01');
  claim.release();
  // Chunks already in flight when the stream paused still arrive.
  s.backends[0]!.emit('selesai 🐳\r\n');
  const owner = new FakeOwner();
  await s.registry.claim('sess1', 'late01', 'node1', owner).start(SIZE, s.factory);
  await until(() => readyStatus(owner) !== undefined, 'reattached');
  assert.match(owner.outputs().join(''), /selesai 🐳/);
});

test('the alternate screen (vi, top) is replayed as the alternate screen', async () => {
  const s = setup();
  const { claim } = await openPane(s, 'alts01');
  s.backends[0]!.emit('$ top\r\n\x1b[?1049h\x1b[HTasks: 3 total\x1b[5;1Hcursor here');
  claim.release();
  const owner = new FakeOwner();
  await s.registry.claim('sess1', 'alts01', 'node1', owner).start(SIZE, s.factory);
  await until(() => readyStatus(owner) !== undefined, 'reattached');
  const replay = owner.outputs().join('');
  const alt = replay.indexOf('\x1b[?1049h');
  assert.ok(alt > replay.indexOf('$ top'), 'the normal screen first, then the switch');
  assert.ok(replay.indexOf('Tasks: 3 total') > alt, 'top is drawn on the alternate screen');
});

test('a stopping server ends every shell and tells pages to come back', async () => {
  const s = setup();
  const a = await openPane(s, 'stop01');
  const b = await openPane(s, 'stop02', 'sess2');
  await s.registry.closeAll();
  assert.deepEqual(a.owner.closedWith?.[0], 1001);
  assert.deepEqual(b.owner.closedWith?.[0], 1001);
  assert.ok(s.backends.every((x) => x.closed));
  assert.equal(s.registry.count('sess1') + s.registry.count('sess2'), 0);
});
