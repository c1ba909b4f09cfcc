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
