// <learner-detail>: the side panel of one learner on the trainer's page: their terminals,
// a message only they see, the next hint of the step they are on, and more time for them.
// Fires `close`.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MESSAGE_TEXT_MAX, type ClassState, type LearnerStatus } from '../../../common/workshop-live';
import { LanguageController } from '../i18n/language-controller';
import { sharedStyles } from '../ui/shared-styles';
import { currentStep } from './class-model';
import './watch-terminal';
import type { WorkshopApi } from './workshop-api';
import { workshopPageStyles } from './workshop-styles';
import { bulbIcon, clockIcon } from './workshop-icons';

const LEARNER_EXTEND_MINUTES = 10;

declare global {
  interface HTMLElementTagNameMap {
    'learner-detail': LearnerDetail;
  }
}

@customElement('learner-detail')
export class LearnerDetail extends LitElement {
  static override styles = [
    sharedStyles,
    workshopPageStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 16px;
        padding: 18px;
        background: var(--surface);
        border-left: 1px solid var(--border-strong);
        overflow-y: auto;
      }
      header {
        display: flex;
        align-items: center;
        gap: 10px;
      }
      h2 {
        flex: 1;
        min-width: 0;
        margin: 0;
        font-size: 18px;
        overflow-wrap: anywhere;
      }
      .sub {
        color: var(--text-muted);
        font-size: 13px;
      }
      h3 {
        margin: 0 0 8px;
        font-size: 13px;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--text-muted);
      }
      watch-terminal {
        display: block;
        height: 260px;
        margin-bottom: 8px;
      }
      textarea {
        width: 100%;
        min-height: 70px;
        resize: vertical;
      }
      .done {
        color: #56d364;
        font-size: 13px;
      }
      .stack .btn {
        justify-content: flex-start;
        white-space: normal;
        text-align: left;
        line-height: 1.3;
        padding: 8px 12px;
      }
      .stack {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
    `,
  ];

  @property({ attribute: false }) learner: LearnerStatus | null = null;
  @property({ attribute: false }) state: ClassState | null = null;
  @property({ attribute: false }) api: WorkshopApi | null = null;
  @property() code = '';
  @property({ attribute: false }) trainerKey = '';
  @state() private note = '';
  @state() private error = '';
  private readonly i18n = new LanguageController(this);

  override render() {
    const l = this.learner;
    const s = this.state;
    if (!l || !s) return nothing;
    const w = this.i18n.workshop;
    const step = currentStep(s, l);
    return html`<header>
        <h2 data-detail=${l.id}>${l.name}</h2>
        <button
          class="btn ghost"
          data-action="close-detail"
          @click=${() => this.dispatchEvent(new CustomEvent('close'))}
        >
          ${w.closePanel}
        </button>
      </header>
      <div class="sub">${w.seatLabel(l.seat)} · ${l.online ? w.online : w.offline}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.note ? html`<p class="done" role="status">${this.note}</p>` : nothing} ${this.renderTerminals(l)}
      <form
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          void this.sendMessage();
        }}
      >
        <h3><label for="message">${w.messageLabel}</label></h3>
        <textarea id="message" maxlength=${MESSAGE_TEXT_MAX} placeholder=${w.messagePlaceholder}></textarea>
        <button class="btn" type="submit" data-action="message-learner">${w.send}</button>
      </form>
      <div class="stack">
        ${
          step
            ? html`<button
                class="btn"
                data-action="push-hint"
                @click=${() => void this.pushHint(step.stepId)}
              >
                ${bulbIcon()} ${w.pushHint(step.title)}
              </button>`
            : nothing
        }
        <button class="btn" data-action="extend-learner" @click=${() => void this.extend()}>
          ${clockIcon()} ${w.extendLearner(LEARNER_EXTEND_MINUTES)}
        </button>
      </div>`;
  }

  private renderTerminals(l: LearnerStatus): TemplateResult {
    const w = this.i18n.workshop;
    return html`<section>
      <h3>${w.terminalsLabel}</h3>
      ${
        l.terminals.length
          ? l.terminals.map(
              (t) =>
                html`<watch-terminal
                  mode="watch"
                  code=${this.code}
                  learner-id=${l.id}
                  pane-id=${t.paneId}
                  heading=${`${t.host} · ${t.title}`}
                  .token=${this.trainerKey}
                  .presence=${l.presence}
                ></watch-terminal>`,
            )
          : html`<p class="sub">${w.noTerminals}</p>`
      }
    </section>`;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const before = changed.get('learner') as LearnerStatus | null | undefined;
    if (changed.has('learner') && before?.id !== this.learner?.id) {
      this.note = '';
      this.error = '';
    }
  }

  private async sendMessage(): Promise<void> {
    const area = this.renderRoot.querySelector('textarea');
    const text = area?.value.trim() ?? '';
    const l = this.learner;
    if (!text || !l) return;
    if (await this.act(() => this.api!.message(this.code, this.trainerKey, { text, learnerId: l.id })))
      area!.value = '';
  }

  private async pushHint(stepId: string): Promise<void> {
    const l = this.learner;
    if (l)
      await this.act(
        () => this.api!.pushHint(this.code, this.trainerKey, l.id, { stepId }),
        this.i18n.workshop.hintSent,
      );
  }

  private async extend(): Promise<void> {
    const l = this.learner;
    if (l)
      await this.act(() =>
        this.api!.extend(this.code, this.trainerKey, { minutes: LEARNER_EXTEND_MINUTES, learnerId: l.id }),
      );
  }

  /** Runs a trainer action; says it worked, or why not. */
  private async act(call: () => Promise<void>, note = this.i18n.workshop.sent): Promise<boolean> {
    this.error = '';
    this.note = '';
    try {
      await call();
      this.note = note;
      return true;
    } catch (err) {
      this.error = this.i18n.workshop.actionFailed(err instanceof Error ? err.message : String(err));
      return false;
    }
  }
}
