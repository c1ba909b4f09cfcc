// What a read-only terminal view (a trainer watching a learner, a learner following the
// trainer) shows about its socket, and whether it tries again after a close. No DOM.
import { CloseCode } from '../../../common/protocol';
import type { WatchStrings } from '../i18n/strings-type';

/** Where the view's socket stands. */
export type WatchPhase = 'connecting' | 'live' | 'reconnecting' | 'stopped' | 'ended' | 'refused';

/** Backoff between reconnects: doubles from the first to the last. */
export const WATCH_RETRY_FIRST_MS = 500;
export const WATCH_RETRY_MAX_MS = 10_000;

/** The phase after the socket closed with `code`: final ones are never retried. */
export function phaseAfterClose(code: number): WatchPhase {
  switch (code) {
    case CloseCode.WatchStopped:
      return 'stopped';
    case CloseCode.Normal:
    case CloseCode.SandboxGone:
      return 'ended';
    case CloseCode.BadToken:
    case CloseCode.ForeignOrigin:
    case CloseCode.UnknownSession:
    case CloseCode.BadMessage:
    case CloseCode.TooManyTerminals:
      return 'refused';
    default:
      // Dropped (1006: fell behind, network), the server restarting (1001): a fresh screen helps.
      return 'reconnecting';
  }
}

export const nextRetryMs = (previous: number): number =>
  previous <= 0 ? WATCH_RETRY_FIRST_MS : Math.min(previous * 2, WATCH_RETRY_MAX_MS);

/** The words for a phase. */
export function phaseText(phase: WatchPhase, mayType: boolean, w: WatchStrings): string {
  switch (phase) {
    case 'connecting':
      return w.connecting;
    case 'live':
      return `${w.live} · ${mayType ? w.mayType : w.readOnly}`;
    case 'reconnecting':
      return w.reconnecting;
    case 'stopped':
      return w.stopped;
    case 'ended':
      return w.ended;
    case 'refused':
      return w.refused;
  }
}

/**
 * The scale that fits a terminal drawn at `natural` pixels into `box` (never enlarged): the
 * view draws the owner's columns and rows, whatever its own size.
 */
export function fitScale(
  natural: { width: number; height: number },
  box: { width: number; height: number },
): number {
  if (natural.width <= 0 || natural.height <= 0 || box.width <= 0 || box.height <= 0) return 1;
  return Math.min(1, box.width / natural.width, box.height / natural.height);
}
