// What the terminal card's header says: the state of the pane on screen, and the time the
// sandbox has left (amber in its last minutes).
import type { Strings } from '../i18n/strings-type';
import type { PaneState } from '../terminals/pane-state';
import { formatRemaining } from './app-state';

/** The expiry turns amber when less than this is left. */
export const EXPIRY_WARNING_MS = 5 * 60_000;

export type Tone = 'ok' | 'busy' | 'bad' | 'off';

/** The status dot's tone and the words beside it. */
export function paneStatus(state: PaneState, host: string, t: Strings): [Tone, string] {
  switch (state) {
    case 'connecting':
      return ['busy', t.statusConnecting];
    case 'ready':
      return ['ok', t.statusConnected(host)];
    case 'reconnecting':
      return ['busy', t.statusReconnecting];
    case 'offline':
      return ['off', t.statusOffline];
    case 'exited':
      return ['off', t.statusExited];
    case 'closed':
      return ['bad', t.statusClosed];
  }
}

/** The session offers its one extension when less than this is left. */
export const EXTEND_OFFER_MS = 15 * 60_000;

/** Whether the header offers to extend the session now: it may be, and it ends soon. */
export function offersExtension(
  session: { expiresAt: string; canExtend?: boolean; extendMinutes?: number },
  now: number,
): boolean {
  const left = Date.parse(session.expiresAt) - now;
  return session.canExtend === true && (session.extendMinutes ?? 0) > 0 && left > 0 && left < EXTEND_OFFER_MS;
}

export interface Expiry {
  /** "Ends in 58 min"; null once the time has passed or when it is unknown. */
  text: string | null;
  /** Little time is left. */
  soon: boolean;
  /** The clock time it ends, for the tooltip ('' when unknown). */
  title: string;
}

export function expiry(expiresAt: string, now: number, t: Strings): Expiry {
  const expires = Date.parse(expiresAt);
  const remaining = formatRemaining(expires - now, t.durations);
  return {
    text: remaining ? t.expiresIn(remaining) : null,
    soon: expires - now < EXPIRY_WARNING_MS,
    title: Number.isFinite(expires)
      ? t.sessionExpiryTitle(new Date(expires).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))
      : '',
  };
}
