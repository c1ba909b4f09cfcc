// <playground-app>: the page shell and the session lifecycle (create, wait, resume, end).
// Its state is exposed as data-session-state for end-to-end tests.

import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { SessionView } from '../../../common/api';
import { t } from '../i18n/strings';
import { sharedStyles } from '../ui/shared-styles';
import { confirmStyles } from '../ui/confirm-styles';
import { statusDotStyles } from '../ui/status-dot-styles';
import {
  alertIcon,
  engineIcon,
  lockIcon,
  logoIcon,
  playIcon,
  plusIcon,
  powerIcon,
  sparkIcon,
} from '../ui/icons';
import { ApiError, createSessionApi, waitUntilSettled, type SessionApi } from '../sessions/session-client';
import { TokenStore, browserStorage } from '../sessions/token-store';
import '../terminals/terminal-workspace';
import type { PaneState, PaneStateDetail, SessionGoneDetail } from '../terminals/terminal-pane';
import type { HostEventDetail, TerminalWorkspace } from '../terminals/terminal-workspace';
import {
  formatRemaining,
  hasLiveSession,
  initialState,
  reduce,
  type AppEvent,
  type AppState,
} from './app-state';

/** The sandbox host the terminal opens a shell on. */
const SHELL_HOST = 'docker';
const POLL_INTERVAL_MS = 300;
/** `?renderer=dom` turns the WebGL renderer off (for comparing renderers and for tests). */
const RENDERER: 'auto' | 'dom' =
  new URLSearchParams(window.location.search).get('renderer') === 'dom' ? 'dom' : 'auto';
/** The expiry time turns amber when less than this is left. */
const EXPIRY_WARNING_MS = 5 * 60_000;
/** After this long in 'starting', the page says it is taking longer than usual. */
const SLOW_START_MS = 10_000;

type Tone = 'ok' | 'busy' | 'bad' | 'off';

declare global {
  interface HTMLElementTagNameMap {
    'playground-app': PlaygroundApp;
  }
}

@customElement('playground-app')
export class PlaygroundApp extends LitElement {
  static override styles = [
    sharedStyles,
    confirmStyles,
    statusDotStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
        color: var(--text);
      }

      /* Top bar */
      header {
        flex: none;
        display: flex;
        align-items: center;
        gap: 12px;
        height: 56px;
        padding: 0 16px 0 18px;
        background: var(--surface);
        border-bottom: 1px solid var(--border);
        position: relative;
        z-index: 20;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 10px;
        min-width: 0;
        color: var(--text);
        text-decoration: none;
      }
      .brand svg {
        flex: none;
        display: block;
      }
      .brand h1 {
        margin: 0;
        font-size: 17px;
        font-weight: 700;
        letter-spacing: -0.01em;
        white-space: nowrap;
      }
      .tagline {
        color: var(--text-muted);
        font-size: 13px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        min-width: 0;
        padding-left: 12px;
        border-left: 1px solid var(--border-strong);
      }
      .spacer {
        flex: 1;
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 6px;
        flex: none;
      }
      .confirm {
        position: absolute;
        top: calc(100% + 6px);
        right: 12px;
        width: min(340px, calc(100vw - 24px));
        padding: 16px;
        border-radius: 12px;
        background: var(--surface-2);
        border: 1px solid var(--border-strong);
        box-shadow: 0 16px 40px rgba(0, 0, 0, 0.5);
      }

      /* Workspace: an optional lesson column beside the stage */
      main {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
      }
      main.with-side {
        grid-template-columns: minmax(280px, 38%) minmax(0, 1fr);
      }
      aside {
        min-width: 0;
        min-height: 0;
        overflow: auto;
        border-right: 1px solid var(--border);
        background: var(--surface);
      }
      aside[hidden] {
        display: none;
      }
      .stage {
        min-width: 0;
        min-height: 0;
        display: flex;
        flex-direction: column;
        padding: 16px;
        overflow: auto;
      }
      .stage.has-terminal {
        overflow: hidden;
      }

      /* Centered panels (idle, starting, error, ended) */
      .center {
        flex: 1;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 14px;
        padding: 24px 8px;
      }
      .notice {
        width: min(960px, 100%);
        padding: 10px 14px;
        border-radius: 10px;
        background: rgba(88, 166, 255, 0.1);
        border: 1px solid rgba(88, 166, 255, 0.35);
        font-size: 14px;
      }

      .hero {
        width: min(960px, 100%);
        display: grid;
        grid-template-columns: minmax(0, 1.1fr) minmax(0, 0.9fr);
        gap: 40px;
        align-items: center;
        padding: 40px;
        border-radius: 18px;
        background:
          radial-gradient(120% 140% at 0% 0%, rgba(29, 99, 237, 0.16), transparent 55%), var(--surface);
        border: 1px solid var(--border);
      }
      .hero h2 {
        margin: 0 0 12px;
        font-size: clamp(26px, 3.2vw, 36px);
        line-height: 1.15;
        letter-spacing: -0.02em;
      }
      .lead {
        margin: 0 0 24px;
        color: var(--text-muted);
        font-size: 16px;
        line-height: 1.55;
      }
      .points {
        list-style: none;
        margin: 0 0 28px;
        padding: 0;
        display: grid;
        gap: 14px;
      }
      .points li {
        display: grid;
        grid-template-columns: 36px 1fr;
        gap: 12px;
        align-items: start;
      }
      .points .ic {
        width: 36px;
        height: 36px;
        border-radius: 9px;
        display: grid;
        place-items: center;
        color: #79c0ff;
        background: rgba(56, 139, 253, 0.12);
      }
      .points strong {
        display: block;
        font-size: 15px;
        margin-bottom: 2px;
      }
      .points span {
        color: var(--text-muted);
        font-size: 14px;
        line-height: 1.45;
      }
      .cta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 16px;
      }
      .hint {
        color: var(--text-muted);
        font-size: 14px;
      }

      .preview {
        border-radius: 12px;
        background: #0d1117;
        border: 1px solid var(--border-strong);
        box-shadow: 0 20px 50px rgba(0, 0, 0, 0.45);
        overflow: hidden;
        font-family: var(--mono);
        font-size: 13px;
        line-height: 1.6;
      }
      .preview .bar {
        display: flex;
        gap: 6px;
        padding: 10px 12px;
        background: #161b22;
        border-bottom: 1px solid var(--border);
      }
      .preview .bar i {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: #30363d;
      }
      .preview pre {
        margin: 0;
        padding: 14px 16px 18px;
        color: #c9d1d9;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .preview .p {
        color: #3fb950;
      }
      .preview .c {
        color: #e6edf3;
        font-weight: 600;
      }
      .preview .o {
        color: #8b949e;
      }

      .card {
        width: min(520px, 100%);
        padding: 32px;
        border-radius: 16px;
        background: var(--surface);
        border: 1px solid var(--border);
        text-align: center;
      }
      .card h2 {
        margin: 0 0 8px;
        font-size: 22px;
        letter-spacing: -0.01em;
      }
      .card p {
        margin: 0 0 20px;
        color: var(--text-muted);
        font-size: 15px;
        line-height: 1.5;
        overflow-wrap: anywhere;
      }
      .card .row {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: 10px;
      }
      .card.starting .spinner {
        width: 36px;
        height: 36px;
        border-width: 3px;
        color: var(--accent-text);
        margin-bottom: 18px;
      }
      .card.starting p {
        margin: 0;
      }
      .progress {
        height: 4px;
        margin-top: 22px;
        border-radius: 2px;
        background: var(--surface-3);
        overflow: hidden;
      }
      .progress::after {
        content: '';
        display: block;
        height: 100%;
        width: 35%;
        border-radius: 2px;
        background: var(--accent);
        animation: slide 1.4s ease-in-out infinite;
      }
      @keyframes slide {
        from {
          transform: translateX(-100%);
        }
        to {
          transform: translateX(290%);
        }
      }
      .card.error {
        text-align: left;
        border-color: rgba(248, 81, 73, 0.55);
        background: linear-gradient(rgba(248, 81, 73, 0.08), rgba(248, 81, 73, 0.08)), var(--surface);
      }
      .card.error .title {
        display: flex;
        align-items: center;
        gap: 10px;
        margin-bottom: 10px;
        color: var(--danger);
      }
      .card.error h2 {
        margin: 0;
        color: var(--text);
      }
      .card.error .message {
        margin: 0 0 20px;
        padding: 12px 14px;
        border-radius: 8px;
        background: rgba(0, 0, 0, 0.25);
        color: var(--text);
        font-size: 14px;
        line-height: 1.5;
        white-space: pre-wrap;
      }
      .card.error .row {
        justify-content: flex-start;
      }

      /* Terminal */
      .term-card {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
        border-radius: 12px;
        overflow: hidden;
        border: 1px solid var(--border-strong);
        background: #0d1117;
        box-shadow: 0 10px 30px rgba(0, 0, 0, 0.35);
      }
      .term-head {
        flex: none;
        display: flex;
        align-items: center;
        gap: 8px;
        height: 36px;
        padding: 0 14px;
        background: #161b22;
        border-bottom: 1px solid var(--border);
        font-size: 13px;
        color: var(--text-muted);
      }
      .status {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        color: var(--text);
        font-weight: 500;
        white-space: nowrap;
      }
      .expiry.soon {
        color: var(--warning);
        font-weight: 600;
      }
      .expiry {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      terminal-workspace {
        flex: 1;
      }

      @media (max-width: 900px) {
        .hero {
          grid-template-columns: minmax(0, 1fr);
          padding: 28px;
          gap: 28px;
        }
        main.with-side {
          grid-template-columns: minmax(0, 1fr);
          grid-template-rows: minmax(0, 40%) minmax(0, 1fr);
        }
        aside {
          border-right: 0;
          border-bottom: 1px solid var(--border);
        }
      }
      @media (max-width: 600px) {
        header {
          height: 52px;
          padding: 0 10px 0 12px;
          gap: 8px;
        }
        .brand h1 {
          font-size: 16px;
        }
        .tagline,
        .label {
          display: none;
        }
        .actions .btn {
          padding: 0 10px;
        }
        .stage {
          padding: 12px;
        }
        .stage.has-terminal {
          padding: 0;
        }
        .term-card {
          border-radius: 0;
          border: 0;
          box-shadow: none;
        }
        .center {
          justify-content: flex-start;
          padding: 4px 0 16px;
        }
        .hero {
          padding: 22px 18px;
          border-radius: 14px;
        }
        .preview {
          display: none;
        }
        .cta .btn {
          width: 100%;
        }
        .cta {
          justify-content: center;
        }
        .card {
          padding: 24px 18px;
        }
      }
    `,
  ];

  @state() private appState: AppState = initialState;
  @state() private paneState: PaneState = 'connecting';
  @state() private paneHost = SHELL_HOST;
  @state() private confirming: 'end' | 'new' | null = null;
  @state() private busy = false;
  @state() private slow = false;
  @state() private hasSide = false;
  @state() private now = Date.now();

  @query('terminal-workspace') private workspace?: TerminalWorkspace;

  private readonly api: SessionApi = createSessionApi({ messages: t });
  private readonly store = new TokenStore(browserStorage());
  /** The live session's id and key. */
  private creds: { id: string; token: string } | null = null;
  /** Cancels the polling or request in flight when the learner moves on. */
  private flow: AbortController | null = null;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;
  private focusOnReady = false;
  private checkingSession = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.reflectState();
    this.clock = setInterval(() => this.tick(), 15_000);
    document.addEventListener('keydown', this.onKeydown);
    document.addEventListener('pointerdown', this.onPointerDown);
    const stored = this.store.current();
    if (stored) {
      this.creds = { id: stored.id, token: stored.token };
      void this.resume();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flow?.abort();
    clearInterval(this.clock);
    clearTimeout(this.slowTimer);
    document.removeEventListener('keydown', this.onKeydown);
    document.removeEventListener('pointerdown', this.onPointerDown);
  }

  /** The active terminal's text (see TerminalWorkspace.terminalText), '' when none is shown. */
  terminalText(): string {
    return this.workspace?.terminalText() ?? '';
  }

  // ----- Session lifecycle -----

  private dispatch(event: AppEvent): void {
    const prev = this.appState;
    this.appState = reduce(prev, event, t);
    if (this.appState.kind === 'starting' && prev.kind !== 'starting') {
      this.slow = false;
      clearTimeout(this.slowTimer);
      this.slowTimer = setTimeout(() => (this.slow = true), SLOW_START_MS);
    } else if (this.appState.kind !== 'starting') {
      clearTimeout(this.slowTimer);
    }
    if (this.appState.kind === 'ready' && prev.kind !== 'ready') this.paneState = 'connecting';
    this.now = Date.now();
    this.reflectState();
  }

  private reflectState(): void {
    this.setAttribute('data-session-state', this.appState.kind);
  }

  private newFlow(): AbortSignal {
    this.flow?.abort();
    this.flow = new AbortController();
    return this.flow.signal;
  }

  /** Creates a sandbox and waits for it; ends the current one first if there is one. */
  private async start(): Promise<void> {
    const signal = this.newFlow();
    this.confirming = null;
    this.focusOnReady = true;
    const old = this.creds;
    this.creds = null;
    this.dispatch({ type: 'start' });
    if (old) await this.endQuietly(old);
    try {
      const created = await this.api.create();
      if (signal.aborted) {
        await this.endQuietly({ id: created.session.id, token: created.token });
        return;
      }
      this.creds = { id: created.session.id, token: created.token };
      this.store.save({ id: created.session.id, token: created.token, expiresAt: created.session.expiresAt });
      this.onSession(created.session);
      if (created.session.state === 'starting') await this.waitForSession(signal);
    } catch (err) {
      this.onRequestError(err, signal);
    }
  }

  /** Reconnects to the session stored in this browser. */
  private async resume(): Promise<void> {
    const creds = this.creds;
    if (!creds) return this.start();
    const signal = this.newFlow();
    this.dispatch({ type: 'resume' });
    try {
      const session = await this.api.get(creds.id, creds.token, signal);
      if (signal.aborted) return;
      this.onSession(session);
      if (session.state === 'starting') await this.waitForSession(signal);
    } catch (err) {
      this.onRequestError(err, signal);
    }
  }

  private async waitForSession(signal: AbortSignal): Promise<void> {
    const creds = this.creds;
    if (!creds) return;
    const session = await waitUntilSettled(this.api, creds.id, creds.token, {
      intervalMs: POLL_INTERVAL_MS,
      signal,
      timeoutMessage: t.startTimedOut,
      onUpdate: (s) => {
        if (!signal.aborted && s.state === 'starting') this.onSession(s);
      },
    });
    if (!signal.aborted) this.onSession(session);
  }

  private onSession(session: SessionView): void {
    const creds = this.creds;
    if (creds && session.state !== 'failed' && session.state !== 'ended') {
      this.store.touch(creds.id, session.expiresAt);
    }
    if (creds && (session.state === 'failed' || session.state === 'ended')) {
      // A failed sandbox holds a slot on the server until it is removed.
      this.store.forget(creds.id);
      this.creds = null;
      if (session.state === 'failed') void this.endQuietly(creds);
    }
    this.dispatch({ type: 'session', session });
  }

  private onRequestError(err: unknown, signal: AbortSignal): void {
    if (signal.aborted) return;
    if (err instanceof ApiError && err.sessionGone && this.creds) {
      const wasResuming = this.appState.kind === 'starting' && this.appState.phase === 'resuming';
      this.store.forget(this.creds.id);
      this.creds = null;
      if (wasResuming) {
        this.dispatch({ type: 'ended-by-user', notice: t.previousSessionEnded });
      } else {
        this.dispatch({ type: 'gone', message: t.sessionGone });
      }
      return;
    }
    const message = err instanceof Error && err.message ? err.message : t.networkError;
    if (!(err instanceof ApiError)) console.error(err);
    this.dispatch({ type: 'request-failed', message, canResume: this.creds !== null });
  }

  /** Ends the session on the server and forgets it here. */
  private async endSession(): Promise<void> {
    this.flow?.abort();
    this.flow = null;
    this.confirming = null;
    const creds = this.creds;
    this.creds = null;
    this.busy = true;
    if (creds) await this.endQuietly(creds);
    this.busy = false;
    this.dispatch({ type: 'ended-by-user', notice: t.sessionEndedByYou });
  }

  private async endQuietly(creds: { id: string; token: string }): Promise<void> {
    this.store.forget(creds.id);
    try {
      await this.api.end(creds.id, creds.token);
    } catch (err) {
      // Already gone, or the server is unreachable: it removes expired sandboxes itself.
      if (!(err instanceof ApiError)) console.warn('ending the session failed', err);
    }
  }

  private retry(): void {
    const s = this.appState;
    if (s.kind === 'error' && s.retry === 'resume' && this.creds) void this.resume();
    else void this.start();
  }

  private startOver(): void {
    void this.start();
  }

  /** Asks the server whether the session still exists; moves to 'ended' if it does not. */
  private async checkSession(): Promise<void> {
    const creds = this.creds;
    if (!creds || this.checkingSession) return;
    this.checkingSession = true;
    try {
      const session = await this.api.get(creds.id, creds.token);
      if (this.creds !== creds) return;
      if (session.state === 'ended' || session.state === 'failed') this.onSession(session);
      else this.store.touch(creds.id, session.expiresAt);
    } catch (err) {
      if (this.creds !== creds) return;
      if (err instanceof ApiError && err.sessionGone) {
        this.store.forget(creds.id);
        this.creds = null;
        this.flow?.abort();
        this.dispatch({ type: 'gone', message: t.sessionGone });
      }
    } finally {
      this.checkingSession = false;
    }
  }

  /** Adds or removes a host, then follows the session until no host is starting. */
  private async changeHosts(
    call: (creds: { id: string; token: string }) => Promise<SessionView>,
  ): Promise<void> {
    const creds = this.creds;
    if (!creds) return;
    try {
      let session = await call(creds);
      while (this.creds === creds) {
        this.onSession(session);
        if (!Object.values(session.hostStates).some((h) => h.state === 'starting')) break;
        await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
        session = await this.api.get(creds.id, creds.token);
      }
    } catch (err) {
      console.warn('changing the hosts failed', err);
    }
  }

  // ----- Events -----

  private onPaneState(e: CustomEvent<PaneStateDetail>): void {
    this.paneState = e.detail.state;
    this.paneHost = e.detail.host || SHELL_HOST;
    if (e.detail.state === 'ready' && this.focusOnReady) {
      this.focusOnReady = false;
      this.workspace?.focusActive();
    }
    // A lost connection may mean the sandbox is gone (expired, or the server restarted).
    if (e.detail.state === 'reconnecting') void this.checkSession();
  }

  private onSessionGone(e: CustomEvent<SessionGoneDetail>): void {
    const creds = this.creds;
    if (!creds) return;
    void this.api.get(creds.id, creds.token).then(
      (session) => {
        if (this.creds !== creds) return;
        if (session.state === 'ended' || session.state === 'failed') this.onSession(session);
      },
      (err: unknown) => {
        if (this.creds !== creds) return;
        if (err instanceof ApiError && err.sessionGone) {
          this.store.forget(creds.id);
          this.creds = null;
          this.dispatch({ type: 'gone', message: e.detail.message || t.sessionGone });
        }
      },
    );
  }

  private onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.confirming) {
      this.confirming = null;
      e.stopPropagation();
    }
  };

  /** A click outside the confirmation and the buttons that open it closes it. */
  private onPointerDown = (e: PointerEvent): void => {
    if (!this.confirming) return;
    const inside = e
      .composedPath()
      .some(
        (el) =>
          el instanceof HTMLElement && (el.classList.contains('confirm') || el.classList.contains('actions')),
      );
    if (!inside) this.confirming = null;
  };

  private tick(): void {
    this.now = Date.now();
    const s = this.appState;
    if (s.kind === 'ready' && Date.parse(s.session.expiresAt) <= this.now) void this.checkSession();
  }

  private onSideSlotChange(e: Event): void {
    const slot = e.target as HTMLSlotElement;
    this.hasSide = slot.assignedNodes({ flatten: true }).length > 0;
  }

  // ----- Rendering -----

  protected override render(): TemplateResult {
    const s = this.appState;
    return html`
      ${this.renderTopBar()}
      <main class=${this.hasSide ? 'with-side' : ''}>
        <aside ?hidden=${!this.hasSide}>
          <slot name="lesson" @slotchange=${this.onSideSlotChange}></slot>
        </aside>
        <section class="stage ${s.kind === 'ready' ? 'has-terminal' : ''}">${this.renderStage()}</section>
      </main>
    `;
  }

  private renderTopBar(): TemplateResult {
    const live = hasLiveSession(this.appState);
    return html`<header>
      <div class="brand">
        ${logoIcon}
        <h1>${t.productName}</h1>
      </div>
      <span class="tagline">${t.productTagline}</span>
      <span class="spacer"></span>
      ${
        live
          ? html`<div class="actions">
              <button
                class="btn ghost"
                data-action="new-sandbox"
                aria-label=${t.newSandbox}
                title=${t.newSandbox}
                ?disabled=${this.busy}
                @click=${() => (this.confirming = this.confirming === 'new' ? null : 'new')}
              >
                ${plusIcon}<span class="label">${t.newSandbox}</span>
              </button>
              <button
                class="btn"
                data-action="end-session"
                aria-label=${t.endSession}
                title=${t.endSession}
                ?disabled=${this.busy}
                @click=${() => (this.confirming = this.confirming === 'end' ? null : 'end')}
              >
                ${powerIcon}<span class="label">${this.busy ? t.ending : t.endSession}</span>
              </button>
            </div>`
          : nothing
      }
      ${live && this.confirming ? this.renderConfirm(this.confirming) : nothing}
    </header>`;
  }

  private renderConfirm(which: 'end' | 'new'): TemplateResult {
    const isEnd = which === 'end';
    return html`<div class="confirm" role="dialog" aria-labelledby="confirm-title">
      <h2 id="confirm-title">${isEnd ? t.endConfirmTitle : t.newConfirmTitle}</h2>
      <p>${isEnd ? t.endConfirmText : t.newConfirmText}</p>
      <div class="row">
        <button class="btn ghost" @click=${() => (this.confirming = null)}>${t.cancel}</button>
        <button
          class="btn danger"
          data-action=${isEnd ? 'confirm-end' : 'confirm-new'}
          @click=${() => (isEnd ? void this.endSession() : this.startOver())}
        >
          ${isEnd ? t.endSession : t.newSandbox}
        </button>
      </div>
    </div>`;
  }

  private renderStage(): TemplateResult {
    const s = this.appState;
    switch (s.kind) {
      case 'idle':
        return this.renderIdle(s.notice);
      case 'starting':
        return html`<div class="center">
          <div class="card starting" role="status" aria-live="polite">
            <span class="spinner"></span>
            <h2>${s.phase === 'resuming' ? t.resumingTitle : t.creatingTitle}</h2>
            <p>${this.slow ? t.startingSlow : t.startingHint}</p>
            <div class="progress"></div>
          </div>
        </div>`;
      case 'ready':
        return this.renderTerminal(s.session);
      case 'error':
        return html`<div class="center">
          <div class="card error" role="alert">
            <div class="title">
              ${alertIcon}
              <h2>${this.errorTitle(s)}</h2>
            </div>
            <p class="message" data-testid="error-message">${s.message}</p>
            <div class="row">
              <button class="btn primary" data-action="retry" @click=${this.retry}>${t.retryButton}</button>
              ${
                s.retry === 'resume'
                  ? html`<button class="btn ghost" @click=${this.startOver}>${t.startOverButton}</button>`
                  : nothing
              }
            </div>
          </div>
        </div>`;
      case 'ended':
        return html`<div class="center">
          <div class="card">
            <h2>${t.endedTitle}</h2>
            <p>${s.message}</p>
            <div class="row">
              <button class="btn primary large" data-action="start" @click=${this.startOver}>
                ${playIcon}${t.startNewButton}
              </button>
            </div>
          </div>
        </div>`;
    }
  }

  private errorTitle(s: Extract<AppState, { kind: 'error' }>): string {
    if (s.sessionFailed) return t.sessionFailedTitle;
    return s.retry === 'resume' ? t.resumeErrorTitle : t.createErrorTitle;
  }

  private renderIdle(notice: string | undefined): TemplateResult {
    const icons = [engineIcon, lockIcon, sparkIcon];
    return html`<div class="center">
      ${notice ? html`<div class="notice" role="status">${notice}</div>` : nothing}
      <div class="hero">
        <div>
          <h2>${t.welcomeTitle}</h2>
          <p class="lead">${t.welcomeLead}</p>
          <ul class="points">
            ${t.welcomePoints.map(
              (p, i) =>
                html`<li>
                  <span class="ic">${icons[i % icons.length]}</span>
                  <div><strong>${p.title}</strong><span>${p.text}</span></div>
                </li>`,
            )}
          </ul>
          <div class="cta">
            <button class="btn primary large" data-action="start" @click=${this.startOver}>
              ${playIcon}${t.startButton}
            </button>
            <span class="hint">${t.startHint}</span>
          </div>
        </div>
        <div class="preview" aria-hidden="true">
          <div class="bar"><i></i><i></i><i></i></div>
          <pre><span class="p">$</span> <span class="c">docker run --rm hello-world</span>
<span class="o">Hello from Docker!</span>
<span class="o">This message shows that your installation
appears to be working correctly.</span>

<span class="p">$</span> <span class="c">docker run -d -p 8080:80 nginx</span>
<span class="o">3f9c2a7e1b04…</span>

<span class="p">$</span> <span class="c">docker ps</span>
<span class="o">CONTAINER ID   IMAGE   STATUS</span>
<span class="o">3f9c2a7e1b04   nginx   Up 2 seconds</span></pre>
        </div>
      </div>
    </div>`;
  }

  private renderTerminal(session: SessionView): TemplateResult {
    const creds = this.creds;
    const [tone, label] = this.paneStatus();
    const expires = Date.parse(session.expiresAt);
    const remaining = formatRemaining(expires - this.now, t.durations);
    const expiryTitle = Number.isFinite(expires)
      ? t.sessionExpiryTitle(new Date(expires).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))
      : '';
    return html`<div class="term-card">
      <div class="term-head">
        <span class="status" data-testid="terminal-status" data-pane-state=${this.paneState}>
          <span class="dot" data-tone=${tone}></span>${label}
        </span>
        <span class="spacer"></span>
        ${
          remaining
            ? html`<span
                class="expiry ${expires - this.now < EXPIRY_WARNING_MS ? 'soon' : ''}"
                title=${expiryTitle}
                >${t.expiresIn(remaining)}</span
              >`
            : nothing
        }
      </div>
      ${
        creds
          ? html`<terminal-workspace
              session-id=${creds.id}
              .token=${creds.token}
              .hosts=${session.hosts}
              .hostStates=${session.hostStates}
              .maxHosts=${session.maxHosts}
              renderer=${RENDERER}
              @pane-state=${this.onPaneState}
              @session-gone=${this.onSessionGone}
              @add-host=${() => void this.changeHosts((c) => this.api.addHost(c.id, c.token))}
              @remove-host=${(e: CustomEvent<HostEventDetail>) =>
                void this.changeHosts((c) => this.api.removeHost(c.id, c.token, e.detail.host))}
            ></terminal-workspace>`
          : nothing
      }
    </div>`;
  }

  private paneStatus(): [Tone, string] {
    switch (this.paneState) {
      case 'connecting':
        return ['busy', t.statusConnecting];
      case 'ready':
        return ['ok', t.statusConnected(this.paneHost)];
      case 'reconnecting':
        return ['busy', t.statusReconnecting];
      case 'offline':
        return ['off', t.statusOffline];
      case 'exited':
        return ['off', t.statusExited];
      case 'closed':
        return ['bad', t.statusClosed];
    }
  }
}
