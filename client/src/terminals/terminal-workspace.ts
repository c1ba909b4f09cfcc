// <terminal-workspace>: a session's terminals as tabs (two side by side in split view), on
// any of the session's hosts. Each pane is its own shell with a stable id; the layout is
// kept per session in localStorage so a reload brings the same panes (and screens) back.
// It never calls the API: adding or removing a host is an event the page acts on.

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { HostState } from '../../../common/api';
import { newPaneId } from '../../../common/protocol';
import { sharedStyles } from '../ui/shared-styles';
import './terminal-pane';
import type { PaneState } from './pane-state';
import type { PaneStateDetail, PaneTitleDetail, TerminalPane } from './terminal-pane';
import { workspaceStyles } from './terminal-workspace-styles';
import './workspace-tab-bar';
import type { FontStepDetail, PaneIdDetail } from './workspace-tab-bar';
import './workspace-host-strip';
import type { PhoneKey } from './key-bytes';
import { phoneKeyRow } from './phone-keys';
import {
  activatePane,
  addPane,
  closePane,
  cyclePane,
  hostForPane,
  paneById,
  paneByNumber,
  removeHostPanes,
  shownPanes,
  splitMode,
  toggleSplit,
  type PaneSpec,
  type SplitMode,
  type WorkspaceLayout,
} from './workspace-layout';
import { FontSizeController } from './font-size-controller';
import { PaneLayoutController } from './pane-layout-controller';
import { WidthController } from './width-controller';
import { WorkspaceMenuController } from './workspace-menu-controller';
import { requestHost } from './workspace-host-requests';
import { LanguageController } from '../i18n/language-controller';
import type { WorkspaceStrings } from '../i18n/strings-type';
import { WorkspaceShortcutsController } from './workspace-shortcuts-controller';
import type { WorkspaceShortcut } from './workspace-shortcuts';
import { hostWaiting, noTerminals } from './workspace-placeholders';
import { hostStateOf, tabViews, type HostEventDetail } from './workspace-tabs';

export type { HostEventDetail } from './workspace-tabs';

export interface RunOptions {
  /** Send Ctrl-C first, to stop what runs in the pane. */
  interrupt?: boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'terminal-workspace': TerminalWorkspace;
  }
}

@customElement('terminal-workspace')
export class TerminalWorkspace extends LitElement {
  static override styles = [sharedStyles, workspaceStyles];

  /** The page's language: the workspace's words follow the learner's choice. */
  private readonly i18n = new LanguageController(this);
  private get tw(): WorkspaceStrings {
    return this.i18n.workspace;
  }

  /** The session whose terminals these are. */
  @property({ attribute: 'session-id' }) sessionId = '';
  /** The session's key (never reflected to an attribute). */
  @property({ attribute: false }) token = '';
  /** The session's host names, in the order they were added. */
  @property({ attribute: false }) hosts: string[] = [];
  /** Each host's state; a host without one counts as ready. */
  @property({ attribute: false }) hostStates: Record<string, HostState> = {};
  /** Most hosts the session may have (the add button is disabled there). */
  @property({ type: Number, attribute: false }) maxHosts = 1;
  /** Most terminals the session may have open: the session view's maxTerminals. */
  @property({ type: Number, attribute: false }) maxTerminals = 1;
  /** Lines of scrollback each pane keeps: the session view's historyLines. */
  @property({ type: Number, attribute: false }) historyLines = 5000;
  /** A lesson's panes: pane N of the lesson is on initialPanes[N-1].host. */
  @property({ attribute: false }) initialPanes: { host: string }[] | undefined = undefined;
  /** 'auto' uses WebGL on shown panes; 'dom' never tries it. */
  @property() renderer: 'auto' | 'dom' = 'auto';

  @state() private paneStates: Record<string, PaneState> = {};
  @state() private titles: Record<string, string> = {};
  @state() private fullscreen = false;
  /** The phone key row's Ctrl is held for the next key. */
  @state() private ctrlHeld = false;

  /** The panes, kept per session and grown on each host that becomes ready. */
  private readonly panesLayout = new PaneLayoutController(
    this,
    () => this,
    (host) => this.hostState(host),
  );
  private get layout(): WorkspaceLayout {
    return this.panesLayout.layout;
  }
  /** The open menu (new pane on a host, confirm a host's removal). */
  private readonly menus = new WorkspaceMenuController(this);
  /** The workspace's own width, for split view and the tab bar. */
  private readonly widthOf = new WidthController(this);
  private readonly font = new FontSizeController(this);

  /** Font size, moving between panes, Esc for the menu and for full screen. */
  private readonly shortcuts = new WorkspaceShortcutsController(this, {
    isMenuOpen: () => this.menus.menu !== null,
    isFullscreen: () => this.fullscreen,
    run: (shortcut) => this.runShortcut(shortcut),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sessionId') || changed.has('hosts') || changed.has('maxTerminals'))
      this.panesLayout.sync(() => {
        this.paneStates = {};
        this.titles = {};
      });
    if (changed.has('hosts') || changed.has('hostStates'))
      this.panesLayout.openOnNewHosts((host) => this.openPane(host));
  }

  // ----- Public API -----

  /**
   * Types `text` and Enter into pane `paneNumber` (1-based, as the lesson numbers its panes),
   * opening that pane if it is missing, and shows and focuses it. Ctrl-C goes first with
   * `interrupt`. Rejects when the pane cannot be opened (no host, terminal limit).
   */
  async runInPane(paneNumber: number, text: string, opts: RunOptions = {}): Promise<void> {
    const spec = this.ensurePane(paneNumber);
    this.panesLayout.set(activatePane(this.layout, spec.id));
    if (this.fullscreen && this.layout.active !== spec.id) this.setFullscreen(false);
    await this.updateComplete;
    const pane = this.paneElement(spec.id);
    if (!pane) throw new Error(this.tw.hostStarting(spec.host));
    // A keyboard's Enter is a carriage return; so is each line break of a multi-line command.
    const typed = text.replace(/\r?\n/g, '\r') + '\r';
    if (opts.interrupt) pane.interruptThenSend(typed);
    else pane.sendText(typed);
    pane.focusTerminal();
  }

  /** Pane `paneNumber`'s text (see TerminalPane.terminalText); the active pane without one. */
  terminalText(paneNumber?: number): string {
    const spec =
      paneNumber === undefined
        ? this.layout.active
          ? paneById(this.layout, this.layout.active)
          : undefined
        : paneByNumber(this.layout, paneNumber);
    return spec ? (this.paneElement(spec.id)?.terminalText() ?? '') : '';
  }

  /** The panes as they stand: number, host, state, and whether each is on screen. */
  get panes(): { number: number; host: string; state: PaneState | 'waiting'; visible: boolean }[] {
    return tabViews(this.layout, this.shownIds(), this.paneStates, this.titles).map((tab) => ({
      number: tab.number,
      host: tab.host,
      state: tab.state,
      visible: tab.shown,
    }));
  }

  /** Gives the keyboard to the active pane. */
  focusActive(): void {
    const id = this.layout.active;
    if (id) this.paneElement(id)?.focusTerminal();
  }

  // ----- Layout -----

  private openPane(host: string): void {
    this.menus.menu = null;
    if (this.layout.panes.length >= this.maxTerminals) return;
    this.panesLayout.set(addPane(this.layout, { id: newPaneId(), host }, this.maxTerminals));
  }

  /** Pane `n`, opened on the lesson's host for it (else the active pane's host) if missing. */
  private ensurePane(n: number): PaneSpec {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`No terminal T${n}.`);
    const existing = paneByNumber(this.layout, n);
    if (existing) return existing;
    if (this.layout.panes.length >= this.maxTerminals)
      throw new Error(this.tw.terminalLimit(this.maxTerminals));
    const host = hostForPane(this.layout, n, this.initialPanes, this.hosts);
    if (!host) throw new Error(`No host for terminal T${n}.`);
    const id = newPaneId();
    this.panesLayout.set(addPane(this.layout, { id, host, number: n }, this.maxTerminals));
    return paneById(this.layout, id)!;
  }

  private closeTab(id: string): void {
    this.paneElement(id)?.closeShell();
    this.panesLayout.set(closePane(this.layout, id));
    const { [id]: _state, ...states } = this.paneStates;
    this.paneStates = states;
    void this.updateComplete.then(() => this.focusActive());
  }

  private activate(id: string): void {
    this.panesLayout.set(activatePane(this.layout, id));
    void this.updateComplete.then(() => this.focusActive());
  }

  private toggleSplit(): void {
    this.panesLayout.set(toggleSplit(this.layout, this.hosts[0], newPaneId, this.maxTerminals));
  }

  private clearActive(): void {
    const id = this.layout.active;
    if (id) this.paneElement(id)?.clear();
    this.focusActive();
  }

  private setFullscreen(on: boolean): void {
    this.fullscreen = on;
    this.toggleAttribute('data-fullscreen', on);
    void this.updateComplete.then(() => this.focusActive());
  }

  private confirmRemoveHost(host: string): void {
    this.menus.menu = null;
    for (const p of this.layout.panes.filter((q) => q.host === host)) this.paneElement(p.id)?.closeShell();
    this.panesLayout.set(removeHostPanes(this.layout, host));
    requestHost(this, 'remove-host', host);
  }

  // ----- Helpers -----

  private hostState(host: string): HostState['state'] {
    return hostStateOf(this.hostStates, host);
  }

  private paneElement(id: string): TerminalPane | null {
    return this.renderRoot.querySelector<TerminalPane>(`terminal-pane[pane-id="${id}"]`);
  }

  /** How split view fits the workspace's width: side by side, stacked, or tabs only. */
  private splitMode(): SplitMode {
    return splitMode(this.layout, this.fullscreen, this.widthOf.width || window.innerWidth);
  }

  private shownIds(): string[] {
    return shownPanes(this.layout, this.splitMode());
  }

  private onPaneState(id: string, e: CustomEvent<PaneStateDetail>): void {
    this.paneStates = { ...this.paneStates, [id]: e.detail.state };
  }

  private onPaneTitle(id: string, e: CustomEvent<PaneTitleDetail>): void {
    this.titles = { ...this.titles, [id]: e.detail.title };
  }

  private runShortcut(shortcut: WorkspaceShortcut | 'leave-fullscreen'): void {
    switch (shortcut) {
      case 'font-larger':
        return this.font.step(1);
      case 'font-smaller':
        return this.font.step(-1);
      case 'next-pane':
      case 'previous-pane':
        this.panesLayout.set(cyclePane(this.layout, shortcut === 'next-pane' ? 1 : -1));
        void this.updateComplete.then(() => this.focusActive());
        return;
      case 'close-menu':
        this.menus.menu = null;
        return;
      case 'leave-fullscreen':
        return this.setFullscreen(false);
    }
  }

  private onNewClick(): void {
    const ready = this.hosts.filter((h) => this.hostState(h) === 'ready');
    if (this.hosts.length > 1) {
      this.menus.menu = this.menus.menu === 'new' ? null : 'new';
      return;
    }
    const host = ready[0] ?? this.hosts[0];
    if (host) this.openPane(host);
  }

  // ----- Rendering -----

  protected override render(): TemplateResult {
    const mode = this.splitMode();
    const shown = this.shownIds();
    return html`
      ${this.renderTabBar(mode, shown)} ${this.fullscreen ? nothing : this.renderHostStrip()}
      <div
        class="panes ${mode} ${mode === 'none' ? '' : 'split'}"
        role="tabpanel"
        aria-label=${this.tw.workspaceLabel}
      >
        ${repeat(
          this.layout.panes,
          (p) => p.id,
          (p) => this.renderSlot(p, shown),
        )}
        ${
          this.layout.panes.length === 0
            ? noTerminals(
                this.tw,
                this.hosts.find((h) => this.hostState(h) === 'ready'),
                (host) => this.openPane(host),
              )
            : nothing
        }
      </div>
      ${this.layout.panes.length ? phoneKeyRow(this.tw, this.ctrlHeld, (key) => this.onPhoneKey(key)) : nothing}
    `;
  }

  /** A key of the phone's row goes to the active pane; Ctrl is held until a key is typed. */
  private onPhoneKey(key: PhoneKey): void {
    const id = this.layout.active;
    if (key === 'ctrl') this.ctrlHeld = !this.ctrlHeld;
    (id ? this.paneElement(id) : null)?.pressKey(key, this.ctrlHeld);
  }

  private renderTabBar(mode: SplitMode, shown: string[]): TemplateResult {
    return html`<workspace-tab-bar
      .strings=${this.tw}
      .tabs=${tabViews(this.layout, shown, this.paneStates, this.titles)}
      .hosts=${this.hosts}
      .hostStates=${this.hostStates}
      .maxTerminals=${this.maxTerminals}
      .split=${this.layout.split}
      .splitShown=${mode !== 'none'}
      .fullscreen=${this.fullscreen}
      .width=${this.widthOf.width}
      .menuOpen=${this.menus.menu === 'new'}
      @tab-select=${(e: CustomEvent<PaneIdDetail>) => this.activate(e.detail.id)}
      @tab-close=${(e: CustomEvent<PaneIdDetail>) => this.closeTab(e.detail.id)}
      @new-pane=${this.onNewClick}
      @new-pane-on=${(e: CustomEvent<HostEventDetail>) => this.openPane(e.detail.host)}
      @split-toggle=${this.toggleSplit}
      @font-step=${(e: CustomEvent<FontStepDetail>) => this.font.step(e.detail.step)}
      @clear-pane=${this.clearActive}
      @fullscreen-toggle=${() => this.setFullscreen(!this.fullscreen)}
    ></workspace-tab-bar>`;
  }

  private renderHostStrip(): TemplateResult {
    return html`<workspace-host-strip
      .strings=${this.tw}
      .hosts=${this.hosts}
      .hostStates=${this.hostStates}
      .maxHosts=${this.maxHosts}
      .removing=${this.menus.removing}
      @add-host-click=${() => requestHost(this, 'add-host')}
      @remove-host-click=${(e: CustomEvent<HostEventDetail>) => (this.menus.menu = { remove: e.detail.host })}
      @remove-host-cancel=${() => (this.menus.menu = null)}
      @remove-host-confirm=${(e: CustomEvent<HostEventDetail>) => this.confirmRemoveHost(e.detail.host)}
      @restart-host-click=${(e: CustomEvent<HostEventDetail>) => requestHost(this, 'restart-host', e.detail.host)}
    ></workspace-host-strip>`;
  }

  private renderSlot(p: PaneSpec, shown: string[]): TemplateResult {
    const visible = shown.includes(p.id);
    const order = shown.indexOf(p.id);
    const st = this.hostState(p.host);
    return html`<div
      class="slot ${p.id === this.layout.active ? 'active' : ''}"
      ?hidden=${!visible}
      style=${visible ? `order: ${order}` : ''}
      data-pane=${p.number}
      @focusin=${() => this.layout.active !== p.id && this.panesLayout.set(activatePane(this.layout, p.id))}
    >
      ${
        st === 'ready'
          ? html`<terminal-pane
              session-id=${this.sessionId}
              .token=${this.token}
              host=${p.host}
              pane-id=${p.id}
              renderer=${this.renderer}
              .fontSize=${this.font.size}
              .visible=${visible}
              .scrollback=${this.historyLines}
              @pane-state=${(e: CustomEvent<PaneStateDetail>) => this.onPaneState(p.id, e)}
              @pane-title=${(e: CustomEvent<PaneTitleDetail>) => this.onPaneTitle(p.id, e)}
              @ctrl-used=${() => (this.ctrlHeld = false)}
            ></terminal-pane>`
          : hostWaiting(this.tw, p.host, this.hostStates[p.host] ?? { state: st }, () =>
              requestHost(this, 'restart-host', p.host),
            )
      }
      <span class="pane-label">${this.tw.tabLabel(p.host, p.number)}</span>
    </div>`;
  }
}
