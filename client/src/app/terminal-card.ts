// The sandbox's card once it is ready: a header with the pane's status, the published ports
// and the time left, above the terminal workspace.
import { html, nothing, type TemplateResult } from 'lit';
import type { PortTicket, SessionView } from '../../../common/api';
import type { PublishedPort } from '../../../common/events';
import type { Strings } from '../i18n/strings-type';
import type { PaneState } from '../terminals/pane-state';
import type { PaneStateDetail, SessionGoneDetail } from '../terminals/terminal-pane';
import type { HostEventDetail } from '../terminals/terminal-workspace';
import '../terminals/terminal-workspace';
import '../ports/port-links';
import type { SessionKey } from './session-controller';
import { expiry, offersExtension, paneStatus } from './terminal-status';

/** `?renderer=dom` turns the WebGL renderer off (for comparing renderers and for tests). */
const RENDERER: 'auto' | 'dom' =
  new URLSearchParams(window.location.search).get('renderer') === 'dom' ? 'dom' : 'auto';

export interface TerminalCardProps {
  t: Strings;
  session: SessionView;
  /** The live session's id and key; without it there is no terminal to show. */
  sessionKey: SessionKey | null;
  paneState: PaneState;
  paneHost: string;
  now: number;
  ports: PublishedPort[];
  /** The lesson's panes (pane N on panes[N-1].host), if a lesson is shown. */
  panes: { host: string }[] | undefined;
  requestTicket(key: SessionKey, port: PublishedPort): Promise<PortTicket>;
  onPaneState(e: CustomEvent<PaneStateDetail>): void;
  onSessionGone(e: CustomEvent<SessionGoneDetail>): void;
  onAddHost(): void;
  onExtend(): void;
  onRemoveHost(host: string): void;
  onRestartHost(host: string): void;
}

export function terminalCard(p: TerminalCardProps): TemplateResult {
  const { t } = p;
  const [tone, label] = paneStatus(p.paneState, p.paneHost, t);
  const ends = expiry(p.session.expiresAt, p.now, t);
  return html`<div class="term-card">
    <div class="term-head">
      <span class="status" data-testid="terminal-status" data-pane-state=${p.paneState}>
        <span class="dot" data-tone=${tone}></span>${label}
      </span>
      <span class="spacer"></span>
      ${portLinks(p)}
      ${
        ends.text
          ? html`<span class="expiry ${ends.soon ? 'soon' : ''}" title=${ends.title}>${ends.text}</span>`
          : nothing
      }
      ${
        offersExtension(p.session, p.now)
          ? html`<button
              class="btn ghost small extend"
              data-action="extend-session"
              title=${t.extendTitle(p.session.extendMinutes ?? 0)}
              @click=${() => p.onExtend()}
            >
              ${t.extendButton(p.session.extendMinutes ?? 0)}
            </button>`
          : nothing
      }
    </div>
    ${
      p.sessionKey
        ? html`<terminal-workspace
            session-id=${p.sessionKey.id}
            .token=${p.sessionKey.token}
            .hosts=${p.session.hosts}
            .hostStates=${p.session.hostStates}
            .maxHosts=${p.session.maxHosts}
            .maxTerminals=${p.session.maxTerminals}
            .historyLines=${p.session.historyLines}
            .initialPanes=${p.panes}
            renderer=${RENDERER}
            @pane-state=${(e: CustomEvent<PaneStateDetail>) => p.onPaneState(e)}
            @session-gone=${(e: CustomEvent<SessionGoneDetail>) => p.onSessionGone(e)}
            @add-host=${() => p.onAddHost()}
            @remove-host=${(e: CustomEvent<HostEventDetail>) => p.onRemoveHost(e.detail.host)}
            @restart-host=${(e: CustomEvent<HostEventDetail>) => p.onRestartHost(e.detail.host)}
          ></terminal-workspace>`
        : nothing
    }
  </div>`;
}

/** Links to the ports the session's containers publish, as the daemon reports them. */
function portLinks(p: TerminalCardProps): TemplateResult | typeof nothing {
  const key = p.sessionKey;
  if (!key || !p.ports.length) return nothing;
  return html`<port-links
    .ports=${p.ports}
    .labels=${p.t.portLinks}
    .requestTicket=${(port: PublishedPort) => p.requestTicket(key, port)}
  ></port-links>`;
}
