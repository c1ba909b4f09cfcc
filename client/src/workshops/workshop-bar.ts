// <workshop-bar>: a learner's workshop above their lesson: its title and their seat, the time
// left (warning in the last 5 minutes), the way to the workshop's other lessons (when it has
// several), "Ask for help" with an optional line (then its
// pending state and Withdraw), their personal resume link, and the trainer's messages, which
// stay until dismissed.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { HELP_TEXT_MAX, type SeatInfo } from '../../../common/workshop-live';
import { formatRemaining } from '../app/app-state';
import { LanguageController } from '../i18n/language-controller';
import './copy-field';
import { timeLeft } from './class-model';
import type { LessonPlace } from './lesson-place';
import './workshop-lesson-nav';
import { workshopBarStyles } from './workshop-bar-styles';
import { clockIcon, handIcon, linkIcon } from './workshop-icons';

/** A message from the trainer, as a learner's page keeps it until dismissed. */
export interface TrainerMessage {
  text: string;
  toEveryone: boolean;
  at: string;
}

export interface WorkshopBarActions {
  askHelp(text: string): void;
  withdrawHelp(): void;
  dismiss(message: TrainerMessage): void;
  /** Another of the workshop's lessons, in the same sandbox. */
  moveLesson(lessonId: string): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'workshop-bar': WorkshopBar;
  }
}

@customElement('workshop-bar')
export class WorkshopBar extends LitElement {
  static override styles = workshopBarStyles;

  @property({ attribute: false }) seat: SeatInfo | null = null;
  @property({ attribute: false }) messages: readonly TrainerMessage[] = [];
  @property({ attribute: false }) help: { text: string; at: string } | null = null;
  @property({ type: Boolean }) busy = false;
  @property({ type: Number }) now = Date.now();
  @property() resumeLink = '';
  @property({ attribute: false }) actions: WorkshopBarActions | null = null;
  /** Where the learner is among the workshop's lessons (null: one lesson, nowhere to move). */
  @property({ attribute: false }) place: LessonPlace | null = null;
  @property({ attribute: false }) titleOf: (lessonId: string) => string = (id) => id;
  @state() private asking = false;
  @state() private showingResume = false;
  private readonly i18n = new LanguageController(this);

  override render() {
    const seat = this.seat;
    if (!seat) return nothing;
    const w = this.i18n.workshop;
    const left = timeLeft(seat.endsAt, this.now);
    const leftText = formatRemaining(left.ms, this.i18n.strings.durations);
    return html`<div
        class=${`bar ${left.warn ? 'warn' : ''} ${left.over ? 'over' : ''}`}
        data-workshop=${seat.code}
      >
        <span class="title" title=${seat.title}>${seat.title}</span>
        <span class="who">${w.seatLabel(seat.seat)} · ${seat.name}</span>
        <workshop-lesson-nav
          .place=${this.place}
          .busy=${this.busy}
          .titleOf=${this.titleOf}
          .move=${(lessonId: string) => this.actions?.moveLesson(lessonId)}
        ></workshop-lesson-nav>
        <span class="time" data-time-left role=${left.warn ? 'alert' : nothing}>
          ${clockIcon()}
          ${leftText ? (left.warn ? w.endsSoon(leftText) : w.timeLeft(leftText)) : w.workshopOver}
        </span>
        <span class="spacer"></span>
        ${this.renderHelp()}
        ${
          this.resumeLink
            ? html`<button
                class="btn ghost"
                data-action="resume-link"
                aria-expanded=${this.showingResume ? 'true' : 'false'}
                @click=${() => (this.showingResume = !this.showingResume)}
              >
                ${linkIcon()} ${w.resumeLink}
              </button>`
            : nothing
        }
      </div>
      ${this.renderAskForm()} ${this.renderResume()}
      <div class="messages" role="status" aria-live="polite">
        ${this.messages.map((m) => this.renderMessage(m))}
      </div>`;
  }

  private renderHelp(): TemplateResult {
    const w = this.i18n.workshop;
    if (this.help)
      return html`<span class="pending" data-help-pending>${handIcon()} ${w.helpPending}</span>
        <button
          class="btn"
          data-action="withdraw-help"
          ?disabled=${this.busy}
          @click=${() => this.actions?.withdrawHelp()}
        >
          ${w.withdrawHelp}
        </button>`;
    return html`<button
      class="btn primary"
      data-action="ask-help"
      aria-expanded=${this.asking ? 'true' : 'false'}
      @click=${() => (this.asking = !this.asking)}
    >
      ${handIcon()} ${w.askHelp}
    </button>`;
  }

  private renderAskForm(): TemplateResult | typeof nothing {
    if (!this.asking || this.help) return nothing;
    const w = this.i18n.workshop;
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="help"]');
      this.actions?.askHelp(input?.value.trim() ?? '');
      this.asking = false;
    };
    return html`<form class="ask" @submit=${submit}>
      <input
        name="help"
        maxlength=${HELP_TEXT_MAX}
        placeholder=${w.helpPlaceholder}
        aria-label=${w.askHelp}
      />
      <button class="btn primary" type="submit" data-action="send-help" ?disabled=${this.busy}>
        ${w.sendHelp}
      </button>
      <button class="btn ghost" type="button" @click=${() => (this.asking = false)}>${w.cancel}</button>
    </form>`;
  }

  private renderResume(): TemplateResult | typeof nothing {
    if (!this.showingResume || !this.resumeLink) return nothing;
    const w = this.i18n.workshop;
    return html`<div class="resume">
      <copy-field secret .value=${this.resumeLink} label=${w.resumeLink}></copy-field>
      <p>${w.resumeLinkHint}</p>
    </div>`;
  }

  private renderMessage(m: TrainerMessage): TemplateResult {
    const w = this.i18n.workshop;
    const at = new Date(m.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return html`<div class="message" data-message>
      <div class="from">${w.fromTrainer}${m.toEveryone ? ` · ${w.toEveryone}` : ''} · ${at}</div>
      <div class="text">${m.text}</div>
      <button class="btn ghost" data-action="dismiss-message" @click=${() => this.actions?.dismiss(m)}>
        ${w.dismiss}
      </button>
    </div>`;
  }
}
