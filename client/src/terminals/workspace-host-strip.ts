// <workspace-host-strip>: the session's hosts as chips with their state, the add-host button,
// and the confirmation before a host is removed. It only shows what it is given and says what
// the learner asked for in events; the workspace (and the page) decide what happens.

import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HostState } from '../../../common/api';
import { workspaceStrings } from '../i18n/strings';
import type { WorkspaceStrings } from '../i18n/strings-type';
import { confirmStyles } from '../ui/confirm-styles';
import { plusIcon } from '../ui/icons';
import { sharedStyles } from '../ui/shared-styles';
import { statusDotStyles } from '../ui/status-dot-styles';
import { hostStripStyles, iconButtonStyles, popoverStyles } from './workspace-bar-styles';
import { closeIcon, hostIcon } from './workspace-icons';
import { hostStateOf, hostTone, type HostEventDetail } from './workspace-tabs';

declare global {
  interface HTMLElementTagNameMap {
    'workspace-host-strip': WorkspaceHostStrip;
  }
  interface HTMLElementEventMap {
    'add-host-click': CustomEvent<null>;
    /** A chip's remove button: the workspace asks for confirmation (removing). */
    'remove-host-click': CustomEvent<HostEventDetail>;
    'remove-host-cancel': CustomEvent<null>;
    'remove-host-confirm': CustomEvent<HostEventDetail>;
    /** A failed host's Restart button. */
    'restart-host-click': CustomEvent<HostEventDetail>;
  }
}

@customElement('workspace-host-strip')
export class WorkspaceHostStrip extends LitElement {
  static override styles = [
    sharedStyles,
    confirmStyles,
    statusDotStyles,
    iconButtonStyles,
    popoverStyles,
    hostStripStyles,
  ];

  @property({ attribute: false }) strings: WorkspaceStrings = workspaceStrings.en;
  /** The session's host names, in the order they were added. */
  @property({ attribute: false }) hosts: string[] = [];
  /** Each host's state; a host without one counts as ready. */
  @property({ attribute: false }) hostStates: Record<string, HostState> = {};
  @property({ type: Number, attribute: false }) maxHosts = 1;
  /** The host whose removal waits for the learner's confirmation, if any. */
  @property({ attribute: false }) removing: string | null = null;

  protected override render(): TemplateResult {
    const t = this.strings;
    const atLimit = this.hosts.length >= this.maxHosts;
    return html`<div class="hosts" role="group" aria-label=${t.hostsLabel}>
        <span class="label">${hostIcon}${t.hostsLabel}</span>
        ${this.hosts.map((host) => this.renderChip(host))}
        <button
          class="add-host"
          data-action="add-host"
          title=${atLimit ? t.hostLimit(this.maxHosts) : t.addHost}
          aria-label=${atLimit ? `${t.addHost}. ${t.hostLimit(this.maxHosts)}` : t.addHost}
          ?disabled=${atLimit}
          @click=${() => this.emit('add-host-click', null)}
        >
          ${plusIcon}${t.addHost}
        </button>
      </div>
      ${this.removing ? this.renderRemoveConfirm(this.removing) : nothing}`;
  }

  private renderChip(host: string): TemplateResult {
    const st = hostStateOf(this.hostStates, host);
    const only = this.hosts.length <= 1;
    const stateName = this.strings.hostStateNames[st];
    return html`<span
      class="chip ${only ? 'solo' : ''}"
      data-host=${host}
      data-state=${st}
      title=${this.hostStates[host]?.error ?? stateName}
    >
      <span class="dot" data-tone=${hostTone(st)}></span>${host}
      ${st === 'ready' ? nothing : html`<span class="state">${stateName}</span>`}
      ${
        st === 'failed'
          ? html`<button
              class="restart"
              data-action="restart-host"
              title=${this.strings.restartHostTitle(host)}
              @click=${() => this.emit('restart-host-click', { host })}
            >
              ${this.strings.restartHost}
            </button>`
          : nothing
      }
      ${
        only
          ? nothing
          : html`<button
              class="icon-btn x"
              data-action="remove-host"
              data-keeps-menu
              aria-label=${this.strings.removeHost(host)}
              title=${this.strings.removeHost(host)}
              @click=${() => this.emit('remove-host-click', { host })}
            >
              ${closeIcon}
            </button>`
      }
    </span>`;
  }

  private renderRemoveConfirm(host: string): TemplateResult {
    const t = this.strings;
    return html`<div
      class="popover confirm"
      role="dialog"
      aria-labelledby="remove-title"
      data-keeps-menu
      style="top: 80px; left: 10px"
    >
      <h2 id="remove-title">${t.removeHostTitle(host)}</h2>
      <p>${t.removeHostText}</p>
      <div class="row">
        <button class="btn ghost" @click=${() => this.emit('remove-host-cancel', null)}>${t.cancel}</button>
        <button
          class="btn danger"
          data-action="confirm-remove-host"
          @click=${() => this.emit('remove-host-confirm', { host })}
        >
          ${t.removeHostButton}
        </button>
      </div>
    </div>`;
  }

  /** Events stay inside the workspace's shadow root: the workspace listens on this element. */
  private emit<K extends keyof HTMLElementEventMap>(
    type: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
