// The banner over a pane's terminal while its shell is not simply there: reconnecting,
// offline, exited (with a button for a new shell) or closed (with the reason and a button
// to reconnect).

import { html, nothing, type TemplateResult } from 'lit';
import { CloseCode } from '../../../common/protocol';
import type { Strings } from '../i18n/strings-type';
import { alertIcon, refreshIcon } from '../ui/icons';
import type { PaneModel } from './pane-state';

/** What a pane refused for the terminal limit can do: close a detached pane to make room. */
export interface LimitOffer {
  canFree: boolean;
  onFree(): void;
}

export function paneBanner(
  m: PaneModel,
  s: Strings,
  reconnect: () => void,
  limit?: LimitOffer,
): TemplateResult | typeof nothing {
  switch (m.state) {
    case 'reconnecting':
      return html`<div class="banner warn" role="status">
        <div class="msg"><span class="spinner icon"></span><span>${s.paneReconnecting(m.attempt)}</span></div>
      </div>`;
    case 'offline':
      return html`<div class="banner warn" role="status">
        <div class="msg"><span class="icon">${alertIcon}</span><span>${s.paneOffline}</span></div>
      </div>`;
    case 'exited':
      return html`<div class="banner" role="status">
        <div class="msg">
          <span>${s.shellExited(m.exitCode)} <span class="hint">${s.pressEnterForShell}</span></span>
        </div>
        <button class="btn primary" data-action="new-shell" @click=${reconnect}>
          ${refreshIcon}${s.openNewShell}
        </button>
      </div>`;
    case 'closed':
      if (m.closeCode === CloseCode.TooManyTerminals && limit) return limitBanner(m, s, limit);
      return html`<div class="banner bad" role="alert">
        <div class="msg">
          <span class="icon">${alertIcon}</span><span>${m.message || s.paneClosedTitle}</span>
        </div>
        <button class="btn" data-action="reconnect" @click=${reconnect}>
          ${refreshIcon}${s.reconnectButton}
        </button>
      </div>`;
    default:
      return nothing;
  }
}

/** Refused for the limit: a Reconnect alone would be refused again, so offer to make room. */
function limitBanner(m: PaneModel, s: Strings, limit: LimitOffer): TemplateResult {
  return html`<div class="banner bad" role="alert" data-testid="terminal-limit">
    <div class="msg">
      <span class="icon">${alertIcon}</span>
      <span>${m.message} <span class="hint">${s.terminalLimitHelp}</span></span>
    </div>
    ${
      limit.canFree
        ? html`<button class="btn primary" data-action="free-terminal" @click=${() => limit.onFree()}>
            ${s.closeOldestTerminal}
          </button>`
        : html`<button class="btn" data-action="retry-terminal" @click=${() => limit.onFree()}>
            ${refreshIcon}${s.tryAgainButton}
          </button>`
    }
  </div>`;
}
