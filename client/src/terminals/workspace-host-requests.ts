// What the terminal workspace asks its page to do with the session's hosts. The workspace
// never calls the API: it dispatches these events (bubbling, through shadow roots) and the
// page acts on them.

import type { HostEventDetail } from './workspace-tabs';

declare global {
  interface HTMLElementEventMap {
    /** The server names the new host (the first free nodeN). */
    'add-host': CustomEvent<null>;
    'remove-host': CustomEvent<HostEventDetail>;
    /** The learner asked for a fresh sandbox for a failed host. */
    'restart-host': CustomEvent<HostEventDetail>;
  }
}

/** Asks for a new host (`add-host`), or for `host` to be removed or given a fresh sandbox. */
export function requestHost(from: HTMLElement, request: 'add-host'): void;
export function requestHost(from: HTMLElement, request: 'remove-host' | 'restart-host', host: string): void;
export function requestHost(from: HTMLElement, request: keyof HostRequests, host?: string): void {
  const detail = host === undefined ? null : { host };
  from.dispatchEvent(new CustomEvent(request, { detail, bubbles: true, composed: true }));
}

type HostRequests = Pick<HTMLElementEventMap, 'add-host' | 'remove-host' | 'restart-host'>;
