// The events a <terminal-pane> fires for its workspace and page: its state, the shell's
// title, and the session gone. They bubble out of shadow roots (composed).

import type { PaneState } from './pane-state';

export interface PaneStateDetail {
  state: PaneState;
  host: string;
  message: string;
  /** The close code when state is 'closed' (e.g. 4429, too many terminals). */
  code?: number;
}

export interface PaneTitleDetail {
  title: string;
}

export interface SessionGoneDetail {
  code: number;
  message: string;
}

declare global {
  interface HTMLElementEventMap {
    'pane-state': CustomEvent<PaneStateDetail>;
    'pane-title': CustomEvent<PaneTitleDetail>;
    'session-gone': CustomEvent<SessionGoneDetail>;
  }
}

/** Fires one of the pane's events from `from`, out through shadow roots. */
export function announce<T>(from: HTMLElement, type: string, detail: T): void {
  from.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}
