// <terminal-pane>: one xterm.js terminal bound to one terminal WebSocket of a session.
// Everything it acquires is released in dispose().

import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebglAddon } from '@xterm/addon-webgl';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import { CloseCode, newPaneId, type TerminalSize } from '../../../common/protocol';
import { LanguageController } from '../i18n/language-controller';
import { sharedStyles } from '../ui/shared-styles';
import { alertIcon, refreshIcon } from '../ui/icons';
import { TerminalConnection, type CloseInfo, type ConnectionHandlers } from './terminal-connection';
import { clipboardShortcut, isMacPlatform, readClipboard, writeClipboard } from './terminal-clipboard';
import { closeDisposition, closeMessage, MAX_RECONNECT_ATTEMPTS, reconnectDelay } from './close-policy';
import { terminalUrl } from './terminal-url';
import { terminalFontFamily, terminalFontSize, terminalTheme } from './terminal-theme';

/** What the pane is doing; mirrored in its data-state attribute. */
export type PaneState = 'connecting' | 'ready' | 'reconnecting' | 'offline' | 'exited' | 'closed';

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
  interface HTMLElementTagNameMap {
    'terminal-pane': TerminalPane;
  }
  interface HTMLElementEventMap {
    'pane-state': CustomEvent<PaneStateDetail>;
    'pane-title': CustomEvent<PaneTitleDetail>;
    'session-gone': CustomEvent<SessionGoneDetail>;
  }
}

/** Below these, a pane is taken as collapsed or hidden rather than really that small. */
const MIN_FIT_COLS = 10;
const MIN_FIT_ROWS = 3;
const RESIZE_DEBOUNCE_MS = 60;
const COPY_ON_SELECT_MS = 150;
/** Form feed: asks the shell to redraw its prompt at the top of a cleared screen. */
const CTRL_L = '\x0c';
const CTRL_C = '\x03';
const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };

@customElement('terminal-pane')
export class TerminalPane extends LitElement {
  static override styles = [
    unsafeCSS(xtermCss),
    sharedStyles,
    css`
      :host {
        display: block;
        position: relative;
        min-width: 0;
        min-height: 0;
        background: #0d1117;
        overflow: hidden;
        /* Keeps xterm's layered z-indexes inside the pane. */
        isolation: isolate;
      }
      .term {
        position: absolute;
        inset: 0;
        padding: 10px 4px 6px 12px;
        transition: opacity 160ms ease;
      }
      :host([data-state='reconnecting']) .term,
      :host([data-state='offline']) .term,
      :host([data-state='closed']) .term {
        opacity: 0.45;
      }
      :host([data-state='connecting']) .term {
        opacity: 0.7;
      }
      .xterm {
        height: 100%;
      }
      .xterm .xterm-viewport {
        background-color: transparent;
      }

      .connecting,
      .banner,
      .notice {
        /* Above xterm's own layers. */
        z-index: 10;
      }
      .connecting {
        position: absolute;
        inset: 0;
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 10px;
        color: var(--text-muted);
        font-size: 14px;
        pointer-events: none;
      }

      .banner {
        position: absolute;
        left: 12px;
        right: 12px;
        bottom: 12px;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 10px 14px;
        padding: 10px 12px 10px 14px;
        border-radius: 10px;
        background: rgba(22, 27, 34, 0.96);
        border: 1px solid var(--border-strong);
        box-shadow: 0 8px 24px rgba(0, 0, 0, 0.45);
        color: var(--text);
        font-size: 14px;
        line-height: 1.4;
      }
      .banner .msg {
        flex: 1 1 220px;
        display: flex;
        align-items: center;
        gap: 10px;
        min-width: 0;
      }
      .banner .msg span {
        overflow-wrap: anywhere;
      }
      .banner .hint {
        color: var(--text-muted);
      }
      .banner.warn {
        border-color: rgba(210, 153, 34, 0.55);
      }
      .banner.warn .icon {
        color: var(--warning);
      }
      .banner.bad {
        border-color: rgba(248, 81, 73, 0.55);
      }
      .banner.bad .icon {
        color: var(--danger);
      }
      .banner .icon {
        display: inline-flex;
        color: var(--text-muted);
        flex: none;
      }
      .notice {
        position: absolute;
        /* Below the workspace's host label in the top right corner. */
        top: 38px;
        right: 14px;
        max-width: min(480px, calc(100% - 28px));
        padding: 8px 12px;
        border-radius: 8px;
        background: rgba(248, 81, 73, 0.14);
        border: 1px solid rgba(248, 81, 73, 0.5);
        color: var(--text);
        font-size: 13px;
      }
      .notice.info {
        background: rgba(56, 139, 253, 0.16);
        border-color: rgba(56, 139, 253, 0.5);
      }
    `,
  ];

  /** The session whose terminal this pane shows. */
  @property({ attribute: 'session-id' }) sessionId = '';
  /** The session's key (never reflected to an attribute). */
  @property({ attribute: false }) token = '';
  /** Which sandbox host of the session to open a shell on. */
  @property() host = 'node1';
  /** 'auto' tries WebGL and falls back to the DOM renderer; 'dom' never tries WebGL. */
  @property() renderer: 'auto' | 'dom' = 'auto';
  /** The pane's stable id: the server keeps its shell under it and replays it on reconnect. */
  @property({ attribute: 'pane-id' }) paneId = '';
  /** Font size in px; 0 follows the viewport (a little smaller on phones). */
  @property({ type: Number, attribute: false }) fontSize = 0;
  /** Only shown panes hold a WebGL context (browsers keep about 16 in all). */
  @property({ type: Boolean, attribute: false }) visible = true;

  /** The page's language: the pane's words follow the learner's choice. */
  private readonly i18n = new LanguageController(this);
  @state() private paneState: PaneState = 'connecting';
  @state() private message = '';
  @state() private attempt = 0;
  @state() private exitCode: number | null = null;
  @state() private serverNotice = '';
  @state() private hint = '';

  @query('.term') private termHost!: HTMLDivElement;

  private term: Terminal | null = null;
  private fitAddon: FitAddon | null = null;
  private webgl: WebglAddon | null = null;
  private conn: TerminalConnection | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Releases everything set up by setup(); run by dispose(). */
  private cleanups: Array<() => void> = [];
  private lastServerError = '';
  /** The host the server says the shell runs on (normally equal to `host`). */
  private shellHost = '';
  private focusedOnce = false;
  /** The code of the close that put the pane in 'closed'. */
  private closeCode: number | undefined;
  /** Text sent before the shell was ready, typed in once it is. */
  private pendingInput: string[] = [];
  /** The WebGL context was lost once: this pane stays on the DOM renderer. */
  private webglLost = false;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private shellTitle = '';
  /** Without a `paneId` from the workspace, the pane keeps one of its own across reconnects. */
  private ownPaneId = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-state', this.paneState);
    // Moved in the DOM after a first render: set everything up again.
    if (this.hasUpdated && !this.term) this.setup();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dispose();
  }

  protected override firstUpdated(): void {
    this.setup();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const credentialsChanged = (['sessionId', 'token', 'host', 'paneId'] as const).some(
      (key) => changed.has(key) && changed.get(key) !== undefined,
    );
    if (credentialsChanged && this.term) {
      this.term.reset();
      this.attempt = 0;
      this.connect();
    }
    if (changed.has('fontSize') && this.term) this.applyFontSize();
    if (changed.has('visible') && this.term) {
      if (this.visible) {
        this.loadWebgl();
        this.fit();
      } else {
        this.releaseWebgl();
      }
    }
  }

  /** What the pane is doing now. */
  get state(): PaneState {
    return this.paneState;
  }

  /** The title the shell set (OSC 0/2), '' when none. */
  get shellTitleText(): string {
    return this.shellTitle;
  }

  /** Types text into the shell as if the learner had; held until the shell is ready. */
  sendText(text: string): void {
    if (this.paneState === 'ready' && this.conn) this.conn.sendText(text);
    else this.pendingInput.push(text);
  }

  /** Interrupts what runs in the shell (Ctrl-C). */
  interrupt(): void {
    this.sendText(CTRL_C);
  }

  /** Pastes text as xterm does (bracketed when the shell asked for it), whole and in order. */
  paste(text: string): void {
    if (this.paneState === 'ready') this.term?.paste(text);
  }

  /** Copies the selection to the clipboard; false when there is none or the browser refused. */
  async copySelection(): Promise<boolean> {
    const text = this.term?.getSelection() ?? '';
    if (!text) return false;
    const ok = await writeClipboard(text);
    if (!ok) this.showHint(this.i18n.workspace.copyBlocked);
    return ok;
  }

  /** Pastes what the clipboard holds; shows how to paste instead when reading is not allowed. */
  async pasteFromClipboard(): Promise<void> {
    const text = await readClipboard();
    if (text === null) this.showHint(this.i18n.workspace.pasteBlocked);
    else if (text) this.paste(text);
  }

  /** Clears the scrollback and the screen, and lets the shell redraw its prompt. */
  clear(): void {
    this.term?.clear();
    if (this.paneState === 'ready') this.conn?.sendText(CTRL_L);
  }

  /** Ends this pane's shell on purpose (the learner closed the tab): no reconnect, no replay. */
  closeShell(): void {
    clearTimeout(this.reconnectTimer);
    const conn = this.conn;
    this.conn = null;
    if (conn) {
      conn.closePane();
    } else if (this.paneState === 'reconnecting' || this.paneState === 'offline') {
      // Between sockets the server still keeps the shell: a short-lived one ends it.
      const courier = this.newConnection({ output: () => undefined });
      courier.connect();
      courier.closePane();
    }
    this.setPaneState('closed');
  }

  /** The active buffer's lines joined with "\n", trailing blank lines left out (for tests). */
  terminalText(): string {
    const term = this.term;
    if (!term) return '';
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  /** The renderer in use: 'webgl' or 'dom'. */
  get rendererInUse(): 'webgl' | 'dom' {
    return this.webgl ? 'webgl' : 'dom';
  }

  focusTerminal(): void {
    this.term?.focus();
  }

  /** Opens a fresh connection (a new shell), e.g. after the shell exited. */
  reconnect(): void {
    this.attempt = 0;
    this.connect();
  }

  protected override render() {
    const s = this.i18n.strings;
    return html`
      <div class="term" role="region" aria-label=${s.terminalLabel}></div>
      ${
        this.paneState === 'connecting'
          ? html`<div class="connecting" role="status"><span class="spinner"></span>${s.paneConnecting}</div>`
          : nothing
      }
      ${this.renderBanner()}
      ${
        this.serverNotice && this.paneState === 'ready'
          ? html`<div class="notice" role="alert">${this.serverNotice}</div>`
          : nothing
      }
      ${this.hint ? html`<div class="notice info" role="status">${this.hint}</div>` : nothing}
    `;
  }

  private renderBanner() {
    const s = this.i18n.strings;
    switch (this.paneState) {
      case 'reconnecting':
        return html`<div class="banner warn" role="status">
          <div class="msg">
            <span class="spinner icon"></span><span>${s.paneReconnecting(this.attempt)}</span>
          </div>
        </div>`;
      case 'offline':
        return html`<div class="banner warn" role="status">
          <div class="msg"><span class="icon">${alertIcon}</span><span>${s.paneOffline}</span></div>
        </div>`;
      case 'exited':
        return html`<div class="banner" role="status">
          <div class="msg">
            <span>${s.shellExited(this.exitCode)} <span class="hint">${s.pressEnterForShell}</span></span>
          </div>
          <button class="btn primary" data-action="new-shell" @click=${this.reconnect}>
            ${refreshIcon}${s.openNewShell}
          </button>
        </div>`;
      case 'closed':
        return html`<div class="banner bad" role="alert">
          <div class="msg">
            <span class="icon">${alertIcon}</span><span>${this.message || s.paneClosedTitle}</span>
          </div>
          <button class="btn" data-action="reconnect" @click=${this.reconnect}>
            ${refreshIcon}${s.reconnectButton}
          </button>
        </div>`;
      default:
        return nothing;
    }
  }

  private setup(): void {
    const host = this.termHost;
    const term = new Terminal({
      fontFamily: terminalFontFamily,
      fontSize: this.effectiveFontSize(),
      lineHeight: 1.15,
      theme: terminalTheme,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
      disableStdin: true,
      macOptionIsMeta: true,
      // Right-click pastes (see onContextMenu); selecting copies.
      rightClickSelectsWord: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    this.term = term;
    this.fitAddon = fit;
    this.cleanups.push(() => {
      this.term = null;
      this.fitAddon = null;
      term.dispose();
    });

    this.loadWebgl();

    const isMac = isMacPlatform();
    term.attachCustomKeyEventHandler((ev) => {
      // After the shell exited, Enter opens a new one (input is otherwise off then).
      if (this.paneState === 'exited' && ev.type === 'keydown' && ev.key === 'Enter') {
        ev.preventDefault();
        this.reconnect();
        return false;
      }
      const action = clipboardShortcut(ev, isMac, term.hasSelection());
      if (action === 'copy') {
        ev.preventDefault();
        void this.copySelection();
        return false;
      }
      // Paste keys go on to the browser's own paste event, which xterm handles; only the
      // key itself must not reach the shell.
      if (action === 'paste') return false;
      return true;
    });

    let copyTimer: ReturnType<typeof setTimeout> | undefined;
    const selectionSub = term.onSelectionChange(() => {
      clearTimeout(copyTimer);
      copyTimer = setTimeout(() => {
        const text = term.getSelection();
        if (text) void writeClipboard(text);
      }, COPY_ON_SELECT_MS);
    });
    const onContextMenu = (ev: MouseEvent) => {
      ev.preventDefault();
      void this.pasteFromClipboard();
    };
    host.addEventListener('contextmenu', onContextMenu);
    this.cleanups.push(() => {
      clearTimeout(copyTimer);
      selectionSub.dispose();
      host.removeEventListener('contextmenu', onContextMenu);
    });

    const subs = [
      term.onData((data) => this.conn?.sendText(data)),
      term.onBinary((data) => this.conn?.sendBinaryString(data)),
      term.onResize(({ cols, rows }) => this.conn?.resize({ cols, rows })),
    ];
    this.cleanups.push(() => subs.forEach((s) => s.dispose()));

    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => this.fit(), RESIZE_DEBOUNCE_MS);
    });
    observer.observe(host);
    this.cleanups.push(() => {
      clearTimeout(resizeTimer);
      observer.disconnect();
    });

    const onOffline = () => {
      if (this.paneState === 'ready') this.setPaneState('offline');
    };
    const onOnline = () => {
      if (this.paneState !== 'offline') return;
      if (this.conn?.isOpen) this.setPaneState('ready');
      else this.reconnect();
    };
    const onViewport = () => this.applyFontSize();
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    window.addEventListener('resize', onViewport);
    this.cleanups.push(() => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('resize', onViewport);
    });

    this.cleanups.push(() => {
      clearTimeout(this.reconnectTimer);
      clearTimeout(this.noticeTimer);
      clearTimeout(this.hintTimer);
      this.conn?.close();
      this.conn = null;
    });
    this.cleanups.push(() => this.releaseWebgl());

    this.fit();
    this.connect();
  }

  /** The one place that releases what the pane holds: socket, timers, observers, addons, terminal. */
  dispose(): void {
    const cleanups = this.cleanups.reverse();
    this.cleanups = [];
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch (err) {
        console.warn('terminal cleanup failed', err);
      }
    }
  }

  /** Gives a shown pane the WebGL renderer, unless it is off, failed, or already there. */
  private loadWebgl(): void {
    const term = this.term;
    if (!term || this.webgl || !this.visible || this.webglLost || this.renderer === 'dom') return;
    let addon: WebglAddon;
    try {
      addon = new WebglAddon();
      term.loadAddon(addon);
    } catch (err) {
      console.info('WebGL renderer unavailable, using the DOM renderer', err);
      this.webglLost = true;
      return;
    }
    this.webgl = addon;
    // A lost context (too many WebGL pages, GPU reset) falls back to the DOM renderer.
    const lossSub = addon.onContextLoss(() => {
      console.info('WebGL context lost, using the DOM renderer');
      this.webglLost = true;
      this.dropWebgl();
    });
    this.webglLossSub = lossSub;
  }

  private webglLossSub: { dispose(): void } | null = null;

  private dropWebgl(): void {
    const addon = this.webgl;
    this.webgl = null;
    this.webglLossSub?.dispose();
    this.webglLossSub = null;
    addon?.dispose();
  }

  /** Hands the WebGL context back (a hidden tab, or the pane going away) and draws with the DOM. */
  private releaseWebgl(): void {
    if (!this.webgl) return;
    // Disposing the addon does not free its context; give it back to the browser first.
    for (const canvas of Array.from(this.termHost?.querySelectorAll('canvas') ?? [])) {
      const gl = canvas.getContext('webgl2');
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    }
    this.dropWebgl();
  }

  private effectiveFontSize(): number {
    return this.fontSize > 0 ? this.fontSize : terminalFontSize(window.innerWidth);
  }

  private applyFontSize(): void {
    const term = this.term;
    const size = this.effectiveFontSize();
    if (!term || term.options.fontSize === size) return;
    term.options.fontSize = size;
    this.fit();
  }

  private showHint(text: string): void {
    this.hint = text;
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => (this.hint = ''), 4000);
  }

  /** Fits the terminal to the pane (unless it is collapsed); xterm's onResize tells the server. */
  private fit(): void {
    const term = this.term;
    const fit = this.fitAddon;
    if (!term || !fit) return;
    const dims = fit.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
    // A pane collapsed or hidden by its layout (a phone's other tab) keeps its last size:
    // fitting it to a sliver would rewrap the shell's screen into a few columns.
    if (dims.cols < MIN_FIT_COLS || dims.rows < MIN_FIT_ROWS) return;
    if (dims.cols !== term.cols || dims.rows !== term.rows) fit.fit();
  }

  private currentSize(): TerminalSize {
    this.fit();
    const term = this.term;
    if (!term || !this.fitAddon?.proposeDimensions()) return DEFAULT_SIZE;
    return { cols: term.cols, rows: term.rows };
  }

  private connect(): void {
    clearTimeout(this.reconnectTimer);
    this.conn?.close();
    this.conn = null;
    const term = this.term;
    if (!term || !this.sessionId || !this.token) return;

    this.exitCode = null;
    this.lastServerError = '';
    this.shellHost = '';
    this.setPaneState(this.attempt > 0 ? 'reconnecting' : 'connecting');

    const conn: TerminalConnection = this.newConnection({
      output: (data) => {
        if (this.conn !== conn) return;
        if (this.paneState === 'connecting' || this.paneState === 'reconnecting') this.markReady();
        term.write(data, () => conn.rendered(data.length));
      },
      status: (status) => {
        if (this.conn !== conn) return;
        if (status.host) this.shellHost = status.host;
        if (status.state === 'ready') this.markReady();
      },
      // A live shell's screen is replayed next: draw it on a clean terminal.
      replay: () => {
        if (this.conn === conn) term.reset();
      },
      title: (title) => {
        if (this.conn !== conn) return;
        this.setTitle(title);
      },
      exit: (code) => {
        if (this.conn !== conn) return;
        this.exitCode = code;
        this.setPaneState('exited');
      },
      error: (message) => {
        if (this.conn !== conn) return;
        this.lastServerError = message;
        this.showNotice(message);
      },
      close: (info) => {
        if (this.conn !== conn) return;
        this.conn = null;
        this.onClose(info);
      },
    });
    this.conn = conn;
    conn.connect();
  }

  /** A connection for this pane's shell: the same pane id every time, so the server reattaches it. */
  private newConnection(handlers: ConnectionHandlers): TerminalConnection {
    return new TerminalConnection({
      url: terminalUrl(window.location, this.sessionId, this.host),
      paneId: this.paneId || (this.ownPaneId ||= newPaneId()),
      token: this.token,
      initialSize: () => this.currentSize(),
      handlers,
    });
  }

  private markReady(): void {
    if (this.paneState === 'ready') return;
    this.attempt = 0;
    this.setPaneState(navigator.onLine === false ? 'offline' : 'ready');
    if ((this.paneState as PaneState) === 'ready' && this.conn) {
      for (const text of this.pendingInput.splice(0)) this.conn.sendText(text);
    }
    if (!this.focusedOnce) {
      this.focusedOnce = true;
      const active = document.activeElement;
      if (!active || active === document.body || active === this || this.contains(active)) this.term?.focus();
    }
  }

  private onClose(info: CloseInfo): void {
    if (this.paneState === 'exited') return;
    this.closeCode = info.code;
    if (info.code === CloseCode.TakenOver) {
      this.message = info.reason || this.i18n.workspace.takenOver;
      this.setPaneState('closed');
      return;
    }
    const text = closeMessage(
      info.code,
      info.reason || this.lastServerError,
      this.i18n.strings.closeReasons,
      this.i18n.strings.connectionFailed,
    );
    switch (closeDisposition(info.code)) {
      case 'done':
        this.message = info.reason || this.lastServerError || this.i18n.strings.paneClosedTitle;
        this.setPaneState('closed');
        return;
      case 'session-gone':
        this.message = text;
        this.setPaneState('closed');
        this.dispatchEvent(
          new CustomEvent<SessionGoneDetail>('session-gone', {
            detail: { code: info.code, message: text },
            bubbles: true,
            composed: true,
          }),
        );
        return;
      case 'fatal':
        this.message = text;
        this.setPaneState('closed');
        return;
      case 'retry':
        if (navigator.onLine === false) {
          this.setPaneState('offline');
          return;
        }
        if (this.attempt >= MAX_RECONNECT_ATTEMPTS) {
          this.message = info.reason || this.lastServerError || this.i18n.strings.connectionFailed;
          this.setPaneState('closed');
          return;
        }
        this.attempt += 1;
        this.setPaneState('reconnecting');
        this.reconnectTimer = setTimeout(() => this.connect(), reconnectDelay(this.attempt));
        return;
    }
  }

  private showNotice(message: string): void {
    this.serverNotice = message;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.serverNotice = ''), 8000);
  }

  private setTitle(title: string): void {
    if (title === this.shellTitle) return;
    this.shellTitle = title;
    this.dispatchEvent(
      new CustomEvent<PaneTitleDetail>('pane-title', { detail: { title }, bubbles: true, composed: true }),
    );
  }

  private setPaneState(next: PaneState): void {
    if (next !== 'closed') this.closeCode = undefined;
    const changed = next !== this.paneState;
    this.paneState = next;
    this.setAttribute('data-state', next);
    if (this.term) this.term.options.disableStdin = next !== 'ready';
    if (next !== 'closed') this.message = next === 'ready' ? '' : this.message;
    if (changed || next === 'reconnecting') {
      this.dispatchEvent(
        new CustomEvent<PaneStateDetail>('pane-state', {
          detail: {
            state: next,
            host: this.shellHost || this.host,
            message: this.message,
            ...(next === 'closed' && this.closeCode !== undefined ? { code: this.closeCode } : {}),
          },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }
}
