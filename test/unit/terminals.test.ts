import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitCloseReason } from '../../server/terminals/close.js';
import { FlowControl, HIGH_WATERMARK, LOW_WATERMARK } from '../../server/terminals/flow-control.js';

test('output pauses above the high watermark and resumes below the low one', () => {
  const events: string[] = [];
  const flow = new FlowControl(
    () => events.push('pause'),
    () => events.push('resume'),
  );
  flow.sent(HIGH_WATERMARK);
  assert.deepEqual(events, []);
  flow.sent(1);
  assert.deepEqual(events, ['pause']);
  flow.sent(10_000); // still paused: no second pause
  flow.acked(HIGH_WATERMARK + 10_001 - LOW_WATERMARK);
  assert.deepEqual(events, ['pause'], 'at the low watermark it stays paused');
  flow.acked(1);
  assert.deepEqual(events, ['pause', 'resume']);
  assert.equal(flow.pending, LOW_WATERMARK - 1);
});

test('acknowledging more than was sent cannot go negative', () => {
  const flow = new FlowControl(
    () => undefined,
    () => undefined,
  );
  flow.sent(10);
  flow.acked(1_000_000);
  assert.equal(flow.pending, 0);
});

test('close reasons are cut to 123 bytes without breaking a character', () => {
  assert.equal(fitCloseReason('short'), 'short');
  const long = 'Sandbox mati 🐳 '.repeat(20);
  const fitted = fitCloseReason(long);
  assert.ok(Buffer.byteLength(fitted) <= 123);
  assert.ok(fitted.endsWith('...'));
  assert.ok(!fitted.includes('\uFFFD'));
});
