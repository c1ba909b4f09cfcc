// The split view's sizes, apart from the element so they can be tested without a browser.
import type { StorageLike } from '../sessions/token-store';

/** Below this width the panes are shown one at a time. */
export const NARROW_WIDTH = 760;
export const DIVIDER_PX = 9;
export const KEY_STEP = 0.02;
export const KEY_STEP_LARGE = 0.1;
const STORAGE_PREFIX = 'docker-playground.split.';

/** The start pane's width in px for a share of `width`, kept within both panes' minimums. */
export function startWidth(ratio: number, width: number, minStart: number, minEnd: number): number {
  const room = width - DIVIDER_PX;
  const wanted = ratio * room;
  if (room < minStart + minEnd) return Math.round(room / 2);
  return Math.round(Math.min(room - minEnd, Math.max(minStart, wanted)));
}

/** A stored share, or null when missing or damaged. */
export function readRatio(storage: StorageLike | null, key: string): number | null {
  if (!storage || !key) return null;
  try {
    const value = Number(storage.getItem(STORAGE_PREFIX + key));
    return Number.isFinite(value) && value > 0 && value < 1 ? value : null;
  } catch {
    return null;
  }
}

export function writeRatio(storage: StorageLike | null, key: string, ratio: number | null): void {
  if (!storage || !key) return;
  try {
    if (ratio === null) storage.removeItem(STORAGE_PREFIX + key);
    else storage.setItem(STORAGE_PREFIX + key, ratio.toFixed(4));
  } catch {
    // Storage full or disabled: the size lasts until the page is reloaded.
  }
}
