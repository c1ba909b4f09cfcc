// A terminal WebSocket against a client that lies: acknowledgements of more than was sent,
// and a socket whose send buffer never drains. The socket is a fake (its send buffer is
// drained by hand), the shell a fake backend, the registry real.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { WebSocket } from 'ws';
import {
  CloseCode,
  decodeServerMessage,
  encodeClientMessage,
  type ClientMessage,
  type ServerMessage,
} from '../../common/protocol.js';
import { SEND_BUFFER_HIGH, SEND_BUFFER_LOW, SEND_STALL_MS } from '../../server/terminals/flow-control.js';
import { BATCH_DELAY_MS } from '../../server/terminals/output-batcher.js';
import { gatherOutput, outputFrame } from '../../server/terminals/output-frame.js';
import { TerminalRegistry } from '../../server/terminals/registry.js';
import { serveTerminal } from '../../server/terminals/socket.js';
import { FakeBackend } from '../support/fake-terminal-backend.js';
import { FakeTimers } from '../support/fake-timers.js';

const OPEN = 1;
const CLOSING = 2;

/** The server's side of a WebSocket whose send buffer drains only when the test says so. */
class FakeWs extends EventEmitter {
  readonly OPEN = OPEN;
  readyState = OPEN;
  closedWith: [number, string] | null = null;
  terminated = false;
  /** Frames not yet taken by the network, with their write callbacks. */
  private unwritten: { frame: Uint8Array; done?: (err?: Error) => void }[] = [];
  sentMessages: ServerMessage[] = [];

  get bufferedAmount(): number {
    return this.unwritten.reduce((n, w) => n + w.frame.length, 0);
  }
  send(frame: Uint8Array, done?: (err?: Error) => void): void {
    this.sentMessages.push(decodeServerMessage(frame));
    this.unwritten.push({ frame, done });
  }
  /** The network takes the oldest `frames` frames. */
  write(frames = Infinity): void {
    for (const w of this.unwritten.splice(0, frames)) w.done?.();
  }
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
    this.readyState = CLOSING;
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close', 1006, Buffer.alloc(0));
  }
  ping(): void {}
  /** A frame from the client. */
  receive(msg: ClientMessage): void {
    this.emit('message', Buffer.from(encodeClientMessage(msg)), true);
  }
  outputBytes(): number {
    return this.sentMessages.reduce((n, m) => n + (m.type === 'output' ? m.data.length : 0), 0);
  }
}

/** Ends the test's socket (its heartbeat timer is real) and shells. */
function finish(ws: FakeWs, registry: TerminalRegistry): Promise<void> {
  ws.emit('close', 1000, Buffer.alloc(0));
  return registry.closeAll();
}

/** A socket for pane01 whose shell is ready (the mirror's thread answers in real time). */
async function connect(
  registry: TerminalRegistry,
  timers: FakeTimers,
  backend: FakeBackend,
): Promise<FakeWs> {
  const ws = new FakeWs();
  serveTerminal(ws as unknown as WebSocket, {
    sessionId: 'sess1',
    paneId: 'pane01',
    host: 'node1',
    factory: { create: async () => backend },
    registry,
    timers,
  });
  ws.receive({ type: 'resize', size: { cols: 80, rows: 24 } });
  const deadline = Date.now() + 5000;
  while (!ws.sentMessages.some((m) => m.type === 'status' && m.status.state === 'ready')) {
    assert.ok(Date.now() < deadline, 'the shell became ready');
    await new Promise((r) => setTimeout(r, 2));
  }
  return ws;
}

async function openSocket() {
  const timers = new FakeTimers();
  const registry = new TerminalRegistry({ graceMs: 60_000, maxPerSession: 3, timers });
  const backend = new FakeBackend();
  const ws = await connect(registry, timers, backend);
  const stats = () => registry.stats('sess1', 'pane01')!;
  return { timers, registry, backend, ws, stats };
}

/** The shell floods; the client acknowledges every byte sent, but the network takes nothing. */
function floodUntilHeld(backend: FakeBackend, ws: FakeWs, stats: () => { awaitingAck: number }): void {
  const chunk = Buffer.alloc(64 * 1024, 0x79);
  while (!backend.paused) {
    backend.emit(chunk);
    ws.receive({ type: 'ack', bytes: stats().awaitingAck });
    assert.ok(ws.bufferedAmount < 2 * SEND_BUFFER_HIGH, 'reading stopped in time');
  }
}

test('an acknowledgement of more than was sent closes the socket as a protocol error; the shell waits', async (t) => {
  const { timers, registry, backend, ws, stats } = await openSocket();
  t.after(() => finish(ws, registry));
  backend.emit('hello');
  timers.advance(BATCH_DELAY_MS);
  assert.equal(ws.outputBytes(), 5);

  ws.receive({ type: 'ack', bytes: 6 });
  assert.equal(ws.closedWith?.[0], CloseCode.BadMessage);
  assert.match(ws.closedWith![1], /acknowledged 6 bytes, but only 5 were sent/);
  assert.equal(stats().attached, false, 'the pane is let go at once, not after the close handshake');
  assert.equal(backend.closed, false, 'the shell waits for the grace period');
  assert.equal(registry.count('sess1'), 1);
  ws.receive({ type: 'input', data: new TextEncoder().encode('x') });
  assert.deepEqual(backend.writes, [], 'a closing socket is not listened to');
});

test('a socket whose send buffer does not drain holds the shell, and is dropped once it stalls', async (t) => {
  const { timers, registry, backend, ws, stats } = await openSocket();
  t.after(() => finish(ws, registry));
  floodUntilHeld(backend, ws, stats);
  assert.ok(ws.bufferedAmount > SEND_BUFFER_HIGH, 'held by the send buffer, not the window');
  assert.equal(stats().unacked, 0);

  timers.advance(SEND_STALL_MS - 1);
  ws.write(1); // one frame reached the network: progress, still full
  timers.advance(SEND_STALL_MS - 1);
  assert.equal(ws.terminated, false, 'a socket that writes something is not stalled');
  assert.equal(backend.paused, true, 'still above the low mark');

  timers.advance(1);
  assert.equal(ws.terminated, true, 'nothing written for SEND_STALL_MS: dropped');
  assert.equal(stats().attached, false);
  assert.equal(backend.closed, false, 'the shell waits for the grace period');
});

test('a send buffer that drains to the low mark lets output flow again', async (t) => {
  const { registry, backend, ws, stats } = await openSocket();
  t.after(() => finish(ws, registry));
  floodUntilHeld(backend, ws, stats);
  for (let frames = 0; backend.paused; frames++) {
    assert.ok(ws.bufferedAmount > SEND_BUFFER_LOW, 'held only while above the low mark');
    assert.ok(frames < 100);
    ws.write(1);
  }
  assert.ok(ws.bufferedAmount <= SEND_BUFFER_LOW, 'let go at the low mark');
});

test('a socket that does not read is dropped at once, not left closing, when another takes its pane', async (t) => {
  const { timers, registry, backend, ws, stats } = await openSocket();
  t.after(() => finish(ws, registry));
  floodUntilHeld(backend, ws, stats);
  const next = await connect(registry, timers, backend);
  t.after(() => finish(next, registry));
  assert.equal(ws.terminated, true, 'its close frame would wait behind a buffer nobody reads');
  assert.equal(stats().attached, true, 'the new socket has the pane');
});

test('output is gathered into its frame once, and sent as that frame', () => {
  const chunks = [Buffer.from('hello '), Buffer.from('wörld'), Buffer.alloc(0), Buffer.from('!')];
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const output = gatherOutput(chunks, size);
  assert.equal(output.toString(), 'hello wörld!');
  const frame = outputFrame(output);
  assert.equal(frame.buffer, output.buffer, 'the frame is the buffer the output was gathered in');
  const sent = decodeServerMessage(frame);
  assert.equal(sent.type === 'output' && Buffer.from(sent.data).toString(), 'hello wörld!');
  // Output from elsewhere (a replayed screen) gets a frame of its own.
  const other = new TextEncoder().encode('screen');
  const copied = outputFrame(other);
  assert.notEqual(copied.buffer, other.buffer);
  const replayed = decodeServerMessage(copied);
  assert.equal(replayed.type === 'output' && Buffer.from(replayed.data).toString(), 'screen');
});
