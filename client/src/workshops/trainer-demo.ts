// <trainer-demo>: the trainer's own terminal on the class view, for demos learners follow
// read-only ("Follow the trainer"). It starts the trainer's session, or resumes it (the
// server derives its token from the trainer key), waits until it is ready and shows the same
// <terminal-workspace> a learner's page does. The page keeps it mounted while it is hidden, so
// its panes (the ones learners follow) stay open.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SessionView } from '../../../common/api';
import { LanguageController, liveStrings } from '../i18n/language-controller';
import { createSessionApi, waitUntilSettled } from '../sessions/session-client';
import '../terminals/terminal-workspace';
import type { HostEventDetail } from '../terminals/terminal-workspace';
import { sharedStyles } from '../ui/shared-styles';
import type { WorkshopApi } from './workshop-api';

const HOST_POLL_MS = 1000;
const HOST_POLL_TRIES = 120;

declare global {
  interface HTMLElementTagNameMap {
    'trainer-demo': TrainerDemo;
  }
}

@customElement('trainer-demo')
export class TrainerDemo extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        border-left: 1px solid var(--border);
        background: var(--surface);
      }
      :host([hidden]) {
        display: none;
      }
      header {
        flex: none;
        padding: 10px 14px 8px;
      }
      h2 {
        margin: 0;
        font-size: 15px;
      }
      p {
        margin: 4px 0 0;
        font-size: 12.5px;
        color: var(--text-muted);
      }
      .term {
        flex: 1;
        min-height: 0;
        display: flex;
        margin: 0 10px 10px;
        border-radius: 10px;
        overflow: hidden;
        border: 1px solid var(--border-strong);
        background: #0d1117;
      }
      terminal-workspace {
        flex: 1;
        min-width: 0;
      }
      .status {
        margin: 24px 14px;
        color: var(--text-muted);
      }
      .error {
        color: var(--danger);
      }
    `,
  ];

  @property() code = '';
  /** Never an attribute. */
  @property({ attribute: false }) trainerKey = '';
  @property({ attribute: false }) api: WorkshopApi | null = null;
  @state() private session: SessionView | null = null;
  @state() private error = '';
  /** Why adding, removing or restarting a host did not work; the terminal stays. */
  @state() private hostError = '';

  private readonly i18n = new LanguageController(this);
  private readonly sessions = createSessionApi({ messages: liveStrings() });
  private token = '';
  private started = false;
  private readonly stop = new AbortController();

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.started) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop.abort();
  }

  protected override render() {
    const w = this.i18n.workshop;
    const s = this.session;
    return html`<header>
        <h2>${w.demoTitle}</h2>
        <p>${w.demoLead}</p>
        ${this.hostError ? html`<p class="error" role="alert">${this.hostError}</p>` : nothing}
      </header>
      ${
        this.error
          ? html`<p class="status error" role="alert">${this.error}</p>`
          : s?.state === 'ready'
            ? html`<div class="term">
                <terminal-workspace
                  session-id=${s.id}
                  .token=${this.token}
                  .hosts=${s.hosts}
                  .hostStates=${s.hostStates}
                  .maxHosts=${s.maxHosts}
                  .maxTerminals=${s.maxTerminals}
                  .historyLines=${s.historyLines}
                  @add-host=${() => void this.host(() => this.sessions.addHost(s.id, this.token))}
                  @remove-host=${(e: CustomEvent<HostEventDetail>) =>
                    void this.host(() => this.sessions.removeHost(s.id, this.token, e.detail.host))}
                  @restart-host=${(e: CustomEvent<HostEventDetail>) =>
                    void this.host(() => this.sessions.restartHost(s.id, this.token, e.detail.host))}
                ></terminal-workspace>
              </div>`
            : html`<p class="status" aria-busy="true"><span class="spinner"></span> ${w.demoStarting}</p>`
      }`;
  }

  private async start(): Promise<void> {
    if (!this.api) return;
    this.started = true;
    try {
      const created = await this.api.trainerSession(this.code, this.trainerKey);
      this.token = created.token;
      this.session = created.session;
      this.session = await waitUntilSettled(this.sessions, created.session.id, this.token, {
        signal: this.stop.signal,
        timeoutMessage: this.i18n.strings.startTimedOut,
      });
      if (this.session.state === 'failed') this.error = this.session.error ?? this.i18n.strings.startTimedOut;
    } catch (err) {
      if (!this.stop.signal.aborted) this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** A host added, removed or restarted; the view follows until no host is starting. */
  private async host(call: () => Promise<SessionView>): Promise<void> {
    this.hostError = '';
    try {
      this.session = await call();
      for (let i = 0; i < HOST_POLL_TRIES && this.starting(); i++) {
        await new Promise((resolve) => setTimeout(resolve, HOST_POLL_MS));
        if (this.stop.signal.aborted || !this.session) return;
        this.session = await this.sessions.get(this.session.id, this.token, this.stop.signal);
      }
    } catch (err) {
      if (!this.stop.signal.aborted) this.hostError = err instanceof Error ? err.message : String(err);
    }
  }

  private starting(): boolean {
    return Object.values(this.session?.hostStates ?? {}).some((h) => h.state === 'starting');
  }
}
