import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CloseCode,
  ClientMessageType,
  encodeServerMessage,
  MAX_CLIENT_FRAME_BYTES,
  TERMINAL_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
} from '../../common/protocol';
import { chunkInput, encodeBinaryString, INPUT_CHUNK_BYTES } from '../../client/src/terminals/input-chunks';
import { AckBatcher } from '../../client/src/terminals/ack-batcher';
import { FakeTimers } from '../support/fake-timers';
import { FakeSocket } from '../support/fake-terminal-socket';
import { terminalUrl, withPaneId } from '../../client/src/terminals/terminal-url';
import {
  closeDisposition,
  closeMessage,
  MAX_RECONNECT_ATTEMPTS,
  reconnectDelay,
} from '../../client/src/terminals/close-policy';
import {
  TerminalConnection,
  type CloseInfo,
  type ConnectionHandlers,
  type ConnectionOptions,
} from '../../client/src/terminals/terminal-connection';

// ----- helpers -----

function setup(
  overrides: Partial<ConnectionHandlers> = {},
  size = { cols: 120, rows: 40 },
  extra: Partial<ConnectionOptions> = {},
) {
  const timers = new FakeTimers();
  const sockets: FakeSocket[] = [];
  const events: string[] = [];
  const output: Uint8Array[] = [];
  const closes: CloseInfo[] = [];
  const conn = new TerminalConnection({
    url: 'ws://example.test/api/sessions/abc/terminal?host=docker',
    token: 'secret-token',
    initialSize: () => size,
    timers,
    ...extra,
    socketFactory: (url, protocols) => {
      const s = new FakeSocket(url, protocols);
      sockets.push(s);
      return s;
    },
    handlers: {
      open: () => events.push('open'),
      output: (d) => output.push(d),
      status: (s) => events.push(`status:${s.state}:${s.host}`),
      exit: (code) => events.push(`exit:${code}`),
      error: (m) => events.push(`error:${m}`),
      close: (info) => closes.push(info),
      replay: () => events.push('replay'),
      title: (t) => events.push(`title:${t}`),
      ...overrides,
    },
  });
  return { conn, timers, sockets, events, output, closes };
}

// ----- URL -----

test('terminal URL follows the page scheme and host and escapes the parts', () => {
  assert.equal(
    terminalUrl({ protocol: 'http:', host: 'localhost:8080' }, 'abc', 'docker'),
    'ws://localhost:8080/api/sessions/abc/terminal?host=docker',
  );
  assert.equal(
    terminalUrl({ protocol: 'https:', host: 'play.example.org' }, 'a/b c', 'node 1'),
    'wss://play.example.org/api/sessions/a%2Fb%20c/terminal?host=node%201',
  );
});

test('the pane id is added to the URL once', () => {
  assert.equal(
    withPaneId('ws://h/api/sessions/a/terminal?host=node1', 'abc123'),
    'ws://h/api/sessions/a/terminal?host=node1&pane=abc123',
  );
  assert.equal(withPaneId('ws://h/t', 'abc123'), 'ws://h/t?pane=abc123');
  assert.equal(withPaneId('ws://h/t?host=x&pane=keep01', 'abc123'), 'ws://h/t?host=x&pane=keep01');
});

// ----- input chunks -----

test('small input is one chunk, empty input one empty chunk', () => {
  const data = new TextEncoder().encode('ls -la\r');
  assert.deepEqual(chunkInput(data), [data]);
  assert.equal(chunkInput(new Uint8Array(0)).length, 1);
});

test('a big paste is cut into chunks of at most 16 KiB that join back to the input', () => {
  const data = new Uint8Array(100_000).map((_, i) => 0x61 + (i % 26));
  const chunks = chunkInput(data);
  assert.ok(chunks.length >= 7);
  for (const c of chunks) assert.ok(c.length <= INPUT_CHUNK_BYTES && c.length > 0);
  assert.deepEqual(Buffer.concat(chunks), Buffer.from(data));
  // Every chunk fits in a client frame with its type byte.
  assert.ok(INPUT_CHUNK_BYTES + 1 <= MAX_CLIENT_FRAME_BYTES);
});

test('cuts never split a UTF-8 character', () => {
  const text = 'é✓😀'.repeat(5000);
  const data = new TextEncoder().encode(text);
  const chunks = chunkInput(data, 1000);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const c of chunks) assert.doesNotThrow(() => decoder.decode(c));
  assert.equal(chunks.map((c) => decoder.decode(c)).join(''), text);
});

test('an escape sequence near a cut moves to the next chunk whole', () => {
  const body = 'x'.repeat(95);
  const data = new TextEncoder().encode(body + '\x1b[201~' + 'tail');
  const chunks = chunkInput(data, 100);
  assert.equal(new TextDecoder().decode(chunks[0]), body);
  assert.ok(new TextDecoder().decode(chunks[1]).startsWith('\x1b[201~'));
});

test('binary strings from xterm map one character to one byte', () => {
  assert.deepEqual([...encodeBinaryString('\x1b[M\xff\x80')], [0x1b, 0x5b, 0x4d, 0xff, 0x80]);
});

// ----- acks -----

test('acks are batched by size and flushed when output goes quiet', () => {
  const timers = new FakeTimers();
  const acks: number[] = [];
  const b = new AckBatcher((n) => acks.push(n), 32 * 1024, 500, timers);
  b.written(20_000);
  assert.deepEqual(acks, []);
  b.written(20_000);
  assert.deepEqual(acks, [40_000]);
  assert.equal(timers.pending, 0);
  b.written(100);
  timers.advance(499);
  assert.deepEqual(acks, [40_000]);
  b.written(50); // re-arms the idle timer
  timers.advance(499);
  assert.deepEqual(acks, [40_000]);
  timers.advance(1);
  assert.deepEqual(acks, [40_000, 150]);
  b.written(10);
  b.reset();
  timers.advance(1000);
  assert.deepEqual(acks, [40_000, 150]);
});

// ----- close policy -----

test('close codes map to what the page does next', () => {
  assert.equal(closeDisposition(CloseCode.Normal), 'done');
  assert.equal(closeDisposition(CloseCode.BadToken), 'session-gone');
  assert.equal(closeDisposition(CloseCode.UnknownSession), 'session-gone');
  assert.equal(closeDisposition(CloseCode.SandboxGone), 'session-gone');
  assert.equal(closeDisposition(CloseCode.ForeignOrigin), 'fatal');
  assert.equal(closeDisposition(CloseCode.TooManyTerminals), 'fatal');
  assert.equal(closeDisposition(CloseCode.BackendFailed), 'fatal');
  assert.equal(closeDisposition(CloseCode.TakenOver), 'fatal');
  assert.equal(closeDisposition(1009), 'fatal');
  assert.equal(closeDisposition(1006), 'retry');
  assert.equal(closeDisposition(1001), 'retry');
  assert.equal(closeDisposition(1012), 'retry');
});

test('reconnect delays grow, are capped and spread', () => {
  const none = () => 0;
  assert.equal(reconnectDelay(1, none), 500);
  assert.equal(reconnectDelay(2, none), 1000);
  assert.equal(reconnectDelay(3, none), 2000);
  assert.equal(reconnectDelay(MAX_RECONNECT_ATTEMPTS, none), 10_000);
  assert.equal(reconnectDelay(50, none), 10_000);
  assert.equal(
    reconnectDelay(1, () => 1),
    375,
  );
});

test('close messages prefer the server reason, then a known text, then the code', () => {
  const known = { 4404: 'gone' };
  assert.equal(closeMessage(4404, ' expired ', known, 'failed'), 'expired');
  assert.equal(closeMessage(4404, '', known, 'failed'), 'gone');
  assert.equal(closeMessage(1006, '', known, 'failed'), 'failed (1006)');
});

// ----- connection -----

test('the socket offers the protocol and the token, and the first frame is the fitted size', () => {
  const { conn, sockets, events } = setup();
  conn.connect();
  const s = sockets[0]!;
  assert.deepEqual(s.protocols, [TERMINAL_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + 'secret-token']);
  assert.equal(s.binaryType, 'arraybuffer');
  conn.sendText('too early');
  assert.equal(s.sent.length, 0);
  s.open();
  assert.deepEqual(s.messages(), [{ type: 'resize', size: { cols: 120, rows: 40 } }]);
  assert.equal(s.sent[0]![0], ClientMessageType.Resize);
  assert.deepEqual(events, ['open']);
});

test('input is sent as Input frames, big pastes in chunks', () => {
  const { conn, sockets } = setup();
  conn.connect();
  const s = sockets[0]!;
  s.open();
  conn.sendText('ls\r');
  conn.sendText('y'.repeat(40_000));
  const msgs = s.messages().slice(1);
  assert.equal(msgs.length, 4);
  const inputs = msgs.map((m) => (m.type === 'input' ? m.data : new Uint8Array()));
  assert.equal(new TextDecoder().decode(inputs[0]), 'ls\r');
  assert.deepEqual(
    inputs.slice(1).map((d) => d.length),
    [16384, 16384, 40_000 - 2 * 16384],
  );
  for (const f of s.sent) assert.ok(f.length <= MAX_CLIENT_FRAME_BYTES);
});

test('resizes are sent when the size changes', () => {
  const { conn, sockets } = setup();
  conn.connect();
  const s = sockets[0]!;
  s.open();
  conn.resize({ cols: 120, rows: 40 });
  conn.resize({ cols: 100, rows: 30 });
  conn.resize({ cols: 100, rows: 30 });
  assert.deepEqual(
    s.messages().map((m) => (m.type === 'resize' ? `${m.size.cols}x${m.size.rows}` : m.type)),
    ['120x40', '100x30'],
  );
});

test('server frames are decoded and output passed on as bytes', () => {
  const { conn, sockets, events, output } = setup();
  conn.connect();
  const s = sockets[0]!;
  s.open();
  // A multibyte character split across two frames stays as raw bytes.
  const check = new TextEncoder().encode('✓');
  s.receive(encodeServerMessage({ type: 'status', status: { state: 'ready', host: 'docker' } }));
  s.receive(encodeServerMessage({ type: 'output', data: check.subarray(0, 1) }));
  s.receive(encodeServerMessage({ type: 'output', data: check.subarray(1) }));
  s.receive(encodeServerMessage({ type: 'error', message: 'resize failed' }));
  s.receive(encodeServerMessage({ type: 'exit', code: 130 }));
  s.receive(new Uint8Array([0x7f, 1, 2]));
  s.receive('text frame');
  assert.deepEqual(Buffer.concat(output), Buffer.from(check));
  assert.deepEqual(events.slice(0, 4), ['open', 'status:ready:docker', 'error:resize failed', 'exit:130']);
  assert.match(events[4]!, /^error:unknown server message type/);
  assert.match(events[5]!, /^error:.*binary/);
});

test('rendered output is acknowledged in batches', () => {
  const { conn, sockets, timers } = setup();
  conn.connect();
  const s = sockets[0]!;
  s.open();
  // Three pieces reach the batch size (8 KiB) and go as one ack; the fourth waits for quiet.
  for (let i = 0; i < 4; i++) conn.rendered(3_000);
  assert.deepEqual(s.messages().slice(1), [{ type: 'ack', bytes: 9_000 }]);
  timers.advance(1000);
  assert.deepEqual(s.messages().slice(1), [
    { type: 'ack', bytes: 9_000 },
    { type: 'ack', bytes: 3_000 },
  ]);
});

test('a server close is reported once, with code and reason', () => {
  const { conn, sockets, closes } = setup();
  conn.connect();
  const s = sockets[0]!;
  s.open();
  s.serverClose(CloseCode.SandboxGone, 'sandbox removed');
  assert.deepEqual(closes, [{ code: 4410, reason: 'sandbox removed', wasClean: true }]);
  assert.equal(conn.isOpen, false);
  conn.sendText('ignored');
  assert.equal(s.sent.length, 1);
});

test('closing from the page closes the socket without reporting it', () => {
  const { conn, sockets, closes } = setup();
  conn.connect();
  const s = sockets[0]!;
  s.open();
  conn.rendered(10);
  conn.close();
  assert.deepEqual(s.closedWith, [1000, '']);
  assert.deepEqual(closes, []);
  assert.throws(() => conn.connect());
});

test('a socket that cannot even be created is reported as a close', () => {
  const closes: CloseInfo[] = [];
  const conn = new TerminalConnection({
    url: 'ws://x/',
    token: 'bad token',
    initialSize: () => ({ cols: 80, rows: 24 }),
    socketFactory: () => {
      throw new SyntaxError('invalid subprotocol');
    },
    handlers: { output: () => {}, close: (c) => closes.push(c) },
  });
  conn.connect();
  assert.deepEqual(closes, [{ code: 1006, reason: 'invalid subprotocol', wasClean: false }]);
});

// ----- panes: reconnect, replay, title, Close -----

const ready = (attach: 'new' | 'reattached') =>
  encodeServerMessage({ type: 'status', status: { state: 'ready', host: 'node1', attach } });

test('a connection carries its pane id, or a fresh one', () => {
  const { conn, sockets } = setup({}, undefined, { paneId: 'pane42' });
  conn.connect();
  assert.match(sockets[0]!.url, /\?host=docker&pane=pane42$/);
  assert.equal(conn.paneId, 'pane42');
  const fresh = setup();
  fresh.conn.connect();
  assert.match(fresh.sockets[0]!.url, /&pane=[a-z0-9]{6,32}$/, 'a fresh id when none is given');
});

test('a connection has one socket: a drop ends it and is reported', () => {
  const { conn, sockets, timers, closes } = setup();
  conn.connect();
  sockets[0]!.open();
  sockets[0]!.serverClose(1006);
  timers.advance(60_000);
  assert.equal(sockets.length, 1);
  assert.equal(closes.length, 1);
});

test('a reattached shell asks for a reset before its replayed screen arrives', () => {
  const order: string[] = [];
  const { conn, sockets } = setup({
    replay: () => order.push('reset'),
    output: (d) => order.push(`output:${new TextDecoder().decode(d)}`),
  });
  conn.connect();
  const s = sockets[0]!;
  s.open();
  s.receive(ready('reattached'));
  s.receive(encodeServerMessage({ type: 'output', data: new TextEncoder().encode('screen') }));
  assert.deepEqual(order, ['reset', 'output:screen']);
  const fresh = setup();
  fresh.conn.connect();
  fresh.sockets[0]!.open();
  fresh.sockets[0]!.receive(ready('new'));
  assert.ok(!fresh.events.includes('replay'), 'a new shell needs no reset');
});

test('the title the shell sets is reported and kept', () => {
  const { conn, sockets, events } = setup();
  conn.connect();
  sockets[0]!.open();
  sockets[0]!.receive(encodeServerMessage({ type: 'title', title: 'root@node1: ~' }));
  assert.ok(events.includes('title:root@node1: ~'));
  assert.equal(conn.title, 'root@node1: ~');
});

test('closing the pane sends Close and does not reconnect', () => {
  const { conn, sockets, timers, closes } = setup();
  conn.connect();
  const s = sockets[0]!;
  s.open();
  conn.closePane();
  assert.deepEqual(s.messages().at(-1), { type: 'close' });
  assert.equal(s.sent.at(-1)![0], ClientMessageType.Close);
  assert.deepEqual(s.closedWith, [1000, '']);
  timers.advance(60_000);
  assert.equal(sockets.length, 1);
  assert.deepEqual(closes, []);
  assert.equal(conn.isOpen, false);
  assert.throws(() => conn.connect(), 'closed for good');
});

test('closing a pane whose socket is not open sends Close on a short-lived socket for the same pane', () => {
  const { conn, sockets, timers } = setup({}, undefined, { paneId: 'off123' });
  conn.closePane();
  assert.equal(sockets.length, 1);
  const courier = sockets[0]!;
  assert.match(courier.url, /pane=off123/);
  courier.open();
  assert.deepEqual(courier.messages(), [{ type: 'close' }], 'only the Close, no size');
  assert.deepEqual(courier.closedWith, [1000, '']);
  timers.advance(60_000);
  assert.equal(sockets.length, 1, 'nothing else afterwards');
});

test("the phone's key row sends a terminal's bytes, and a held Ctrl changes the next key", async () => {
  const { keyBytes, withCtrl } = await import('../../client/src/terminals/key-bytes');
  assert.equal(keyBytes('esc', false), '\x1b');
  assert.equal(keyBytes('tab', false), '\t');
  assert.equal(keyBytes('up', false), '\x1b[A');
  assert.equal(keyBytes('left', false), '\x1b[D');
  assert.equal(keyBytes('up', true), '\x1bOA', 'application cursor keys (vi, less) as the program asked');
  assert.equal(withCtrl('c'), '\x03');
  assert.equal(withCtrl('C'), '\x03');
  assert.equal(withCtrl('d'), '\x04');
  assert.equal(withCtrl('['), '\x1b');
  assert.equal(withCtrl(' '), '\x00');
  assert.equal(withCtrl('ab'), 'ab', 'a paste is not a key');
  assert.equal(withCtrl('é'), 'é');
});
