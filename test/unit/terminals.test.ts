import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { ProtocolError } from '../../common/protocol.js';
import { fitCloseReason } from '../../server/terminals/close.js';
import { ACK_BATCH_BYTES } from '../../client/src/terminals/ack-batcher.js';
import {
  FlowControl,
  HIGH_WATERMARK,
  LOW_WATERMARK,
  SEND_BUFFER_HIGH,
  SEND_BUFFER_LOW,
} from '../../server/terminals/flow-control.js';
import { BATCH_MAX_BYTES } from '../../server/terminals/output-batcher.js';
import { WATCHER_SEND_BUFFER_LIMIT } from '../../server/terminals/watch-socket.js';
import { startHeartbeat } from '../../server/terminals/heartbeat.js';
import {
  MIRROR_HISTORY_CELLS,
  MIRROR_FLOOD_RESTS,
  MIRROR_QUEUE_LIMIT,
  MIRROR_REST_MS,
  MIRROR_SCROLLBACK,
  mirrorScrollback,
  ScreenMirror,
} from '../../server/terminals/screen-mirror.js';
import type { WebSocket } from 'ws';

/** Output read and sent at once, as the batcher does for a full frame. */
function readAndSend(flow: FlowControl, bytes: number): void {
  flow.counted(bytes);
  flow.sent(bytes);
}

test('output pauses above the high watermark and resumes below the low one', () => {
  const events: string[] = [];
  const flow = new FlowControl(
    () => events.push('pause'),
    () => events.push('resume'),
  );
  readAndSend(flow, HIGH_WATERMARK);
  assert.deepEqual(events, []);
  readAndSend(flow, 1);
  assert.deepEqual(events, ['pause']);
  readAndSend(flow, 10_000); // still paused: no second pause
  flow.acked(HIGH_WATERMARK + 10_001 - LOW_WATERMARK);
  assert.deepEqual(events, ['pause'], 'at the low watermark it stays paused');
  flow.acked(1);
  assert.deepEqual(events, ['pause', 'resume']);
  assert.equal(flow.pending, LOW_WATERMARK - 1);
});

test('the watermarks fit together: no stall, no pipe run dry, an honest client held only by its window', () => {
  assert.ok(
    LOW_WATERMARK > ACK_BATCH_BYTES,
    "the browser's unsent ack batch cannot hold the stream below the low mark",
  );
  assert.ok(
    HIGH_WATERMARK - LOW_WATERMARK <= BATCH_MAX_BYTES,
    'reading resumes while a frame is still in flight',
  );
  assert.ok(LOW_WATERMARK >= BATCH_MAX_BYTES, 'and with at least a frame still to draw');
  assert.ok(HIGH_WATERMARK <= 512 * 1024, "within xterm.js's advice: what a browser draws after Ctrl-C");
  assert.ok(
    SEND_BUFFER_HIGH > HIGH_WATERMARK + BATCH_MAX_BYTES,
    'the window plus a frame fit in the send buffer',
  );
  assert.ok(SEND_BUFFER_LOW < SEND_BUFFER_HIGH);
  assert.ok(
    WATCHER_SEND_BUFFER_LIMIT > HIGH_WATERMARK + BATCH_MAX_BYTES,
    'a watcher keeping pace with the owner is kept',
  );
});

test('acknowledging more than was sent is a protocol error, and changes nothing', () => {
  const flow = new FlowControl(
    () => undefined,
    () => undefined,
  );
  flow.counted(30);
  flow.sent(10); // 20 bytes still gathering for the next frame: not claimable yet
  assert.throws(() => flow.acked(11), ProtocolError);
  assert.throws(() => flow.acked(0xffffffff), /acknowledged 4294967295 bytes, but only 10 were sent/);
  assert.equal(flow.pending, 30);
  flow.acked(10);
  assert.equal(flow.awaitingAck, 0);
  assert.throws(() => flow.acked(1), ProtocolError, 'what was acknowledged cannot be claimed twice');
});

test('a full send buffer holds output whatever the acknowledgements say', () => {
  const events: string[] = [];
  const flow = new FlowControl(
    () => events.push('pause'),
    () => events.push('resume'),
  );
  flow.sendBuffer(true);
  assert.deepEqual(events, ['pause']);
  readAndSend(flow, HIGH_WATERMARK + 1);
  flow.acked(HIGH_WATERMARK + 1);
  assert.deepEqual(events, ['pause'], 'acknowledged, but the socket still holds it');
  flow.sendBuffer(false);
  assert.deepEqual(events, ['pause', 'resume']);
  readAndSend(flow, HIGH_WATERMARK + 1);
  flow.sendBuffer(true);
  flow.sendBuffer(false);
  assert.deepEqual(events, ['pause', 'resume', 'pause'], 'the window still holds it');
});

test('close reasons are cut to 123 bytes without breaking a character', () => {
  assert.equal(fitCloseReason('short'), 'short');
  const long = 'Sandbox mati 🐳 '.repeat(20);
  const fitted = fitCloseReason(long);
  assert.ok(Buffer.byteLength(fitted) <= 123);
  assert.ok(fitted.endsWith('...'));
  assert.ok(!fitted.includes('\uFFFD'));
});

test('a screen mirror whose thread dies answers a waiting snapshot with an empty screen', async () => {
  const mirror = new ScreenMirror({ cols: 80, rows: 24 }, () => undefined);
  // The mirror thread does not hold the process open; this test must, until the answer.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    mirror.write(new TextEncoder().encode('hello'));
    // Sizes reach the thread unchecked (the protocol clamps them first); this one kills it.
    mirror.resize({ cols: 0.5, rows: 24 });
    const screen = await new Promise<string>((resolve) => mirror.snapshot(resolve));
    assert.equal(screen, '');
    assert.equal(mirror.backlog, 0);
  } finally {
    clearInterval(keepAlive);
    mirror.dispose();
  }
});

test('the heartbeat terminates a socket that misses a pong, and stops with the socket', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const ws = Object.assign(new EventEmitter(), {
    pings: 0,
    terminated: 0,
    ping() {
      this.pings++;
    },
    terminate() {
      this.terminated++;
    },
  });
  const stop = startHeartbeat(ws as unknown as WebSocket, 1000);
  t.mock.timers.tick(1000);
  ws.emit('pong');
  t.mock.timers.tick(1000);
  assert.deepEqual([ws.pings, ws.terminated], [2, 0], 'answered: pinged again');
  t.mock.timers.tick(1000);
  assert.deepEqual([ws.pings, ws.terminated], [2, 1], 'no answer: terminated');
  stop();
  t.mock.timers.tick(5000);
  assert.equal(ws.terminated, 1);
  assert.equal(ws.listenerCount('pong'), 0);
});

test('a flood reaches the screen mirror in part: its backlog stays bounded, its screen ends with the newest output', async () => {
  const mirror = new ScreenMirror({ cols: 80, rows: 24 }, () => undefined);
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    const chunk = Buffer.from('y\r\n'.repeat(16 * 1024));
    let peak = 0;
    for (let i = 0; i < 100; i++) {
      mirror.write(chunk); // 4.8 MB at once, faster than any parser
      peak = Math.max(peak, mirror.backlog);
    }
    mirror.write(Buffer.from('\x1b[31mEND-OF-FLOOD\x1b[0m\r\n'));
    assert.ok(peak <= 2 * MIRROR_QUEUE_LIMIT, `the mirror held at most ${peak} bytes`);
    const screen = await new Promise<string>((resolve) => mirror.snapshot(resolve));
    assert.match(screen, /y\r\n.*END-OF-FLOOD/s, 'the newest output, after the flood');
    assert.equal(mirror.backlog, 0);
  } finally {
    clearInterval(keepAlive);
    mirror.dispose();
  }
});

test('a snapshot for saving serializes only the newest history rows it asks for', async () => {
  const mirror = new ScreenMirror({ cols: 80, rows: 24 }, () => undefined);
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    const lines = Array.from({ length: 3000 }, (_, i) => `line-${i}`).join('\r\n');
    mirror.write(Buffer.from(lines));
    const whole = await new Promise<string>((resolve) => mirror.snapshot(resolve));
    const saved = await new Promise<string>((resolve) => mirror.snapshot(resolve, 100));
    assert.match(whole, /line-100\r\n/, 'all the history by default');
    assert.match(saved, /line-2999/);
    assert.doesNotMatch(saved, /line-2800\r\n/, 'not rows beyond the 100 asked for');
    assert.ok(saved.length < whole.length / 10);
  } finally {
    clearInterval(keepAlive);
    mirror.dispose();
  }
});

test('during a flood the screen mirror parses one batch per MIRROR_FLOOD_RESTS rests; once the flood ends, after one', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const mirror = new ScreenMirror({ cols: 80, rows: 24 }, () => undefined);
  const idle = async () => {
    // The thread's answers are real messages: wait (bounded) until it parsed all it was given.
    const deadline = performance.now() + 10_000;
    while (mirror.backlog > 0 && performance.now() < deadline) await new Promise((r) => setImmediate(r));
    assert.equal(mirror.backlog, 0);
  };
  const flood = Buffer.alloc(MIRROR_QUEUE_LIMIT, 0x79);
  try {
    mirror.write(flood); // idle and rested: posted at once
    await idle();
    const first = mirror.postedBytes;
    for (let rest = 1; rest < MIRROR_FLOOD_RESTS; rest++) {
      mirror.write(flood);
      mirror.write(flood); // more than the queue holds: the oldest is dropped
      t.mock.timers.tick(MIRROR_REST_MS);
      assert.equal(mirror.postedBytes, first, `still resting after ${rest} rests of a flood`);
    }
    mirror.write(flood);
    t.mock.timers.tick(MIRROR_REST_MS);
    assert.equal(mirror.postedBytes, first + 1 + MIRROR_QUEUE_LIMIT, 'the newest output, after a CAN');
    await idle();
    // Quiet output (nothing dropped) goes after a single rest.
    mirror.write(Buffer.from('$ '));
    t.mock.timers.tick(MIRROR_REST_MS);
    assert.equal(mirror.postedBytes, first + 1 + MIRROR_QUEUE_LIMIT + 2);
    await idle();
  } finally {
    mirror.dispose();
  }
});

test('a wide screen mirror keeps fewer lines of history, so no size makes it hold more cells', async () => {
  assert.equal(mirrorScrollback(80), MIRROR_SCROLLBACK);
  assert.equal(mirrorScrollback(1000) * 1000, MIRROR_HISTORY_CELLS);
  const mirror = new ScreenMirror({ cols: 80, rows: 24 }, () => undefined);
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    mirror.resize({ cols: 1000, rows: 24 }); // what a hostile client asks for
    for (let i = 0; i < 2000; i++) mirror.write(Buffer.from(`line ${i}\r\n`));
    const screen = await new Promise<string>((resolve) => mirror.snapshot(resolve));
    const lines = screen.split('\r\n').length;
    assert.ok(lines <= mirrorScrollback(1000) + 24 + 1, `the replay holds ${lines} lines`);
    assert.match(screen, /line 1999/);
  } finally {
    clearInterval(keepAlive);
    mirror.dispose();
  }
});

test('a screen mirror replays as many lines of history as it is set to keep, 5,000 by default', async () => {
  const keepAlive = setInterval(() => undefined, 1000);
  const replayOf = async (mirror: ScreenMirror, lines: number) => {
    for (let i = 0; i < lines; i++) mirror.write(Buffer.from(`line ${i}\r\n`));
    return new Promise<string>((resolve) => mirror.snapshot(resolve));
  };
  const byDefault = new ScreenMirror({ cols: 80, rows: 24 }, () => undefined);
  const fewer = new ScreenMirror({ cols: 80, rows: 24 }, () => undefined, 300);
  try {
    assert.equal(MIRROR_SCROLLBACK, 5000);
    const full = await replayOf(byDefault, 6000);
    // All 5,000 lines of history and the screen: the oldest kept is the 977th written.
    assert.match(full, /^line 977\r$/m);
    assert.doesNotMatch(full, /^line 976\r$/m);
    assert.match(full, /line 5999/);
    const short = await replayOf(fewer, 1000);
    assert.match(short, /^line 677\r$/m);
    assert.doesNotMatch(short, /^line 676\r$/m);
  } finally {
    clearInterval(keepAlive);
    byDefault.dispose();
    fewer.dispose();
  }
});
