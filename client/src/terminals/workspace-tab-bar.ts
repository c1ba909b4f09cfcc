// <workspace-tab-bar>: the terminal workspace's bar of tabs (one per pane), the new-terminal
// button with its host menu, and the view tools (split, font size, clear, full screen). It
// only shows what it is given and says what the learner asked for in events; the workspace
// decides what happens.

import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { HostState } from '../../../common/api';
import { workspaceStrings } from '../i18n/strings';
import type { WorkspaceStrings } from '../i18n/strings-type';
import { sharedStyles } from '../ui/shared-styles';
import { statusDotStyles } from '../ui/status-dot-styles';
import { plusIcon } from '../ui/icons';
import { iconButtonStyles, popoverStyles, tabBarStyles } from './workspace-bar-styles';
import {
  chevronIcon,
  clearIcon,
  closeIcon,
  collapseIcon,
  expandIcon,
  fontLargerIcon,
  fontSmallerIcon,
  hostIcon,
  singleIcon,
  splitIcon,
} from './workspace-icons';
import { canSplitAt } from './workspace-layout';
import { hostStateOf, newMenuLeft, type HostEventDetail, type TabView } from './workspace-tabs';

export interface PaneIdDetail {
  id: string;
}

export interface FontStepDetail {
  step: 1 | -1;
}

declare global {
  interface HTMLElementTagNameMap {
    'workspace-tab-bar': WorkspaceTabBar;
  }
  interface HTMLElementEventMap {
    'tab-select': CustomEvent<PaneIdDetail>;
    'tab-close': CustomEvent<PaneIdDetail>;
    /** The new-terminal button: a pane on the only host, or the host menu when there are several. */
    'new-pane': CustomEvent<null>;
    'new-pane-on': CustomEvent<HostEventDetail>;
    'split-toggle': CustomEvent<null>;
    'font-step': CustomEvent<FontStepDetail>;
    'clear-pane': CustomEvent<null>;
    'fullscreen-toggle': CustomEvent<null>;
  }
}

@customElement('workspace-tab-bar')
export class WorkspaceTabBar extends LitElement {
  static override styles = [sharedStyles, statusDotStyles, iconButtonStyles, popoverStyles, tabBarStyles];

  @property({ attribute: false }) strings: WorkspaceStrings = workspaceStrings.en;
  @property({ attribute: false }) tabs: TabView[] = [];
  /** The session's hosts, offered in the new-terminal menu. */
  @property({ attribute: false }) hosts: string[] = [];
  @property({ attribute: false }) hostStates: Record<string, HostState> = {};
  @property({ type: Number, attribute: false }) maxTerminals = 1;
  /** The learner asked for split view. */
  @property({ type: Boolean, attribute: false }) split = false;
  /** Split view is on screen (the workspace is wide enough for it). */
  @property({ type: Boolean, attribute: false }) splitShown = false;
  @property({ type: Boolean, attribute: false }) fullscreen = false;
  /** The workspace's width in pixels; 0 until measured. */
  @property({ type: Number, attribute: false }) width = 0;
  @property({ type: Boolean, attribute: false }) menuOpen = false;

  private get full(): boolean {
    return this.tabs.length >= this.maxTerminals;
  }

  /** The active tab stays in the strip's view, however narrow the strip (or many the tabs). */
  protected override updated(): void {
    const strip = this.renderRoot.querySelector<HTMLElement>('.tabs');
    const active = strip?.querySelector<HTMLElement>('.tab.active');
    if (!strip || !active) return;
    const box = strip.getBoundingClientRect();
    const tab = active.getBoundingClientRect();
    if (tab.left < box.left) strip.scrollLeft -= box.left - tab.left;
    else if (tab.right > box.right) strip.scrollLeft += tab.right - box.right;
  }

  protected override render(): TemplateResult {
    return html`<div class="bar">
      <div class="tabs" role="tablist" aria-label=${this.strings.workspaceLabel}>
        ${repeat(
          this.tabs,
          (tab) => tab.id,
          (tab) => this.renderTab(tab),
        )}
      </div>
      ${this.renderNewButton()} ${this.menuOpen ? this.renderNewMenu() : nothing}
      <span class="spacer"></span>
      ${this.renderTools()}
    </div>`;
  }

  private renderTab(tab: TabView): TemplateResult {
    const label = this.strings.tabLabel(tab.host, tab.number);
    return html`<div
      class="tab ${tab.active ? 'active' : ''} ${tab.shown ? 'shown' : ''}"
      role="tab"
      tabindex=${tab.active ? 0 : -1}
      aria-selected=${tab.active ? 'true' : 'false'}
      data-pane=${tab.number}
      data-host=${tab.host}
      data-state=${tab.state}
      title=${tab.title ? `${label} — ${tab.title}` : label}
      @click=${() => this.emit('tab-select', { id: tab.id })}
      @auxclick=${(e: MouseEvent) => e.button === 1 && this.emit('tab-close', { id: tab.id })}
    >
      <span class="dot" data-tone=${tab.tone}></span>
      <span class="name">${label}</span>
      ${tab.title ? html`<span class="title">${tab.title}</span>` : nothing}
      <span
        class="x"
        role="button"
        data-action="close-pane"
        aria-label=${this.strings.closeTerminal(label)}
        title=${this.strings.closeTerminal(label)}
        @click=${(e: Event) => {
          e.stopPropagation();
          this.emit('tab-close', { id: tab.id });
        }}
        >${closeIcon}</span
      >
    </div>`;
  }

  private renderNewButton(): TemplateResult {
    const t = this.strings;
    return html`<button
      class="icon-btn new"
      data-action="new-pane"
      data-keeps-menu
      aria-label=${t.newTerminal}
      title=${this.full ? t.terminalLimit(this.maxTerminals) : t.newTerminal}
      ?disabled=${this.full}
      @click=${() => this.emit('new-pane', null)}
    >
      ${plusIcon}${this.hosts.length > 1 ? chevronIcon : nothing}
    </button>`;
  }

  private renderNewMenu(): TemplateResult {
    const left = newMenuLeft(this.tabs.length, this.width);
    return html`<div class="popover menu" role="menu" data-keeps-menu style="top: 42px; left: ${left}px">
      ${this.hosts.map((host) => {
        const st = hostStateOf(this.hostStates, host);
        return html`<button
          role="menuitem"
          data-action="new-pane-on"
          data-host=${host}
          ?disabled=${st !== 'ready'}
          @click=${() => this.emit('new-pane-on', { host })}
        >
          ${hostIcon} ${this.strings.newTerminalOn(host)}
          ${st === 'ready' ? nothing : html`<span class="state">${this.strings.hostStateNames[st]}</span>`}
        </button>`;
      })}
    </div>`;
  }

  private renderTools(): TemplateResult {
    const t = this.strings;
    const full = this.fullscreen;
    return html`<div class="tools">
      ${canSplitAt(this.width) && !full ? this.renderSplitButton() : nothing}
      ${this.toolButton('font-smaller', t.fontSmaller, fontSmallerIcon, () => this.emit('font-step', { step: -1 }))}
      ${this.toolButton('font-larger', t.fontLarger, fontLargerIcon, () => this.emit('font-step', { step: 1 }))}
      <span class="sep hide-narrow"></span>
      <button
        class="icon-btn hide-narrow"
        data-action="clear"
        aria-label=${t.clearTerminal}
        title=${t.clearTerminal}
        @click=${() => this.emit('clear-pane', null)}
      >
        ${clearIcon}
      </button>
      <button
        class="icon-btn"
        data-action="fullscreen"
        aria-pressed=${full ? 'true' : 'false'}
        aria-label=${full ? t.exitFullScreen : t.fullScreen}
        title=${full ? t.exitFullScreen : t.fullScreen}
        @click=${() => this.emit('fullscreen-toggle', null)}
      >
        ${full ? collapseIcon : expandIcon}
      </button>
    </div>`;
  }

  private renderSplitButton(): TemplateResult {
    const label = this.split ? this.strings.singleView : this.strings.splitView;
    return html`<button
      class="icon-btn"
      data-action="split"
      aria-pressed=${this.splitShown ? 'true' : 'false'}
      aria-label=${label}
      title=${label}
      ?disabled=${!this.split && this.full}
      @click=${() => this.emit('split-toggle', null)}
    >
      ${this.split ? singleIcon : splitIcon}
    </button>`;
  }

  private toolButton(
    action: string,
    label: string,
    icon: TemplateResult,
    onClick: () => void,
  ): TemplateResult {
    return html`<button
      class="icon-btn"
      data-action=${action}
      aria-label=${label}
      title=${label}
      @click=${onClick}
    >
      ${icon}
    </button>`;
  }

  /** Events stay inside the workspace's shadow root: the workspace listens on this element. */
  private emit<K extends keyof HTMLElementEventMap>(
    type: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
