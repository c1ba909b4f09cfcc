// <workshop-trainer>: the trainer's class view (#/trainer/CODE). The trainer key comes from
// the trainer link's fragment once, is kept for this tab, and leaves the address bar (the
// page may be on a projector). The grid fills from the class socket; a click on a learner
// opens their side panel.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LessonSummary } from '../../../common/lesson';
import { confirmStyles } from '../ui/confirm-styles';
import { LanguageController, liveStrings } from '../i18n/language-controller';
import { sharedStyles } from '../ui/shared-styles';
import { alertIcon } from '../ui/icons';
import './class-grid';
import { ClassSocket } from './class-socket';
import './join-projector';
import './learner-detail';
import './trainer-demo';
import { trainerHeader, trainerHeaderStyles } from './trainer-header';
import { createWorkshopApi, type ResultFormat } from './workshop-api';
import { joinLink } from './workshop-format';
import { TrainerKeys, tabStorage } from './workshop-storage';
import { workshopPageStyles } from './workshop-styles';

const CLOCK_MS = 1000;
const NOTE_MS = 4000;

declare global {
  interface HTMLElementTagNameMap {
    'workshop-trainer': WorkshopTrainer;
  }
}

@customElement('workshop-trainer')
export class WorkshopTrainer extends LitElement {
  static override styles = [
    sharedStyles,
    workshopPageStyles,
    confirmStyles,
    trainerHeaderStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        overflow: hidden;
      }
      .body {
        flex: 1;
        min-height: 0;
        display: flex;
      }
      class-grid {
        flex: 1;
        min-width: 0;
        margin: 14px;
      }
      learner-detail {
        flex: none;
        width: min(420px, 40vw);
      }
      /* Beside the grid, wide enough for an 80-column shell where the screen allows. */
      trainer-demo {
        flex: none;
        width: clamp(340px, 40vw, 720px);
      }
      .status {
        margin: 40px auto;
        text-align: center;
        color: var(--text-muted);
      }
      .banner {
        padding: 6px 18px;
        background: rgba(210, 153, 34, 0.16);
        color: #e3b341;
        font-size: 13.5px;
      }
      .dialog-back {
        position: fixed;
        inset: 0;
        z-index: 60;
        background: rgba(0, 0, 0, 0.55);
        display: flex;
        align-items: center;
        justify-content: center;
      }
      .confirm {
        max-width: 460px;
        padding: 20px;
        border-radius: 12px;
        background: var(--surface);
        border: 1px solid var(--border-strong);
      }
    `,
  ];

  @property() code = '';
  /** The key from the trainer link, when the page was opened with one. */
  @property({ attribute: false }) key: string | undefined;
  @property({ attribute: false }) lessons: readonly LessonSummary[] = [];
  @state() private trainerKey: string | null = null;
  @state() private selected: string | null = null;
  @state() private projecting = false;
  /** The demo terminal has been opened (it then stays mounted, so its panes stay open). */
  @state() private demoOpened = false;
  @state() private demoShown = false;
  @state() private confirmingEnd = false;
  @state() private note = '';
  @state() private now = Date.now();

  private readonly i18n = new LanguageController(this);
  private readonly socket = new ClassSocket(this);
  private readonly api = createWorkshopApi({ messages: liveStrings() });
  private readonly keys = new TrainerKeys(tabStorage());
  private clock: ReturnType<typeof setInterval> | undefined;
  private noteTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    clearTimeout(this.noteTimer);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('code') && !changed.has('key')) return;
    if (this.key) {
      this.keys.save(this.code, this.key);
      // The key leaves the address bar (and the history) at once.
      history.replaceState(history.state, '', `#/trainer/${this.code}`);
    }
    this.trainerKey = this.key ?? this.keys.get(this.code);
    if (this.trainerKey) this.socket.open(this.code, this.trainerKey);
    else this.socket.close();
  }

  override render() {
    const w = this.i18n.workshop;
    const state = this.socket.state;
    if (!this.trainerKey || this.socket.connection === 'refused')
      return this.renderStatus(w.needKeyTitle, this.socket.refusal || w.needKeyText);
    if (!state) return this.renderStatus(w.connecting, '', true);
    const learner = state.learners.find((l) => l.id === this.selected) ?? null;
    return html`${trainerHeader({
        words: w,
        durations: this.i18n.strings.durations,
        state,
        now: this.now,
        broadcastNote: this.note,
        onProjector: () => (this.projecting = true),
        onExtend: (minutes) => void this.act(() => this.api.extend(this.code, this.heldKey, { minutes })),
        onEnd: () => (this.confirmingEnd = true),
        onBroadcast: (text) =>
          void this.act(() => this.api.message(this.code, this.heldKey, { text }), w.sent),
        onExport: (format) => void this.exportResults(format),
        demoShown: this.demoShown && !learner,
        onDemo: () => this.toggleDemo(learner !== null),
      })}
      ${this.socket.connection === 'reconnecting' ? html`<div class="banner" role="status">${w.reconnecting}</div>` : nothing}
      <div class="body">
        <class-grid
          .state=${state}
          .lessonTitles=${this.lessonTitles()}
          .selected=${this.selected}
          .now=${this.now}
          @select-learner=${(e: CustomEvent<{ learnerId: string }>) => (this.selected = e.detail.learnerId)}
          @resolve-help=${(e: CustomEvent<{ helpId: string }>) =>
            void this.act(() => this.api.resolveHelp(this.code, this.heldKey, e.detail.helpId))}
        ></class-grid>
        ${
          learner
            ? html`<learner-detail
                .learner=${learner}
                .state=${state}
                .api=${this.api}
                .code=${this.code}
                .trainerKey=${this.trainerKey}
                @close=${() => (this.selected = null)}
              ></learner-detail>`
            : nothing
        }
        ${
          this.demoOpened
            ? html`<trainer-demo
                code=${this.code}
                .trainerKey=${this.trainerKey}
                .api=${this.api}
                ?hidden=${!this.demoShown || learner !== null}
              ></trainer-demo>`
            : nothing
        }
      </div>
      ${this.renderProjector(state.workshop.title)} ${this.renderEndConfirm(state.learners.length)}`;
  }

  protected override updated(): void {
    this.dataset.connection = this.socket.connection;
  }

  private get heldKey(): string {
    return this.trainerKey ?? '';
  }

  /** One side panel at a time: showing the demo closes a learner's panel. */
  private toggleDemo(learnerOpen: boolean): void {
    this.demoOpened = true;
    this.demoShown = learnerOpen || !this.demoShown;
    if (learnerOpen) this.selected = null;
  }

  private renderStatus(title: string, text: string, busy = false): TemplateResult {
    return html`<div class="page">
      <div class="card status" ?aria-busy=${busy} data-status>
        ${busy ? html`<span class="spinner"></span>` : alertIcon}
        <h2>${title}</h2>
        ${text ? html`<p>${text}</p>` : nothing}
      </div>
    </div>`;
  }

  private renderProjector(title: string): TemplateResult | typeof nothing {
    if (!this.projecting) return nothing;
    return html`<join-projector
      .code=${this.code}
      .url=${joinLink(location.origin, this.code)}
      .heading=${title}
      @close=${() => (this.projecting = false)}
    ></join-projector>`;
  }

  private renderEndConfirm(learners: number): TemplateResult | typeof nothing {
    if (!this.confirmingEnd) return nothing;
    const w = this.i18n.workshop;
    return html`<div class="dialog-back" @click=${() => (this.confirmingEnd = false)}>
      <div class="confirm" role="alertdialog" aria-modal="true" @click=${(e: Event) => e.stopPropagation()}>
        <h2>${w.endConfirmTitle}</h2>
        <p>${w.endConfirmText(learners)}</p>
        <div class="row">
          <button class="btn" @click=${() => (this.confirmingEnd = false)}>${w.cancel}</button>
          <button class="btn danger" data-action="confirm-end" @click=${() => void this.endWorkshop()}>
            ${w.endConfirmButton}
          </button>
        </div>
      </div>
    </div>`;
  }

  private lessonTitles(): Record<string, string> {
    const language = this.i18n.language;
    return Object.fromEntries(this.lessons.map((l) => [l.id, l.title[language]]));
  }

  private async endWorkshop(): Promise<void> {
    this.confirmingEnd = false;
    await this.act(async () => {
      await this.api.end(this.code, this.heldKey);
    });
  }

  private async exportResults(format: ResultFormat): Promise<void> {
    await this.act(async () => {
      const text = await this.api.results(this.code, this.heldKey, format, this.i18n.language);
      const type = format === 'csv' ? 'text/csv' : 'application/json';
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `workshop-${this.code}-results.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }, '');
  }

  /** A workshop-wide action; its outcome shows beside the broadcast box for a moment. */
  private async act(call: () => Promise<void>, done = ''): Promise<void> {
    try {
      await call();
      this.showNote(done);
    } catch (err) {
      this.showNote(this.i18n.workshop.actionFailed(err instanceof Error ? err.message : String(err)));
    }
  }

  private showNote(note: string): void {
    this.note = note;
    clearTimeout(this.noteTimer);
    this.noteTimer = setTimeout(() => (this.note = ''), NOTE_MS);
  }
}
