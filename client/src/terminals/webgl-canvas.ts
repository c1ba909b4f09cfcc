// Whether xterm's WebGL canvas can show a pane's whole terminal. The WebGL renderer draws for
// the page's devicePixelRatio but sizes its drawing buffer from the browser's device-pixel
// box (ResizeObserver's devicePixelContentBoxSize). Where the two disagree (Chromium's device
// emulation reports the box in CSS pixels at 2x and 3x) the buffer is a half or a third of
// what is drawn and the top rows, where a shell's output is, fall outside it: the pane shows
// nothing. A buffer larger than the GPU's viewport cannot be drawn whole either.

export interface CanvasGeometry {
  /** The drawing buffer, in device pixels (canvas.width/height). */
  buffer: { width: number; height: number };
  /** The box the renderer gave the canvas, in CSS pixels (its style width/height). */
  box: { width: number; height: number };
  devicePixelRatio: number;
  /** The GPU's largest viewport (MAX_VIEWPORT_DIMS), when known. */
  maxViewport?: readonly [number, number];
}

/**
 * How far a buffer may be from box × ratio: the renderer rounds each to whole pixels (a
 * fractional ratio such as 2.625 moves a side by up to about a pixel and a half), while a
 * wrong ratio is off by a third or more.
 */
const SIZE_TOLERANCE = 0.1;

export function canvasDrawsWholeBox(g: CanvasGeometry): boolean {
  const sides = [
    [g.buffer.width, g.box.width, g.maxViewport?.[0]],
    [g.buffer.height, g.box.height, g.maxViewport?.[1]],
  ] as const;
  return sides.every(([buffer, box, max]) => {
    if (box <= 0) return true; // hidden: nothing to draw yet
    if (max !== undefined && buffer > max) return false;
    const wanted = box * g.devicePixelRatio;
    return Math.abs(buffer - wanted) <= Math.max(2, wanted * SIZE_TOLERANCE);
  });
}
