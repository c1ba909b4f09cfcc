// A pane's part in the session's terminal limit: it keeps the pane's line in this browser's
// ledger (pane-ledger.ts: attached while shown, detached once its page goes away), and when
// the server refuses the pane for the limit it closes the oldest detached pane (a tab the
// learner closed, whose shell waits out the grace period) to make room: once by itself, then
// only when the learner asks, so two pages cannot take turns closing each other's panes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CloseCode, type TerminalSize } from '../../../common/protocol';
import type { PaneModel } from './pane-state';
import { forgetPane, markAttached, markDetached, oldestDetached } from './pane-ledger';
import { TerminalConnection } from './terminal-connection';
import { terminalUrl } from './terminal-url';
import { browserPrefStorage } from './workspace-storage';

/** Time for the server to end the closed pane before this one asks again (a Close is one frame). */
const FREED_RETRY_MS = 600;

export interface LimitHost extends ReactiveControllerHost {
  readonly sessionId: string;
  readonly token: string;
  readonly host: string;
  /** The pane id the pane's sockets use. */
  readonly paneIdInUse: string;
  /** The pane's size, for the courier that carries the Close. */
  termSize(): TerminalSize;
  reconnect(): void;
}

export class LimitController implements ReactiveController {
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether this pane already closed a detached pane by itself since it was last shown. */
  private freedUnasked = false;

  constructor(private readonly host: LimitHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    clearTimeout(this.retryTimer);
  }

  /** Follows the pane's state: a shown shell is attached; a refusal for the limit makes room once. */
  shown(model: PaneModel): void {
    const h = this.host;
    if (model.state === 'ready') {
      this.freedUnasked = false;
      if (h.sessionId) markAttached(browserPrefStorage(), h.sessionId, h.paneIdInUse, h.host);
    } else if (model.state === 'closed' && model.closeCode === CloseCode.TooManyTerminals) {
      if (this.freedUnasked || !this.canFree) return;
      this.freedUnasked = true;
      this.freeOldest();
    }
  }

  /** The pane's shell was ended on purpose. */
  forget(): void {
    if (this.host.sessionId) forgetPane(browserPrefStorage(), this.host.sessionId, this.host.paneIdInUse);
  }

  /** Whether this browser knows a detached pane of the session that could make room. */
  get canFree(): boolean {
    return this.oldest() !== null;
  }

  /** Closes the oldest detached pane, then asks for this pane again; just asks again when there is none. */
  freeOldest(): void {
    const h = this.host;
    const oldest = this.oldest();
    if (!oldest) return h.reconnect();
    forgetPane(browserPrefStorage(), h.sessionId, oldest.paneId);
    new TerminalConnection({
      url: terminalUrl(window.location, h.sessionId, oldest.host),
      paneId: oldest.paneId,
      token: h.token,
      initialSize: () => h.termSize(),
      handlers: { output: () => undefined },
    }).closePane();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => h.reconnect(), FREED_RETRY_MS);
  }

  private oldest(): { paneId: string; host: string } | null {
    const h = this.host;
    return h.sessionId ? oldestDetached(browserPrefStorage(), h.sessionId, h.paneIdInUse) : null;
  }

  /** A page restored from the back-forward cache shows its panes again: only a real unload detaches. */
  private onPageHide = (e: PageTransitionEvent): void => {
    const h = this.host;
    if (!e.persisted && h.sessionId)
      markDetached(browserPrefStorage(), h.sessionId, h.paneIdInUse, Date.now());
  };
}
