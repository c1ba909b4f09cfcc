// <terminal-workspace>: a session's terminals as tabs (two side by side in split view), on
// any of the session's hosts. Each pane is its own shell with a stable id; the layout is
// kept per session in localStorage so a reload brings the same panes (and screens) back.
// It never calls the API: adding or removing a host is an event the page acts on.

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { HostState } from '../../../common/api';
import { newPaneId } from '../../../common/protocol';
import { sharedStyles } from '../ui/shared-styles';
import { confirmStyles } from '../ui/confirm-styles';
import { statusDotStyles } from '../ui/status-dot-styles';
import { alertIcon, plusIcon } from '../ui/icons';
import './terminal-pane';
import type { PaneState } from './pane-state';
import type { PaneStateDetail, PaneTitleDetail, TerminalPane } from './terminal-pane';
import { terminalFontSize } from './terminal-theme';
import {
  activatePane,
  addPane,
  closePane,
  cyclePane,
  emptyLayout,
  initialLayout,
  paneById,
  paneByNumber,
  parseLayout,
  removeHostPanes,
  serializeLayout,
  setSplit,
  visiblePanes,
  type PaneSpec,
  type WorkspaceLayout,
} from './workspace-layout';
import {
  browserPrefStorage,
  clampFontSize,
  loadFontSize,
  loadLayoutJson,
  saveFontSize,
  saveLayoutJson,
} from './workspace-storage';
import { LanguageController } from '../i18n/language-controller';
import type { WorkspaceStrings } from '../i18n/strings-type';
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

export interface HostEventDetail {
  host: string;
}

export interface RunOptions {
  /** Send Ctrl-C first, to stop what runs in the pane. */
  interrupt?: boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'terminal-workspace': TerminalWorkspace;
  }
  interface HTMLElementEventMap {
    /** The server names the new host (the first free nodeN). */
    'add-host': CustomEvent<null>;
    'remove-host': CustomEvent<HostEventDetail>;
  }
}

/** The server's default per-session terminal limit (PLAYGROUND_MAX_TERMINALS). */
const DEFAULT_MAX_TERMINALS = 8;
/** Below this width split view stacks the two panes; below the next, tabs only. */
const SIDE_BY_SIDE_MIN_PX = 900;
const SPLIT_MIN_PX = 600;

@customElement('terminal-workspace')
export class TerminalWorkspace extends LitElement {
  static override styles = [
    sharedStyles,
    confirmStyles,
    statusDotStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-width: 0;
        min-height: 0;
        background: #0d1117;
        color: var(--text);
        position: relative;
      }
      :host([data-fullscreen]) {
        position: fixed;
        inset: 0;
        z-index: 1000;
      }

      /* Tab bar */
      .bar {
        flex: none;
        display: flex;
        align-items: stretch;
        gap: 6px;
        height: 40px;
        padding: 0 6px 0 0;
        background: #161b22;
        border-bottom: 1px solid var(--border);
      }
      .tabs {
        display: flex;
        align-items: stretch;
        min-width: 0;
        overflow-x: auto;
        scrollbar-width: none;
      }
      .tabs::-webkit-scrollbar {
        display: none;
      }
      .tab {
        flex: none;
        display: flex;
        align-items: center;
        gap: 8px;
        max-width: 240px;
        padding: 0 6px 0 14px;
        border: 0;
        border-right: 1px solid var(--border);
        background: transparent;
        color: var(--text-muted);
        font: inherit;
        font-size: 13px;
        cursor: pointer;
        position: relative;
        white-space: nowrap;
      }
      .tab:hover {
        color: var(--text);
        background: rgba(255, 255, 255, 0.03);
      }
      .tab.shown {
        color: var(--text);
      }
      .tab.active {
        color: var(--text);
        background: #0d1117;
      }
      .tab.active::after {
        content: '';
        position: absolute;
        left: 0;
        right: 0;
        top: 0;
        height: 2px;
        background: var(--accent-text);
      }
      .tab:focus-visible {
        outline: 2px solid var(--focus);
        outline-offset: -2px;
      }
      .tab .name {
        font-weight: 600;
      }
      .tab .title {
        overflow: hidden;
        text-overflow: ellipsis;
        color: var(--text-muted);
        font-size: 12px;
        min-width: 0;
      }
      .tab .x {
        display: inline-grid;
        place-items: center;
        width: 22px;
        height: 22px;
        border-radius: 6px;
        color: var(--text-muted);
        opacity: 0.6;
      }
      .tab .x:hover {
        opacity: 1;
        background: var(--surface-3);
        color: var(--text);
      }
      .icon-btn {
        display: inline-grid;
        place-items: center;
        flex: none;
        width: 32px;
        height: 32px;
        align-self: center;
        border-radius: 7px;
        border: 0;
        background: transparent;
        color: var(--text-muted);
        cursor: pointer;
      }
      .icon-btn:hover:not([disabled]) {
        background: var(--surface-3);
        color: var(--text);
      }
      .icon-btn[aria-pressed='true'] {
        color: var(--accent-text);
        background: rgba(56, 139, 253, 0.14);
      }
      .icon-btn[disabled] {
        opacity: 0.4;
        cursor: default;
      }
      .icon-btn:focus-visible {
        outline: 2px solid var(--focus);
        outline-offset: 1px;
      }
      .new {
        margin-left: 4px;
        width: auto;
        padding: 0 8px;
        gap: 2px;
        grid-auto-flow: column;
      }
      .spacer {
        flex: 1;
      }
      .tools {
        display: flex;
        align-items: center;
        gap: 2px;
      }
      .sep {
        width: 1px;
        height: 18px;
        margin: 0 4px;
        background: var(--border-strong);
      }

      /* Host strip */
      .hosts {
        flex: none;
        display: flex;
        align-items: center;
        gap: 6px;
        min-height: 36px;
        padding: 4px 10px;
        background: #11161d;
        border-bottom: 1px solid var(--border);
        overflow-x: auto;
        scrollbar-width: none;
        font-size: 12px;
      }
      .hosts .label {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        color: var(--text-muted);
        text-transform: uppercase;
        letter-spacing: 0.06em;
        font-size: 11px;
        font-weight: 600;
        margin-right: 4px;
      }
      .chip {
        flex: none;
        display: inline-flex;
        align-items: center;
        gap: 7px;
        height: 26px;
        padding: 0 4px 0 10px;
        border-radius: 999px;
        background: var(--surface-2);
        border: 1px solid var(--border-strong);
        color: var(--text);
        font-weight: 600;
      }
      .chip .state {
        color: var(--text-muted);
        font-weight: 400;
      }
      .chip[data-state='failed'] {
        border-color: rgba(248, 81, 73, 0.55);
      }
      .chip .x {
        width: 20px;
        height: 20px;
        border-radius: 50%;
      }
      .chip .x:only-child,
      .chip.solo {
        padding-right: 10px;
      }
      .add-host {
        flex: none;
        display: inline-flex;
        align-items: center;
        gap: 4px;
        height: 26px;
        padding: 0 10px;
        border-radius: 999px;
        border: 1px dashed var(--border-strong);
        background: transparent;
        color: var(--text-muted);
        font: inherit;
        font-size: 12px;
        font-weight: 600;
        cursor: pointer;
      }
      .add-host:hover:not([disabled]) {
        color: var(--text);
        border-color: var(--text-muted);
      }
      .add-host[disabled] {
        opacity: 0.45;
        cursor: not-allowed;
      }

      /* Panes */
      .panes {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: minmax(0, 1fr);
        gap: 0;
        background: var(--border-strong);
      }
      .panes.side-by-side {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 1px;
      }
      .panes.stacked {
        grid-template-rows: minmax(0, 1fr) minmax(0, 1fr);
        gap: 1px;
      }
      .slot {
        position: relative;
        display: flex;
        min-width: 0;
        min-height: 0;
        background: #0d1117;
      }
      .slot[hidden] {
        display: none;
      }
      .slot terminal-pane {
        flex: 1;
      }
      .split .slot.active::before {
        content: '';
        position: absolute;
        inset: 0;
        border: 1px solid rgba(88, 166, 255, 0.45);
        pointer-events: none;
        z-index: 20;
      }
      .pane-label {
        position: absolute;
        top: 8px;
        right: 14px;
        z-index: 21;
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 3px 8px;
        border-radius: 6px;
        background: rgba(22, 27, 34, 0.85);
        border: 1px solid var(--border);
        color: var(--text-muted);
        font-size: 11px;
        font-weight: 600;
        pointer-events: none;
      }
      .placeholder {
        flex: 1;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 12px;
        padding: 24px;
        color: var(--text-muted);
        font-size: 14px;
        text-align: center;
      }
      .placeholder.bad {
        color: var(--text);
      }
      .placeholder.bad .icon {
        color: var(--danger);
      }
      .placeholder .err {
        max-width: 520px;
        color: var(--text-muted);
        font-size: 13px;
        overflow-wrap: anywhere;
      }

      /* Popovers: the new-terminal host menu and the remove-host confirmation */
      .popover {
        position: absolute;
        z-index: 50;
        min-width: 220px;
        max-width: min(340px, calc(100% - 16px));
        padding: 6px;
        border-radius: 10px;
        background: var(--surface-2);
        border: 1px solid var(--border-strong);
        box-shadow: 0 16px 40px rgba(0, 0, 0, 0.5);
      }
      .menu button {
        display: flex;
        align-items: center;
        gap: 8px;
        width: 100%;
        padding: 8px 10px;
        border: 0;
        border-radius: 6px;
        background: transparent;
        color: var(--text);
        font: inherit;
        font-size: 13px;
        text-align: left;
        cursor: pointer;
      }
      .menu button:hover:not([disabled]) {
        background: var(--surface-3);
      }
      .menu button[disabled] {
        color: var(--text-muted);
        cursor: default;
      }
      .menu .state {
        margin-left: auto;
        color: var(--text-muted);
        font-size: 12px;
      }
      .confirm {
        padding: 14px 16px;
      }

      @media (max-width: 600px) {
        .hide-narrow {
          display: none;
        }
        .tab {
          padding-left: 12px;
        }
        .tab .title {
          display: none;
        }
      }
    `,
  ];

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
  /** Most terminals the session may have open (the server's PLAYGROUND_MAX_TERMINALS). */
  @property({ type: Number, attribute: false }) maxTerminals = DEFAULT_MAX_TERMINALS;
  /** A lesson's panes: pane N of the lesson is on initialPanes[N-1].host. */
  @property({ attribute: false }) initialPanes: { host: string }[] | undefined = undefined;
  /** 'auto' uses WebGL on shown panes; 'dom' never tries it. */
  @property() renderer: 'auto' | 'dom' = 'auto';

  @state() private layout: WorkspaceLayout = emptyLayout;
  @state() private paneStates: Record<string, PaneState> = {};
  @state() private titles: Record<string, string> = {};
  @state() private fontSize = loadFontSize(browserPrefStorage(), 0);
  @state() private fullscreen = false;
  @state() private width = 0;
  @state() private menu: 'new' | { remove: string } | null = null;

  /** The session whose layout is loaded; another session loads its own. */
  private loadedFor = '';
  /** Hosts seen ready: a host that becomes ready later gets a pane of its own. */
  private readyHosts = new Set<string>();
  private resizeObserver: ResizeObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown, true);
    document.addEventListener('pointerdown', this.onPointerDown);
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 0;
      if (width > 0) this.width = width;
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown, true);
    document.removeEventListener('pointerdown', this.onPointerDown);
    document.removeEventListener('keydown', this.onFullscreenKey, true);
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sessionId') || changed.has('hosts') || changed.has('maxTerminals')) this.syncLayout();
    if (changed.has('hosts') || changed.has('hostStates')) this.openPanesOnNewHosts();
  }

  // ----- Public API -----

  /**
   * Types `text` and Enter into pane `paneNumber` (1-based, as the lesson numbers its panes),
   * opening that pane if it is missing, and shows and focuses it. Ctrl-C goes first with
   * `interrupt`. Rejects when the pane cannot be opened (no host, terminal limit).
   */
  async runInPane(paneNumber: number, text: string, opts: RunOptions = {}): Promise<void> {
    const spec = this.ensurePane(paneNumber);
    this.setLayout(activatePane(this.layout, spec.id));
    if (this.fullscreen && this.layout.active !== spec.id) this.setFullscreen(false);
    await this.updateComplete;
    const pane = this.paneElement(spec.id);
    if (!pane) throw new Error(this.tw.hostStarting(spec.host));
    if (opts.interrupt) pane.interrupt();
    // A keyboard's Enter is a carriage return; so is each line break of a multi-line command.
    pane.sendText(text.replace(/\r?\n/g, '\r') + '\r');
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
    const shown = this.shownIds();
    return this.layout.panes.map((p) => ({
      number: p.number,
      host: p.host,
      state: this.paneStates[p.id] ?? 'waiting',
      visible: shown.includes(p.id),
    }));
  }

  /** Gives the keyboard to the active pane. */
  focusActive(): void {
    const id = this.layout.active;
    if (id) this.paneElement(id)?.focusTerminal();
  }

  // ----- Layout -----

  private syncLayout(): void {
    if (!this.sessionId || this.hosts.length === 0) return;
    if (this.loadedFor !== this.sessionId) {
      this.loadedFor = this.sessionId;
      this.readyHosts = new Set(this.hosts.filter((h) => this.hostState(h) === 'ready'));
      const saved = parseLayout(
        loadLayoutJson(browserPrefStorage(), this.sessionId),
        this.hosts,
        this.maxTerminals,
      );
      this.paneStates = {};
      this.titles = {};
      this.setLayout(saved ?? initialLayout(this.initialPanes, this.hosts, newPaneId, this.maxTerminals));
      return;
    }
    // Hosts that went away take their panes with them.
    const gone = new Set(this.layout.panes.map((p) => p.host).filter((h) => !this.hosts.includes(h)));
    if (gone.size > 0) this.setLayout([...gone].reduce((l, h) => removeHostPanes(l, h), this.layout));
  }

  /** Opens a pane on each host that has just become ready and has none yet. */
  private openPanesOnNewHosts(): void {
    if (this.loadedFor !== this.sessionId || !this.sessionId) return;
    for (const host of this.hosts) {
      if (this.hostState(host) !== 'ready' || this.readyHosts.has(host)) continue;
      this.readyHosts.add(host);
      const hasPane = this.layout.panes.some((p) => p.host === host);
      if (!hasPane && this.layout.panes.length < this.maxTerminals) this.openPane(host);
    }
    for (const host of [...this.readyHosts]) if (!this.hosts.includes(host)) this.readyHosts.delete(host);
  }

  private setLayout(next: WorkspaceLayout): void {
    if (next === this.layout) return;
    this.layout = next;
    if (this.loadedFor) saveLayoutJson(browserPrefStorage(), this.loadedFor, serializeLayout(next));
  }

  private openPane(host: string): void {
    this.menu = null;
    if (this.layout.panes.length >= this.maxTerminals) return;
    this.setLayout(addPane(this.layout, { id: newPaneId(), host }, this.maxTerminals));
  }

  /** Pane `n`, opened on the lesson's host for it (else the active pane's host) if missing. */
  private ensurePane(n: number): PaneSpec {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`No terminal T${n}.`);
    const existing = paneByNumber(this.layout, n);
    if (existing) return existing;
    if (this.layout.panes.length >= this.maxTerminals)
      throw new Error(this.tw.terminalLimit(this.maxTerminals));
    const active = this.layout.active ? paneById(this.layout, this.layout.active) : undefined;
    const wanted = [this.initialPanes?.[n - 1]?.host, active?.host, this.hosts[0]];
    const host = wanted.find((h): h is string => !!h && this.hosts.includes(h));
    if (!host) throw new Error(`No host for terminal T${n}.`);
    const id = newPaneId();
    this.setLayout(addPane(this.layout, { id, host, number: n }, this.maxTerminals));
    return paneById(this.layout, id)!;
  }

  private closeTab(id: string): void {
    this.paneElement(id)?.closeShell();
    this.setLayout(closePane(this.layout, id));
    const { [id]: _state, ...states } = this.paneStates;
    this.paneStates = states;
    void this.updateComplete.then(() => this.focusActive());
  }

  private activate(id: string): void {
    this.setLayout(activatePane(this.layout, id));
    void this.updateComplete.then(() => this.focusActive());
  }

  private toggleSplit(): void {
    let layout = this.layout;
    if (!layout.split && layout.panes.length < 2) {
      // Splitting a lone pane opens a second shell on the same host.
      const active = layout.active ? paneById(layout, layout.active) : undefined;
      const host = active?.host ?? this.hosts[0];
      if (host && layout.panes.length < this.maxTerminals) {
        layout = setSplit(layout, true);
        layout = addPane(layout, { id: newPaneId(), host }, this.maxTerminals);
        this.setLayout(layout);
        return;
      }
    }
    this.setLayout(setSplit(layout, !layout.split));
  }

  private changeFont(step: 1 | -1): void {
    const base = this.fontSize > 0 ? this.fontSize : terminalFontSize(window.innerWidth);
    this.fontSize = clampFontSize(base + step);
    saveFontSize(browserPrefStorage(), this.fontSize);
  }

  private clearActive(): void {
    const id = this.layout.active;
    if (id) this.paneElement(id)?.clear();
    this.focusActive();
  }

  private setFullscreen(on: boolean): void {
    this.fullscreen = on;
    this.toggleAttribute('data-fullscreen', on);
    if (on) document.addEventListener('keydown', this.onFullscreenKey, true);
    else document.removeEventListener('keydown', this.onFullscreenKey, true);
    void this.updateComplete.then(() => this.focusActive());
  }

  private requestAddHost(): void {
    this.dispatchEvent(
      new CustomEvent<null>('add-host', {
        detail: null,
        bubbles: true,
        composed: true,
      }),
    );
  }

  private confirmRemoveHost(host: string): void {
    this.menu = null;
    for (const p of this.layout.panes.filter((q) => q.host === host)) this.paneElement(p.id)?.closeShell();
    this.setLayout(removeHostPanes(this.layout, host));
    this.dispatchEvent(
      new CustomEvent<HostEventDetail>('remove-host', { detail: { host }, bubbles: true, composed: true }),
    );
  }

  // ----- Helpers -----

  private hostState(host: string): HostState['state'] {
    return this.hostStates[host]?.state ?? 'ready';
  }

  private paneElement(id: string): TerminalPane | null {
    return this.renderRoot.querySelector<TerminalPane>(`terminal-pane[pane-id="${id}"]`);
  }

  /** How split view fits this width: side by side, stacked, or not at all (tabs only). */
  private splitMode(): 'side-by-side' | 'stacked' | 'none' {
    if (!this.layout.split || this.fullscreen) return 'none';
    const width = this.width || window.innerWidth;
    if (width < SPLIT_MIN_PX) return 'none';
    return width < SIDE_BY_SIDE_MIN_PX ? 'stacked' : 'side-by-side';
  }

  private shownIds(): string[] {
    const shown = visiblePanes(this.layout);
    return this.splitMode() === 'none' ? shown.filter((id) => id === this.layout.active) : shown;
  }

  private onPaneState(id: string, e: CustomEvent<PaneStateDetail>): void {
    this.paneStates = { ...this.paneStates, [id]: e.detail.state };
  }

  private onPaneTitle(id: string, e: CustomEvent<PaneTitleDetail>): void {
    this.titles = { ...this.titles, [id]: e.detail.title };
  }

  private onKeydown = (e: KeyboardEvent): void => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && (e.key === '=' || e.key === '+')) {
      e.preventDefault();
      e.stopPropagation();
      this.changeFont(1);
    } else if (mod && !e.altKey && !e.shiftKey && e.key === '-') {
      e.preventDefault();
      e.stopPropagation();
      this.changeFont(-1);
    } else if (e.altKey && !mod && (e.key === 'PageDown' || e.key === 'PageUp')) {
      e.preventDefault();
      e.stopPropagation();
      this.setLayout(cyclePane(this.layout, e.key === 'PageDown' ? 1 : -1));
      void this.updateComplete.then(() => this.focusActive());
    } else if (e.key === 'Escape' && this.menu) {
      e.stopPropagation();
      this.menu = null;
    }
  };

  /** While full screen, Esc leaves it (and does not reach the shell). */
  private onFullscreenKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.fullscreen) return;
    e.preventDefault();
    e.stopPropagation();
    this.setFullscreen(false);
  };

  private onPointerDown = (e: PointerEvent): void => {
    if (!this.menu) return;
    const inside = e
      .composedPath()
      .some((el) => el instanceof HTMLElement && el.dataset['keepsMenu'] !== undefined);
    if (!inside) this.menu = null;
  };

  private tone(id: string): 'ok' | 'busy' | 'bad' | 'off' {
    switch (this.paneStates[id]) {
      case 'ready':
        return 'ok';
      case 'connecting':
      case 'reconnecting':
      case undefined:
        return 'busy';
      case 'closed':
        return 'bad';
      default:
        return 'off';
    }
  }

  // ----- Rendering -----

  protected override render(): TemplateResult {
    const mode = this.splitMode();
    const shown = this.shownIds();
    return html`
      ${this.renderBar(mode)} ${this.fullscreen ? nothing : this.renderHosts()}
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
        ${this.layout.panes.length === 0 ? this.renderEmpty() : nothing}
      </div>
    `;
  }

  private renderBar(mode: 'side-by-side' | 'stacked' | 'none'): TemplateResult {
    const shown = this.shownIds();
    const full = this.layout.panes.length >= this.maxTerminals;
    const canSplit = this.width === 0 || this.width >= SPLIT_MIN_PX;
    return html`<div class="bar">
      <div class="tabs" role="tablist" aria-label=${this.tw.workspaceLabel}>
        ${repeat(
          this.layout.panes,
          (p) => p.id,
          (p) => {
            const label = this.tw.tabLabel(p.host, p.number);
            const active = p.id === this.layout.active;
            const title = this.titles[p.id];
            return html`<div
              class="tab ${active ? 'active' : ''} ${shown.includes(p.id) ? 'shown' : ''}"
              role="tab"
              tabindex=${active ? 0 : -1}
              aria-selected=${active ? 'true' : 'false'}
              data-pane=${p.number}
              data-host=${p.host}
              data-state=${this.paneStates[p.id] ?? 'waiting'}
              title=${title ? `${label} — ${title}` : label}
              @click=${() => this.activate(p.id)}
              @auxclick=${(e: MouseEvent) => e.button === 1 && this.closeTab(p.id)}
            >
              <span class="dot" data-tone=${this.tone(p.id)}></span>
              <span class="name">${label}</span>
              ${title ? html`<span class="title">${title}</span>` : nothing}
              <span
                class="x"
                role="button"
                data-action="close-pane"
                aria-label=${this.tw.closeTerminal(label)}
                title=${this.tw.closeTerminal(label)}
                @click=${(e: Event) => {
                  e.stopPropagation();
                  this.closeTab(p.id);
                }}
                >${closeIcon}</span
              >
            </div>`;
          },
        )}
      </div>
      <button
        class="icon-btn new"
        data-action="new-pane"
        data-keeps-menu
        aria-label=${this.tw.newTerminal}
        title=${full ? this.tw.terminalLimit(this.maxTerminals) : this.tw.newTerminal}
        ?disabled=${full}
        @click=${this.onNewClick}
      >
        ${plusIcon}${this.hosts.length > 1 ? chevronIcon : nothing}
      </button>
      ${this.menu === 'new' ? this.renderNewMenu() : nothing}
      <span class="spacer"></span>
      <div class="tools">
        ${
          canSplit && !this.fullscreen
            ? html`<button
                class="icon-btn"
                data-action="split"
                aria-pressed=${mode !== 'none' ? 'true' : 'false'}
                aria-label=${this.layout.split ? this.tw.singleView : this.tw.splitView}
                title=${this.layout.split ? this.tw.singleView : this.tw.splitView}
                ?disabled=${!this.layout.split && full}
                @click=${this.toggleSplit}
              >
                ${this.layout.split ? singleIcon : splitIcon}
              </button>`
            : nothing
        }
        <button
          class="icon-btn"
          data-action="font-smaller"
          aria-label=${this.tw.fontSmaller}
          title=${this.tw.fontSmaller}
          @click=${() => this.changeFont(-1)}
        >
          ${fontSmallerIcon}
        </button>
        <button
          class="icon-btn"
          data-action="font-larger"
          aria-label=${this.tw.fontLarger}
          title=${this.tw.fontLarger}
          @click=${() => this.changeFont(1)}
        >
          ${fontLargerIcon}
        </button>
        <span class="sep hide-narrow"></span>
        <button
          class="icon-btn hide-narrow"
          data-action="clear"
          aria-label=${this.tw.clearTerminal}
          title=${this.tw.clearTerminal}
          @click=${this.clearActive}
        >
          ${clearIcon}
        </button>
        <button
          class="icon-btn"
          data-action="fullscreen"
          aria-pressed=${this.fullscreen ? 'true' : 'false'}
          aria-label=${this.fullscreen ? this.tw.exitFullScreen : this.tw.fullScreen}
          title=${this.fullscreen ? this.tw.exitFullScreen : this.tw.fullScreen}
          @click=${() => this.setFullscreen(!this.fullscreen)}
        >
          ${this.fullscreen ? collapseIcon : expandIcon}
        </button>
      </div>
    </div>`;
  }

  private onNewClick(): void {
    const ready = this.hosts.filter((h) => this.hostState(h) === 'ready');
    if (this.hosts.length > 1) {
      this.menu = this.menu === 'new' ? null : 'new';
      return;
    }
    const host = ready[0] ?? this.hosts[0];
    if (host) this.openPane(host);
  }

  private renderNewMenu(): TemplateResult {
    const left = Math.min(this.layout.panes.length * 130, Math.max(0, (this.width || 400) - 240));
    return html`<div class="popover menu" role="menu" data-keeps-menu style="top: 42px; left: ${left}px">
      ${this.hosts.map((host) => {
        const st = this.hostState(host);
        return html`<button
          role="menuitem"
          data-action="new-pane-on"
          data-host=${host}
          ?disabled=${st !== 'ready'}
          @click=${() => this.openPane(host)}
        >
          ${hostIcon} ${this.tw.newTerminalOn(host)}
          ${st === 'ready' ? nothing : html`<span class="state">${this.tw.hostStateNames[st]}</span>`}
        </button>`;
      })}
    </div>`;
  }

  private renderHosts(): TemplateResult {
    const atLimit = this.hosts.length >= this.maxHosts;
    const removing = typeof this.menu === 'object' && this.menu ? this.menu.remove : null;
    return html`<div class="hosts" role="group" aria-label=${this.tw.hostsLabel}>
        <span class="label">${hostIcon}${this.tw.hostsLabel}</span>
        ${this.hosts.map((host) => {
          const st = this.hostState(host);
          const tone = st === 'ready' ? 'ok' : st === 'starting' ? 'busy' : 'bad';
          const only = this.hosts.length <= 1;
          return html`<span
            class="chip ${only ? 'solo' : ''}"
            data-host=${host}
            data-state=${st}
            title=${this.hostStates[host]?.error ?? this.tw.hostStateNames[st]}
          >
            <span class="dot" data-tone=${tone}></span>${host}
            ${st === 'ready' ? nothing : html`<span class="state">${this.tw.hostStateNames[st]}</span>`}
            ${
              only
                ? nothing
                : html`<button
                    class="icon-btn x"
                    data-action="remove-host"
                    data-keeps-menu
                    aria-label=${this.tw.removeHost(host)}
                    title=${this.tw.removeHost(host)}
                    @click=${() => (this.menu = { remove: host })}
                  >
                    ${closeIcon}
                  </button>`
            }
          </span>`;
        })}
        <button
          class="add-host"
          data-action="add-host"
          title=${atLimit ? this.tw.hostLimit(this.maxHosts) : this.tw.addHost}
          aria-label=${atLimit ? `${this.tw.addHost}. ${this.tw.hostLimit(this.maxHosts)}` : this.tw.addHost}
          ?disabled=${atLimit}
          @click=${this.requestAddHost}
        >
          ${plusIcon}${this.tw.addHost}
        </button>
      </div>
      ${removing ? this.renderRemoveConfirm(removing) : nothing}`;
  }

  private renderRemoveConfirm(host: string): TemplateResult {
    return html`<div
      class="popover confirm"
      role="dialog"
      aria-labelledby="remove-title"
      data-keeps-menu
      style="top: 80px; left: 10px"
    >
      <h2 id="remove-title">${this.tw.removeHostTitle(host)}</h2>
      <p>${this.tw.removeHostText}</p>
      <div class="row">
        <button class="btn ghost" @click=${() => (this.menu = null)}>${this.tw.cancel}</button>
        <button
          class="btn danger"
          data-action="confirm-remove-host"
          @click=${() => this.confirmRemoveHost(host)}
        >
          ${this.tw.removeHostButton}
        </button>
      </div>
    </div>`;
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
      @focusin=${() => this.layout.active !== p.id && this.setLayout(activatePane(this.layout, p.id))}
    >
      ${
        st === 'ready'
          ? html`<terminal-pane
              session-id=${this.sessionId}
              .token=${this.token}
              host=${p.host}
              pane-id=${p.id}
              renderer=${this.renderer}
              .fontSize=${this.fontSize}
              .visible=${visible}
              @pane-state=${(e: CustomEvent<PaneStateDetail>) => this.onPaneState(p.id, e)}
              @pane-title=${(e: CustomEvent<PaneTitleDetail>) => this.onPaneTitle(p.id, e)}
            ></terminal-pane>`
          : this.renderHostWaiting(p.host, st)
      }
      <span class="pane-label">${this.tw.tabLabel(p.host, p.number)}</span>
    </div>`;
  }

  private renderHostWaiting(host: string, st: HostState['state']): TemplateResult {
    if (st === 'failed') {
      return html`<div class="placeholder bad" role="alert">
        <span class="icon">${alertIcon}</span>
        <strong>${this.tw.hostFailed(host)}</strong>
        ${this.hostStates[host]?.error ? html`<span class="err">${this.hostStates[host]?.error}</span>` : nothing}
      </div>`;
    }
    return html`<div class="placeholder" role="status">
      <span class="spinner"></span>${this.tw.hostStarting(host)}
    </div>`;
  }

  private renderEmpty(): TemplateResult {
    const host = this.hosts.find((h) => this.hostState(h) === 'ready');
    return html`<div class="placeholder">
      <span>${this.tw.noTerminals}</span>
      ${
        host
          ? html`<button class="btn primary" data-action="open-pane" @click=${() => this.openPane(host)}>
              ${plusIcon}${this.tw.openTerminal}
            </button>`
          : nothing
      }
    </div>`;
  }
}
