import { CloseCode } from '../../../common/protocol';

/**
 * What the page does after a terminal WebSocket closes:
 * - 'retry': a network or server hiccup; reconnect after a pause.
 * - 'session-gone': the session or its sandbox no longer exists (or the key is wrong).
 * - 'fatal': reconnecting will not help; show the reason and let the learner decide.
 * - 'done': the server closed normally (e.g. after the shell exited).
 */
export type CloseDisposition = 'retry' | 'session-gone' | 'fatal' | 'done';

export function closeDisposition(code: number): CloseDisposition {
  switch (code) {
    case CloseCode.Normal:
      return 'done';
    case CloseCode.BadToken:
    case CloseCode.UnknownSession:
    case CloseCode.SandboxGone:
      return 'session-gone';
    case 1009: // A frame was larger than the server accepts.
    case CloseCode.BadMessage:
    case CloseCode.ForeignOrigin:
    case CloseCode.TooManyTerminals:
    case CloseCode.BackendFailed:
    case CloseCode.TakenOver: // another window has the pane now; taking it back would ping-pong
      return 'fatal';
    default:
      // 1001 going away, 1006 abnormal closure, 1011 server error, 1012 restart, 1013 try again...
      return 'retry';
  }
}

/** Reconnect attempts before the page stops and offers a Reconnect button. */
export const MAX_RECONNECT_ATTEMPTS = 8;

/**
 * Pause before reconnect attempt `attempt` (1-based): exponential from 500 ms, capped at
 * 10 s, with up to 25% random spread so many pages do not reconnect in lockstep.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - 0.25 * random()));
}

/** The text to show for a close: the server's reason, else a known description, else the code. */
export function closeMessage(
  code: number,
  reason: string,
  known: Readonly<Record<number, string>>,
  fallback: string,
): string {
  const trimmed = reason.trim();
  if (trimmed) return trimmed;
  return known[code] ?? `${fallback} (${code})`;
}
