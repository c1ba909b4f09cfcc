// <terminal-pane>: one xterm.js terminal bound to one shell of a session. Its connection
// life is the state machine of pane-state.ts, run by a PaneDriver; fitting, the clipboard,
// the WebGL renderer and the server's notices are controllers of their own; the events it
// fires are in pane-events.ts. Everything it acquires is released in dispose().

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Terminal } from '@xterm/xterm';
import { newPaneId, type TerminalSize } from '../../../common/protocol';
import { LanguageController } from '../i18n/language-controller';
import { currentLanguage } from '../i18n/language';
import { keyBytes, withCtrl, type PhoneKey } from './key-bytes';
import { browserPrefStorage, loadPaneSize, savePaneSize } from './workspace-storage';
import { sharedStyles } from '../ui/shared-styles';
import { TerminalConnection, type ConnectionHandlers } from './terminal-connection';
import { initialPaneModel, type PaneMessages, type PaneModel, type PaneState } from './pane-state';
import { PaneDriver, type PaneView } from './pane-driver';
import { ClipboardController } from './clipboard-controller';
import { WebglController } from './webgl-controller';
import { FitController } from './fit-controller';
import { InterruptedTyping } from './interrupted-typing';
import { LimitController } from './limit-controller';
import { paneBanner } from './pane-banner';
import { paneStyles, xtermStyles } from './terminal-pane-styles';
import { terminalUrl } from './terminal-url';
import { bufferText, newTerminal } from './xterm-terminal';
import { NoticeController } from './notice-controller';
import { announce, type PaneStateDetail, type PaneTitleDetail, type SessionGoneDetail } from './pane-events';

export type { PaneStateDetail, PaneTitleDetail, SessionGoneDetail } from './pane-events';

declare global {
  interface HTMLElementTagNameMap {
    'terminal-pane': TerminalPane;
  }
}

/** Form feed: asks the shell to redraw its prompt at the top of a cleared screen. */
const CTRL_L = '\x0c';
const CTRL_C = '\x03';

@customElement('terminal-pane')
export class TerminalPane extends LitElement {
  static override styles = [xtermStyles, sharedStyles, paneStyles];

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
  /** Lines of scrollback: as many as the server's replay restores (the session's historyLines). */
  @property({ type: Number, attribute: false }) scrollback = 5000;

  /** The page's language: the pane's words follow the learner's choice. */
  private readonly i18n = new LanguageController(this);
  private readonly clipboard = new ClipboardController(this, () => this.i18n.workspace);
  private readonly webgl = new WebglController(this);
  private readonly sizer = new FitController(this, {
    load: () => loadPaneSize(browserPrefStorage(), this.paneIdInUse),
    save: (size) => savePaneSize(browserPrefStorage(), this.paneIdInUse, size),
  });
  private readonly limit = new LimitController(this);
  /** A notice from the server, shown for a while. */
  private readonly notice = new NoticeController(this);
  private readonly driver = new PaneDriver({
    connection: (handlers) => this.newConnection(handlers),
    view: this.driverView(),
    messages: () => this.closeWords(),
  });
  /** What the page types, in order; a command after a Ctrl-C waits for the program to go. */
  private readonly typing = new InterruptedTyping((text) => this.driver.sendText(text));
  /** The driver's model as last drawn. */
  @state() private model: PaneModel = initialPaneModel;

  @query('.term') private termHost!: HTMLDivElement;

  private term: Terminal | null = null;
  /** The phone's Ctrl key is held for the next key typed. */
  private ctrlHeld = false;
  /** Releases everything set up by setup(); run by dispose(). */
  private cleanups: Array<() => void> = [];
  private focusedOnce = false;
  private shellTitle = '';
  /** Without a `paneId` from the workspace, the pane keeps one of its own across reconnects. */
  private ownPaneId = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-state', this.model.state);
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
      this.connect();
    }
    if (changed.has('fontSize')) this.sizer.applyFontSize();
    if (changed.has('scrollback') && this.term) this.term.options.scrollback = this.scrollback;
    // The WebGL controller has followed `visible` already.
    if (changed.has('visible') && this.visible) this.sizer.fit();
  }

  /** What the pane is doing now. */
  get state(): PaneState {
    return this.model.state;
  }

  /** The title the shell set (OSC 0/2), '' when none. */
  get shellTitleText(): string {
    return this.shellTitle;
  }

  /** Types text into the shell as if the learner had; held until the shell is ready. */
  sendText(text: string): void {
    this.typing.type(text);
  }

  /**
   * A key of the phone's key row: its bytes now, or (Ctrl) a Ctrl held for the next key
   * typed, after which the pane fires `ctrl-used`.
   */
  pressKey(key: PhoneKey, ctrl: boolean): void {
    this.ctrlHeld = ctrl;
    if (key !== 'ctrl') this.sendText(keyBytes(key, this.term?.modes.applicationCursorKeysMode ?? false));
    this.term?.focus();
  }

  /** Interrupts what runs in the shell (Ctrl-C). */
  interrupt(): void {
    this.sendText(CTRL_C);
  }

  /** Interrupts what runs (Ctrl-C), then types `text` once that program has let go of the terminal. */
  interruptThenSend(text: string): void {
    this.typing.interruptThen(text);
  }

  /** Pastes text as xterm does (bracketed when the shell asked for it), whole and in order. */
  paste(text: string): void {
    if (this.state === 'ready') this.term?.paste(text);
  }

  /** Copies the selection to the clipboard; false when there is none or the browser refused. */
  copySelection(): Promise<boolean> {
    return this.clipboard.copySelection();
  }

  /** Pastes what the clipboard holds; shows how to paste instead when reading is not allowed. */
  pasteFromClipboard(): Promise<void> {
    return this.clipboard.pasteFromClipboard();
  }

  /** Clears the scrollback and the screen, and lets the shell redraw its prompt. */
  clear(): void {
    this.term?.clear();
    if (this.state === 'ready') this.driver.connection?.sendText(CTRL_L);
  }

  /** Ends this pane's shell on purpose (the learner closed the tab): no reconnect, no replay. */
  closeShell(): void {
    this.limit.forget();
    this.driver.dispatch({ type: 'close-shell' });
  }

  /** The active buffer's lines joined with "\n", trailing blank lines left out (for tests). */
  terminalText(): string {
    return this.term ? bufferText(this.term) : '';
  }

  /** The renderer in use: 'webgl' or 'dom'. */
  get rendererInUse(): 'webgl' | 'dom' {
    return this.webgl.inUse;
  }

  focusTerminal(): void {
    this.term?.focus();
  }

  /** The id this pane's sockets use: the workspace's, or one of its own kept across reconnects. */
  get paneIdInUse(): string {
    return this.paneId || (this.ownPaneId ||= newPaneId());
  }

  /** The terminal's fitted size. */
  termSize(): TerminalSize {
    return this.sizer.size();
  }

  /** Opens a fresh connection (a new shell), e.g. after the shell exited. */
  reconnect(): void {
    this.connect();
  }

  protected override render() {
    const s = this.i18n.strings;
    return html`
      <div class="term" role="region" aria-label=${s.terminalLabel}></div>
      ${
        this.state === 'connecting'
          ? html`<div class="connecting" role="status"><span class="spinner"></span>${s.paneConnecting}</div>`
          : nothing
      }
      ${paneBanner(this.model, s, () => this.reconnect(), {
        canFree: this.state === 'closed' && this.limit.canFree,
        onFree: () => this.limit.freeOldest(),
      })}
      ${
        this.notice.text && this.state === 'ready'
          ? html`<div class="notice" role="alert">${this.notice.text}</div>`
          : nothing
      }
      ${this.clipboard.hint ? html`<div class="notice info" role="status">${this.clipboard.hint}</div>` : nothing}
    `;
  }

  private setup(): void {
    const term = this.openTerminal();
    this.sizer.attach(term, this.termHost);
    this.webgl.attach(term);
    this.clipboard.attach(term, this.termHost);
    // Released in the reverse order, all before the terminal itself.
    this.cleanups.push(
      () => this.sizer.detach(),
      () => this.webgl.detach(),
      () => this.clipboard.detach(),
    );
    this.bindKeys(term);
    this.bindInput(term);
    this.listenToNetwork();
    this.cleanups.push(() => {
      this.driver.stop();
      this.typing.dispose();
      this.notice.stop();
    });
    this.sizer.fit();
    this.connect();
  }

  private openTerminal(): Terminal {
    const term = newTerminal(this.sizer.fontSize, this.scrollback);
    term.open(this.termHost);
    this.term = term;
    this.cleanups.push(() => {
      this.term = null;
      term.dispose();
    });
    return term;
  }

  private bindKeys(term: Terminal): void {
    term.attachCustomKeyEventHandler((ev) => {
      // After the shell exited, Enter opens a new one (input is otherwise off then).
      if (this.state === 'exited' && ev.type === 'keydown' && ev.key === 'Enter') {
        ev.preventDefault();
        this.reconnect();
        return false;
      }
      return !this.clipboard.handlesKey(ev);
    });
  }

  /** Keystrokes and sizes go to the socket in use, if any. */
  private bindInput(term: Terminal): void {
    const conn = () => this.driver.connection;
    const subs = [
      term.onData((data) => conn()?.sendText(this.ctrlHeld ? this.useCtrl(data) : data)),
      term.onBinary((data) => conn()?.sendBinaryString(data)),
      term.onResize(({ cols, rows }) => conn()?.resize({ cols, rows })),
    ];
    this.cleanups.push(() => subs.forEach((s) => s.dispose()));
  }

  private useCtrl(data: string): string {
    this.ctrlHeld = false;
    this.dispatchEvent(new CustomEvent('ctrl-used', { bubbles: true, composed: true }));
    return withCtrl(data);
  }

  private listenToNetwork(): void {
    const onOffline = () => this.driver.dispatch({ type: 'network', online: false });
    const onOnline = () => this.driver.dispatch({ type: 'network', online: true });
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    this.cleanups.push(() => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    });
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

  /** A fresh socket for the shell, once there is a terminal and a session to show. */
  private connect(): void {
    if (!this.term || !this.sessionId || !this.token) {
      this.driver.stop();
      return;
    }
    this.driver.dispatch({ type: 'connect' });
  }

  /** A connection for this pane's shell: the same pane id every time, so the server reattaches it. */
  private newConnection(handlers: ConnectionHandlers): TerminalConnection {
    return new TerminalConnection({
      url: terminalUrl(window.location, this.sessionId, this.host, currentLanguage()),
      paneId: this.paneIdInUse,
      token: this.token,
      initialSize: () => this.sizer.size(),
      handlers,
    });
  }

  private closeWords(): PaneMessages {
    const s = this.i18n.strings;
    return {
      closeReasons: s.closeReasons,
      connectionFailed: s.connectionFailed,
      paneClosedTitle: s.paneClosedTitle,
      takenOver: this.i18n.workspace.takenOver,
    };
  }

  /** How the driver reaches the screen. */
  private driverView(): PaneView {
    return {
      render: (model, report) => this.show(model, report),
      output: (data, rendered) => {
        this.typing.output();
        this.term?.write(data, rendered);
      },
      replay: () => this.term?.reset(),
      title: (title) => this.setTitle(title),
      notice: (message) => this.notice.show(message),
      shellReady: () => this.focusOnce(),
      sessionGone: (code, message) => announce<SessionGoneDetail>(this, 'session-gone', { code, message }),
    };
  }

  private show(model: PaneModel, report: boolean): void {
    this.model = model;
    this.setAttribute('data-state', model.state);
    if (this.term) this.term.options.disableStdin = model.state !== 'ready';
    if (report) this.limit.shown(model);
    if (!report) return;
    announce<PaneStateDetail>(this, 'pane-state', {
      state: model.state,
      host: model.shellHost || this.host,
      message: model.message,
      ...(model.state === 'closed' && model.closeCode !== undefined ? { code: model.closeCode } : {}),
    });
  }

  /** The first time the shell is ready, the terminal takes the focus unless the learner is elsewhere. */
  private focusOnce(): void {
    if (this.focusedOnce) return;
    this.focusedOnce = true;
    const active = document.activeElement;
    if (!active || active === document.body || active === this || this.contains(active)) this.term?.focus();
  }

  private setTitle(title: string): void {
    if (title === this.shellTitle) return;
    this.shellTitle = title;
    announce<PaneTitleDetail>(this, 'pane-title', { title });
  }
}
