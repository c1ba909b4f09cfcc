// <port-links>: one compact button per published port, for a toolbar. A click opens a tab at
// once (inside the click, so popup blockers allow it), asks the server for a one-time ticket,
// then sends the tab to the ticket's URL on the port's own origin. If asking fails, the tab
// is closed again and the button says why.
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PortTicket } from '../../../common/api';
import type { PublishedPort } from '../../../common/events';
import { en } from '../i18n/en';
import type { PortLinkLabels } from '../i18n/strings-type';
import { externalLinkIcon } from '../ui/icons';
import { sharedStyles } from '../ui/shared-styles';

/** Fired (bubbling, composed) when a port could not be opened; detail.message is for the learner. */
export interface PortOpenFailedDetail {
  port: PublishedPort;
  message: string;
}

/** A tab opened before its address is known; only what the component needs of Window. */
export interface PendingTab {
  location: { href: string };
  opener: unknown;
  close(): void;
}

const key = (p: PublishedPort) => `${p.host}:${p.port}`;

@customElement('port-links')
export class PortLinks extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        min-width: 0;
        font-size: 13px;
      }
      .label {
        color: var(--text-muted);
        font-weight: 600;
        white-space: nowrap;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .btn {
        min-height: 28px;
        padding: 0 8px;
        gap: 4px;
        font-size: 13px;
        border-radius: 6px;
        font-variant-numeric: tabular-nums;
      }
      .btn.failed {
        border-color: var(--danger-strong);
      }
      .host {
        color: var(--text-muted);
        font-weight: 500;
      }
      svg {
        flex: none;
      }
    `,
  ];

  /** Every published port of the session (all hosts). */
  @property({ attribute: false }) ports: PublishedPort[] = [];
  /** Asks the server for a ticket (session-client's requestPortTicket with the session's id and token). */
  @property({ attribute: false }) requestTicket: ((port: PublishedPort) => Promise<PortTicket>) | null = null;
  @property({ attribute: false }) labels: PortLinkLabels = en.page.portLinks;
  /** Opens the blank tab; replaceable in tests. */
  @property({ attribute: false }) openTab: () => PendingTab | null = () => window.open('', '_blank');

  @state() private opening = new Set<string>();
  @state() private failures = new Map<string, string>();

  override render() {
    if (this.ports.length === 0) return nothing;
    const manyHosts = new Set(this.ports.map((p) => p.host)).size > 1;
    const sorted = [...this.ports].sort((a, b) => a.host.localeCompare(b.host) || a.port - b.port);
    return html`<span class="label" id="label">${this.labels.ports}</span>
      <ul aria-labelledby="label">
        ${sorted.map((p) => {
          const k = key(p);
          const busy = this.opening.has(k);
          const failure = this.failures.get(k);
          return html`<li>
            <button
              class="btn ${failure ? 'failed' : ''}"
              title=${failure ?? this.labels.open(p)}
              aria-label=${this.labels.open(p)}
              aria-busy=${busy ? 'true' : 'false'}
              ?disabled=${busy}
              @click=${() => this.open(p)}
            >
              ${manyHosts ? html`<span class="host">${p.host}:</span>` : nothing}${p.port}
              ${busy ? html`<span class="spinner" aria-label=${this.labels.opening}></span>` : externalLinkIcon}
            </button>
          </li>`;
        })}
      </ul>`;
  }

  /** Opens one port in a new tab. Public so the page (or a keyboard shortcut) can call it too. */
  async open(port: PublishedPort): Promise<void> {
    const k = key(port);
    // Inside the click: a tab opened later (after the fetch) would be blocked as a popup.
    const tab = this.openTab();
    if (tab) tab.opener = null; // the app's page must not reach back into the playground
    this.opening = new Set(this.opening).add(k);
    this.setFailure(k, undefined);
    try {
      if (!this.requestTicket) throw new Error('Ports cannot be opened from this page.');
      const { url } = await this.requestTicket(port);
      if (tab) tab.location.href = url;
      else window.location.assign(url); // popups blocked anyway: open it here
    } catch (err) {
      tab?.close();
      const message = (err as Error).message || String(err);
      this.setFailure(k, message);
      this.dispatchEvent(
        new CustomEvent<PortOpenFailedDetail>('port-open-failed', {
          detail: { port, message },
          bubbles: true,
          composed: true,
        }),
      );
    } finally {
      const next = new Set(this.opening);
      next.delete(k);
      this.opening = next;
    }
  }

  private setFailure(k: string, message: string | undefined): void {
    const next = new Map(this.failures);
    if (message) next.set(k, message);
    else next.delete(k);
    this.failures = next;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'port-links': PortLinks;
  }
}
