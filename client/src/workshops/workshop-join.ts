// <workshop-join>: a learner's way into a workshop (#/join/CODE): the workshop's title, a
// name, Join; plain words when the workshop is full, over or unknown; a waiting page before
// the start. Once seated, the page opens the lesson with the seat's sandbox.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { DISPLAY_NAME_MAX, type JoinedWorkshop, type WorkshopInfo } from '../../../common/workshops';
import type { Language } from '../../../common/lesson';
import { formatRemaining } from '../app/app-state';
import { LanguageController, liveStrings } from '../i18n/language-controller';
import { LANGUAGE_KEY, setLanguage } from '../i18n/language';
import { TokenStore, browserStorage } from '../sessions/token-store';
import { alertIcon, refreshIcon } from '../ui/icons';
import { sharedStyles } from '../ui/shared-styles';
import { JoinFlow, type JoinPhase } from './join-flow';
import { createWorkshopApi } from './workshop-api';
import { spacedCode } from './workshop-format';
import { SeatStore } from './workshop-storage';
import { workshopPageStyles } from './workshop-styles';

const CLOCK_MS = 1000;

declare global {
  interface HTMLElementTagNameMap {
    'workshop-join': WorkshopJoin;
  }
}

@customElement('workshop-join')
export class WorkshopJoin extends LitElement {
  static override styles = [
    sharedStyles,
    workshopPageStyles,
    css`
      .page {
        max-width: 520px;
      }
      .eyebrow {
        display: flex;
        gap: 10px;
        align-items: center;
        color: var(--text-muted);
        font-size: 13px;
        margin-bottom: 8px;
      }
      .eyebrow .code {
        color: var(--accent-text);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 16px;
        color: var(--text-muted);
        font-size: 13.5px;
        margin: 10px 0 22px;
      }
      input[name='name'] {
        font-size: 17px;
        min-height: 48px;
      }
      .btn.large {
        width: 100%;
      }
      .state {
        text-align: center;
        padding: 34px 22px;
      }
      .state h2 {
        margin: 12px 0 8px;
        font-size: 20px;
      }
      .state p {
        margin: 0 auto 18px;
        color: var(--text-muted);
        line-height: 1.5;
        max-width: 400px;
      }
      .state .icon {
        color: var(--warning);
      }
      .countdown {
        font-size: 44px;
        font-weight: 800;
        letter-spacing: -0.02em;
        margin: 6px 0 10px;
        font-variant-numeric: tabular-nums;
      }
      .state .actions {
        justify-content: center;
      }
    `,
  ];

  @property() code = '';
  /** A resume token from a resume link, kept for this code before joining. */
  @property({ attribute: false }) resume: string | undefined;

  private readonly i18n = new LanguageController(this);
  private readonly flow = new JoinFlow(this, {
    api: createWorkshopApi({ messages: liveStrings() }),
    seats: new SeatStore(browserStorage()),
    sessions: new TokenStore(browserStorage()),
    onSeated: (lessonId) => {
      window.location.hash = lessonId ? `#/lessons/${lessonId}` : '#/play';
    },
    onLanguage: (info) => followWorkshopLanguage(info),
  });
  private clock: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => this.phase.kind === 'waiting' && this.requestUpdate(), CLOCK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('code') || !this.code) return;
    // The resume token is kept in this browser and leaves the address bar at once.
    if (this.resume) history.replaceState(history.state, '', `#/join/${this.code}`);
    void this.flow.open(this.code, this.resume);
  }

  private get phase(): JoinPhase {
    return this.flow.phase;
  }

  override render() {
    return html`<div class="page">${this.renderPhase(this.phase)}</div>`;
  }

  protected override updated(): void {
    this.dataset.phase = this.phase.kind;
  }

  private renderPhase(p: JoinPhase): TemplateResult {
    const w = this.i18n.workshop;
    switch (p.kind) {
      case 'loading':
      case 'rejoining':
        return html`<div class="card state" aria-busy="true">
          <span class="spinner"></span>
          <p>${p.kind === 'rejoining' ? w.rejoining : ''}</p>
        </div>`;
      case 'form':
        return this.renderForm(p.info, p.busy, p.error);
      case 'problem':
        return this.renderProblem(p);
      case 'waiting':
        return this.renderWaiting(p.joined);
    }
  }

  private renderHeading(info: WorkshopInfo): TemplateResult {
    const w = this.i18n.workshop;
    return html`<div class="eyebrow">
        <span>${w.joinTitle}</span><span class="code">${spacedCode(info.code)}</span>
      </div>
      <div class="head"><h1 data-workshop-title>${info.title}</h1></div>`;
  }

  private renderForm(info: WorkshopInfo, busy: boolean, error?: string): TemplateResult {
    const w = this.i18n.workshop;
    const starts = Date.parse(info.startsAt);
    return html`${this.renderHeading(info)}
      <div class="meta">
        <span data-seats-left=${info.seatsLeft}>${w.seatsLeft(info.seatsLeft, info.seats)}</span>
        ${starts > Date.now() ? html`<span>${w.startsAtLabel(clockTime(starts, this.i18n.language))}</span>` : nothing}
      </div>
      <form class="card" @submit=${this.submit}>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
        <div class="field">
          <label for="name">${w.nameLabel}</label>
          <input
            id="name"
            name="name"
            required
            autocomplete="nickname"
            maxlength=${DISPLAY_NAME_MAX}
            placeholder=${w.namePlaceholder}
            ?disabled=${busy}
          />
          <span class="hint">${w.joinLead}</span>
        </div>
        <button class="btn primary large" type="submit" data-action="join" ?disabled=${busy}>
          ${busy ? html`<span class="spinner"></span> ${w.joining}` : w.joinButton}
        </button>
      </form>`;
  }

  private renderProblem(p: Extract<JoinPhase, { kind: 'problem' }>): TemplateResult {
    const w = this.i18n.workshop;
    const [title, text] =
      p.problem === 'unknown'
        ? [w.unknownTitle, w.unknownText(spacedCode(this.code))]
        : p.problem === 'ended'
          ? [w.endedTitle, w.endedText]
          : p.problem === 'full'
            ? [w.fullTitle, w.fullText(p.info?.seats ?? 0)]
            : [w.joinFailedTitle, p.message];
    return html`${p.info ? this.renderHeading(p.info) : nothing}
      <div class="card state" role="alert" data-problem=${p.problem}>
        <span class="icon">${alertIcon}</span>
        <h2>${title}</h2>
        <p>${text}</p>
        <div class="actions">
          <button class="btn" data-action="retry" @click=${() => void this.flow.open(this.code)}>
            ${refreshIcon} ${w.tryAgain}
          </button>
          <a class="btn ghost" href="#/">${w.toLessons}</a>
        </div>
      </div>`;
  }

  private renderWaiting(joined: JoinedWorkshop): TemplateResult {
    const w = this.i18n.workshop;
    const left = formatRemaining(
      Date.parse(joined.workshop.startsAt) - Date.now(),
      this.i18n.strings.durations,
    );
    return html`${this.renderHeading(joined.workshop)}
      <div class="meta"><span>${w.youAre(joined.name)}</span><span>${w.seatLabel(joined.seat)}</span></div>
      <div class="card state" data-waiting>
        ${
          left
            ? html`<h2>${w.waitingTitle}</h2>
                <div class="countdown" data-starts-in>${left}</div>
                <p>${w.waitingText}</p>`
            : html`<span class="spinner"></span>
                <h2>${w.preparingSeat}</h2>
                <p>${w.waitingText}</p>`
        }
      </div>`;
  }

  private readonly submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="name"]');
    const name = input?.value.trim() ?? '';
    if (!name) {
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
      return;
    }
    void this.flow.join(name);
  };
}

/** The workshop's language becomes the page's, unless the learner chose one on this browser. */
function followWorkshopLanguage(info: WorkshopInfo): void {
  let chosen: string | null = null;
  try {
    chosen = localStorage.getItem(LANGUAGE_KEY);
  } catch {
    chosen = null;
  }
  if (!chosen) setLanguage(info.language);
}

/** The start time as the page's language writes it (Indonesian: 24 hours, "17.05"), not the browser's. */
const clockTime = (ms: number, language: Language): string =>
  new Date(ms).toLocaleTimeString(language === 'id' ? 'id-ID' : [], { hour: '2-digit', minute: '2-digit' });
