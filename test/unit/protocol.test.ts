import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ClientMessageType,
  clampSize,
  decodeClientMessage,
  decodeServerMessage,
  encodeClientMessage,
  encodeServerMessage,
  MAX_CLIENT_FRAME_BYTES,
  newPaneId,
  PANE_ID_PATTERN,
  ProtocolError,
  ServerMessageType,
  TERMINAL_SIZE_LIMITS,
} from '../../common/protocol.js';

test('client messages survive a round trip', () => {
  const input = new TextEncoder().encode('docker ps\r');
  assert.deepEqual(decodeClientMessage(encodeClientMessage({ type: 'input', data: input })), {
    type: 'input',
    data: input,
  });
  assert.deepEqual(
    decodeClientMessage(encodeClientMessage({ type: 'resize', size: { cols: 120, rows: 40 } })),
    {
      type: 'resize',
      size: { cols: 120, rows: 40 },
    },
  );
  assert.deepEqual(decodeClientMessage(encodeClientMessage({ type: 'ack', bytes: 3_000_000_000 })), {
    type: 'ack',
    bytes: 3_000_000_000,
  });
});

test('close is one type byte with no payload', () => {
  const frame = encodeClientMessage({ type: 'close' });
  assert.deepEqual([...frame], [ClientMessageType.Close]);
  assert.equal(ClientMessageType.Close, 0x33);
  assert.deepEqual(decodeClientMessage(frame), { type: 'close' });
  assert.throws(() => decodeClientMessage(Uint8Array.of(0x33, 1)), /close has no payload/);
});

test('a title round trips as JSON, whatever its characters', () => {
  const frame = encodeServerMessage({ type: 'title', title: 'root@sandbox: ~ 🐳 "kutip"' });
  assert.equal(frame[0], ServerMessageType.Title);
  assert.equal(ServerMessageType.Title, 0x44);
  assert.equal(new TextDecoder().decode(frame.subarray(1)), '{"title":"root@sandbox: ~ 🐳 \\"kutip\\""}');
  assert.deepEqual(decodeServerMessage(frame), { type: 'title', title: 'root@sandbox: ~ 🐳 "kutip"' });
});

test('a ready status says whether the shell is new or reattached', () => {
  const status = { state: 'ready' as const, host: 'node1', attach: 'reattached' as const };
  assert.deepEqual(decodeServerMessage(encodeServerMessage({ type: 'status', status })), {
    type: 'status',
    status,
  });
});

test('pane ids are 6 to 32 lowercase letters and digits, and fresh ones fit', () => {
  for (let i = 0; i < 100; i++) assert.match(newPaneId(), PANE_ID_PATTERN);
  assert.notEqual(newPaneId(), newPaneId());
  for (const bad of ['', 'abc12', 'ABCDEF', 'abc-def', 'a'.repeat(33), 'abcdef\n', '../../x'])
    assert.doesNotMatch(bad, PANE_ID_PATTERN);
  assert.match('a'.repeat(32), PANE_ID_PATTERN);
});

test('output bytes pass untouched, even a UTF-8 sequence cut in half', () => {
  const emoji = new TextEncoder().encode('🐳 Selamat datang');
  const half = emoji.subarray(0, 2);
  const decoded = decodeServerMessage(encodeServerMessage({ type: 'output', data: half }));
  assert.equal(decoded.type, 'output');
  assert.deepEqual(decoded.type === 'output' && [...decoded.data], [...half]);
});

test('server control messages round trip', () => {
  const status = { state: 'ready' as const, host: 'docker' };
  assert.deepEqual(decodeServerMessage(encodeServerMessage({ type: 'status', status })), {
    type: 'status',
    status,
  });
  assert.deepEqual(decodeServerMessage(encodeServerMessage({ type: 'exit', code: 130 })), {
    type: 'exit',
    code: 130,
  });
  assert.deepEqual(decodeServerMessage(encodeServerMessage({ type: 'error', message: 'boom' })), {
    type: 'error',
    message: 'boom',
  });
});

test('malformed client frames are refused with a ProtocolError', () => {
  assert.throws(() => decodeClientMessage(new Uint8Array()), ProtocolError);
  assert.throws(() => decodeClientMessage(Uint8Array.of(0x99, 1)), /unknown client message type 0x99/);
  assert.throws(() => decodeClientMessage(Uint8Array.of(0x31, 0x7b)), /not valid UTF-8 JSON/);
  assert.throws(() => decodeClientMessage(Uint8Array.of(0x32, 1, 2)), /4-byte/);
  const resizeWithText = new Uint8Array([0x31, ...new TextEncoder().encode('{"cols":"a","rows":2}')]);
  assert.throws(() => decodeClientMessage(resizeWithText), /numeric/);
  assert.throws(
    () => decodeClientMessage(new Uint8Array(MAX_CLIENT_FRAME_BYTES + 1).fill(0x30)),
    /too large/,
  );
});

test('nonsense sizes are clamped into the limits', () => {
  const L = TERMINAL_SIZE_LIMITS;
  assert.deepEqual(clampSize({ cols: 0, rows: -5 }), { cols: L.minCols, rows: L.minRows });
  assert.deepEqual(clampSize({ cols: 1e9, rows: 1e9 }), { cols: L.maxCols, rows: L.maxRows });
  assert.deepEqual(clampSize({ cols: 80.6, rows: 24.2 }), { cols: 81, rows: 24 });
  assert.throws(() => clampSize({ cols: NaN, rows: 3 }), ProtocolError);
  assert.throws(() => clampSize(null), ProtocolError);
});
