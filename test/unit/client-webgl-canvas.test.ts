// When the WebGL renderer's canvas can show a pane's whole terminal (webgl-canvas.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasDrawsWholeBox } from '../../client/src/terminals/webgl-canvas';

const box = { width: 640, height: 384 };

test('a buffer of box × devicePixelRatio draws the whole box', () => {
  for (const ratio of [1, 2, 3]) {
    const buffer = { width: 640 * ratio, height: 384 * ratio };
    assert.equal(canvasDrawsWholeBox({ buffer, box, devicePixelRatio: ratio }), true, `at ${ratio}x`);
  }
});

test('a fractional ratio rounds each side by a pixel or two and still draws', () => {
  const buffer = { width: Math.round(640 * 2.625) + 1, height: Math.round(384 * 2.625) - 1 };
  assert.equal(canvasDrawsWholeBox({ buffer, box, devicePixelRatio: 2.625 }), true);
});

test('a buffer sized in CSS pixels at 2x or 3x (device emulation) cannot draw the top rows', () => {
  assert.equal(canvasDrawsWholeBox({ buffer: box, box, devicePixelRatio: 2 }), false);
  assert.equal(canvasDrawsWholeBox({ buffer: { width: 667, height: 384 }, box, devicePixelRatio: 3 }), false);
});

test('a buffer beyond the GPU viewport cannot be drawn whole', () => {
  const buffer = { width: 640 * 3, height: 384 * 3 };
  const args = { buffer, box, devicePixelRatio: 3 };
  assert.equal(canvasDrawsWholeBox({ ...args, maxViewport: [1024, 4096] }), false);
  assert.equal(canvasDrawsWholeBox({ ...args, maxViewport: [8192, 8192] }), true);
});

test('a hidden canvas (no box yet) is not a failure', () => {
  assert.equal(
    canvasDrawsWholeBox({
      buffer: { width: 300, height: 150 },
      box: { width: 0, height: 0 },
      devicePixelRatio: 3,
    }),
    true,
  );
});
