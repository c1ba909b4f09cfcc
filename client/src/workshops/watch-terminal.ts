// <watch-terminal>: a read-only view of someone else's terminal in a workshop. For the trainer
// (mode "watch") it shows a learner's pane, with "Ask to type" and "Give back"; for a learner
// (mode "demo") one of the trainer's panes. The server sends the screen first, then live
// output, and the terminal's own size, which this view draws as it is, scaled down to fit its
// box. Keystrokes go out only while the server says this viewer may type.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { Terminal } from '@xterm/xterm';
import { AUTH_SCHEME } from '../../../common/api';
import type { WatchState } from '../../../common/protocol';
import { demoTerminalPath, watchTerminalPath, type TrainerPresence } from '../../../common/workshop-live';
import { LanguageController } from '../i18n/language-controller';
import { TerminalConnection } from '../terminals/terminal-connection';
import { xtermStyles } from '../terminals/terminal-pane-styles';
import { terminalFontFamily, terminalTheme } from '../terminals/terminal-theme';
import { sharedStyles } from '../ui/shared-styles';
import { watchStyles } from './watch-terminal-styles';
import { fitScale, nextRetryMs, phaseAfterClose, phaseText, type WatchPhase } from './watch-view';

export interface WatchPhaseDetail {
  phase: WatchPhase;
  mayType: boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'watch-terminal': WatchTerminal;
  }
  interface HTMLElementEventMap {
    'watch-phase': CustomEvent<WatchPhaseDetail>;
  }
}

@customElement('watch-terminal')
export class WatchTerminal extends LitElement {
  static override styles = [xtermStyles, sharedStyles, watchStyles];

  /** "watch": the trainer views a learner's pane; "demo": a learner follows the trainer's. */
  @property() mode: 'watch' | 'demo' = 'watch';
  /** The workshop's join code. */
  @property() code = '';
  /** The learner whose pane is watched (mode "watch"). */
  @property({ attribute: 'learner-id' }) learnerId = '';
  @property({ attribute: 'pane-id' }) paneId = '';
  /** The trainer key (watch) or the learner's session token (demo); never an attribute. */
  @property({ attribute: false }) token = '';
  /** A heading over the terminal (the learner's name and host, the demo's title). */
  @property() heading = '';
  /** The learner's presence as the class view knows it, if it does (shows a request in flight). */
  @property({ attribute: false }) presence: TrainerPresence | null = null;

  private readonly i18n = new LanguageController(this);
  @state() private phase: WatchPhase = 'connecting';
  @state() private mayType = false;
  @state() private asked = false;
  @state() private notice = '';
  @query('.box') private box!: HTMLDivElement;
  @query('.term') private termHost!: HTMLDivElement;

  private term: Terminal | null = null;
  private connection: TerminalConnection | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = 0;
  private resizeObserver: ResizeObserver | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.teardown();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.term) this.setup();
  }

  protected override firstUpdated(): void {
    this.setup();
  }

  protected override updated(changed: Map<string, unknown>): void {
    const moved = ['mode', 'code', 'learnerId', 'paneId', 'token'].some(
      (key) => changed.has(key) && changed.get(key) !== undefined,
    );
    if (moved && this.term) this.connect();
    if (changed.has('presence') && this.presence) this.asked = this.presence === 'control-requested';
  }

  /** The terminal's text, trailing blank lines left out (for tests). */
  terminalText(): string {
    const buffer = this.term?.buffer.active;
    if (!buffer) return '';
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  protected override render() {
    const w = this.i18n.watch;
    return html`
      <header>
        <span class="heading">${this.heading}</span>
        <span class="phase" data-phase=${this.phase} role="status"
          >${phaseText(this.phase, this.mayType, w)}</span
        >
        ${this.mode === 'watch' && this.phase === 'live' ? this.controlButtons() : nothing}
      </header>
      <div class="box"><div class="term" role="region" aria-label=${this.heading || w.readOnly}></div></div>
      ${this.mode === 'demo' ? html`<p class="hint">${w.followReadOnly}</p>` : nothing}
      ${this.notice ? html`<p class="notice" role="alert">${this.notice}</p>` : nothing}
    `;
  }

  private controlButtons() {
    const w = this.i18n.watch;
    if (this.mayType)
      return html`<button class="give-back" @click=${() => this.control(false)}>${w.giveBack}</button>`;
    if (this.asked)
      return html`<span class="asked">${w.asked}</span>
        <button class="give-back" @click=${() => this.control(false)}>${w.giveBack}</button>`;
    return html`<button class="ask" @click=${() => this.control(true)}>${w.askToType}</button>`;
  }

  private setup(): void {
    const term = new Terminal({
      disableStdin: true,
      cursorBlink: false,
      scrollback: 1000,
      fontFamily: terminalFontFamily,
      fontSize: 13,
      theme: terminalTheme,
    });
    term.open(this.termHost);
    term.onData((data) => {
      if (this.mayType) this.connection?.sendText(data);
    });
    this.term = term;
    this.resizeObserver = new ResizeObserver(() => this.rescale());
    this.resizeObserver.observe(this.box);
    this.connect();
  }

  private teardown(): void {
    clearTimeout(this.retryTimer);
    this.connection?.close();
    this.connection = null;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.term?.dispose();
    this.term = null;
  }

  private path(): string {
    return this.mode === 'watch'
      ? watchTerminalPath(this.code, this.learnerId, this.paneId)
      : demoTerminalPath(this.code, this.paneId);
  }

  private connect(): void {
    clearTimeout(this.retryTimer);
    this.connection?.close();
    const term = this.term;
    if (!term || !this.code || !this.paneId || !this.token) return;
    this.setPhase('connecting', false);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const connection = new TerminalConnection({
      url: `${scheme}//${location.host}${this.path()}`,
      token: this.token,
      paneId: this.paneId,
      initialSize: () => ({ cols: term.cols, rows: term.rows }),
      handlers: {
        status: (status) => {
          if (status.state !== 'ready') return;
          this.retryMs = 0;
          this.setPhase('live', this.mayType);
        },
        replay: () => term.reset(),
        output: (data) => term.write(data, () => connection.rendered(data.length)),
        watch: (watch) => this.watchState(watch),
        error: (message) => (this.notice = message),
        close: ({ code }) => this.closed(code),
      },
    });
    this.connection = connection;
    connection.connect();
  }

  private watchState({ cols, rows, mayType }: WatchState): void {
    this.term?.resize(cols, rows);
    if (this.term) this.term.options.disableStdin = !mayType;
    if (mayType) this.asked = false;
    if (mayType !== this.mayType) this.notice = '';
    this.setPhase(this.phase, mayType);
    requestAnimationFrame(() => this.rescale());
  }

  private closed(code: number): void {
    this.connection = null;
    const phase = phaseAfterClose(code);
    this.asked = false;
    this.setPhase(phase, false);
    if (phase !== 'reconnecting') return;
    this.retryMs = nextRetryMs(this.retryMs);
    this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
  }

  private setPhase(phase: WatchPhase, mayType: boolean): void {
    if (phase === this.phase && mayType === this.mayType) return;
    this.phase = phase;
    this.mayType = mayType;
    this.dispatchEvent(
      new CustomEvent('watch-phase', { detail: { phase, mayType }, bubbles: true, composed: true }),
    );
  }

  /** Draws the terminal at its owner's size, scaled down to fit the box. */
  private rescale(): void {
    const screen = this.termHost?.querySelector<HTMLElement>('.xterm-screen');
    if (!screen || !this.box) return;
    const scale = fitScale(
      { width: screen.offsetWidth, height: screen.offsetHeight },
      { width: this.box.clientWidth, height: this.box.clientHeight },
    );
    this.termHost.style.transform = `scale(${scale})`;
  }

  private async control(want: boolean): Promise<void> {
    this.notice = '';
    try {
      const res = await fetch(`/api/workshops/${this.code}/learners/${this.learnerId}/control`, {
        method: 'POST',
        headers: { authorization: `${AUTH_SCHEME} ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ want }),
      });
      if (!res.ok) throw new Error(String(res.status));
      const { presence } = (await res.json()) as { presence: TrainerPresence };
      this.asked = presence === 'control-requested';
    } catch {
      this.notice = this.i18n.watch.actionFailed;
    }
  }
}
