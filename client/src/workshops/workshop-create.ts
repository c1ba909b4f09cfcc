// <workshop-create>: the trainer's form for a new workshop (title, lessons in order or free
// play, seats, start, duration, language); once created, the result page with the join code,
// the QR code and the trainer link (<workshop-created>).
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LANGUAGES, type Language, type LessonSummary } from '../../../common/lesson';
import {
  WORKSHOP_TITLE_MAX,
  type CreatedWorkshop,
  type CreateWorkshopRequest,
} from '../../../common/workshops';
import { LanguageController, liveStrings } from '../i18n/language-controller';
import { sharedStyles } from '../ui/shared-styles';
import { lessonPicker, lessonPickerStyles } from './lesson-picker';
import { createWorkshopApi } from './workshop-api';
import './workshop-created';
import { TrainerKeys, tabStorage } from './workshop-storage';
import { workshopPageStyles } from './workshop-styles';

export const MAX_SEATS = 100;
export const DURATIONS = [30, 45, 60, 90, 120, 180, 240, 360, 480] as const;

declare global {
  interface HTMLElementTagNameMap {
    'workshop-create': WorkshopCreate;
  }
}

@customElement('workshop-create')
export class WorkshopCreate extends LitElement {
  static override styles = [
    sharedStyles,
    workshopPageStyles,
    lessonPickerStyles,
    css`
      .seats {
        width: 110px;
      }
      .start-at {
        margin-top: 8px;
      }
    `,
  ];

  /** The catalogue to pick lessons from. */
  @property({ attribute: false }) lessons: readonly LessonSummary[] = [];
  @state() private workshopTitle = '';
  @state() private chosen: string[] = [];
  @state() private seats = 30;
  @state() private startNow = true;
  @state() private startAt = '';
  @state() private duration = 120;
  @state() private language: Language | undefined;
  @state() private busy = false;
  @state() private error = '';
  @state() private created: CreatedWorkshop | null = null;
  /** The playground asks for its workshop key (PLAYGROUND_WORKSHOP_KEY is set). */
  @state() private keyRequired = false;
  @state() private workshopKey = '';

  private readonly i18n = new LanguageController(this);
  private readonly api = createWorkshopApi({ messages: liveStrings() });

  override connectedCallback(): void {
    super.connectedCallback();
    // Without the answer the form still works: the server's refusal then says a key is needed.
    this.api.creation().then(
      ({ keyRequired }) => (this.keyRequired = keyRequired === true),
      () => undefined,
    );
  }

  override render() {
    if (this.created) return html`<workshop-created .created=${this.created}></workshop-created>`;
    const w = this.i18n.workshop;
    return html`<div class="page">
      <div class="head"><h1>${w.createTitle}</h1></div>
      <p class="lead">${w.createLead}</p>
      <form class="card" @submit=${this.submit} novalidate>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="field">
          <label for="title">${w.titleLabel}</label>
          <input
            id="title"
            name="title"
            required
            maxlength=${WORKSHOP_TITLE_MAX}
            placeholder=${w.titlePlaceholder}
            .value=${this.workshopTitle}
            @input=${(e: InputEvent) => (this.workshopTitle = (e.target as HTMLInputElement).value)}
          />
        </div>
        ${lessonPicker({
          words: w,
          language: this.i18n.language,
          catalogue: this.lessons,
          chosen: this.chosen,
          onChange: (chosen) => (this.chosen = chosen),
        })}
        <div class="row">${this.renderSeats()} ${this.renderDuration()} ${this.renderLanguage()}</div>
        ${this.renderStart()} ${this.keyRequired ? this.renderKey() : nothing}
        <div class="actions">
          <button class="btn primary large" type="submit" data-action="create" ?disabled=${this.busy}>
            ${this.busy ? html`<span class="spinner"></span> ${w.creating}` : w.createButton}
          </button>
          <a class="btn ghost" href="#/">${w.back}</a>
        </div>
      </form>
    </div>`;
  }

  private renderSeats(): TemplateResult {
    const w = this.i18n.workshop;
    return html`<div class="field">
      <label for="seats">${w.seatsLabel}</label>
      <input
        id="seats"
        name="seats"
        class="seats"
        type="number"
        min="1"
        max=${MAX_SEATS}
        .value=${String(this.seats)}
        @input=${(e: InputEvent) => (this.seats = Number((e.target as HTMLInputElement).value))}
      />
      <span class="hint">${w.seatsHint}</span>
    </div>`;
  }

  private renderKey(): TemplateResult {
    const w = this.i18n.workshop;
    return html`<div class="field">
      <label for="workshopKey">${w.keyLabel}</label>
      <input
        id="workshopKey"
        name="workshopKey"
        type="password"
        autocomplete="off"
        required
        .value=${this.workshopKey}
        @input=${(e: InputEvent) => (this.workshopKey = (e.target as HTMLInputElement).value)}
      />
      <span class="hint">${w.keyHint}</span>
    </div>`;
  }

  private renderDuration(): TemplateResult {
    const w = this.i18n.workshop;
    const d = this.i18n.strings.durations;
    return html`<div class="field">
      <label for="duration">${w.durationLabel}</label>
      <select
        id="duration"
        name="duration"
        @change=${(e: Event) => (this.duration = Number((e.target as HTMLSelectElement).value))}
      >
        ${DURATIONS.map(
          (min) =>
            html`<option value=${min} ?selected=${min === this.duration}>
              ${min < 60 ? d.minutes(min) : d.hours(Math.floor(min / 60), min % 60)}
            </option>`,
        )}
      </select>
    </div>`;
  }

  private renderLanguage(): TemplateResult {
    const w = this.i18n.workshop;
    const current = this.language ?? this.i18n.language;
    return html`<div class="field">
      <label for="language">${w.languageLabel}</label>
      <select
        id="language"
        name="language"
        @change=${(e: Event) => (this.language = (e.target as HTMLSelectElement).value as Language)}
      >
        ${LANGUAGES.map(
          (l) => html`<option value=${l} ?selected=${l === current}>${w.languageNames[l]}</option>`,
        )}
      </select>
    </div>`;
  }

  private renderStart(): TemplateResult {
    const w = this.i18n.workshop;
    return html`<fieldset class="field">
      <legend>${w.startLabel}</legend>
      <div>
        <label class="choice"
          ><input
            type="radio"
            name="start"
            .checked=${this.startNow}
            @change=${() => (this.startNow = true)}
          />
          ${w.startNow}</label
        >
        <label class="choice"
          ><input
            type="radio"
            name="start"
            data-action="start-later"
            .checked=${!this.startNow}
            @change=${() => (this.startNow = false)}
          />
          ${w.startAt}</label
        >
      </div>
      ${
        this.startNow
          ? nothing
          : html`<input
              class="start-at"
              type="datetime-local"
              name="startsAt"
              aria-label=${w.startAt}
              .value=${this.startAt}
              @input=${(e: InputEvent) => (this.startAt = (e.target as HTMLInputElement).value)}
            />`
      }
    </fieldset>`;
  }

  private readonly submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const request = this.request();
    if (!request) return;
    this.busy = true;
    this.error = '';
    try {
      const created = await this.api.create(request, this.keyRequired ? this.workshopKey.trim() : undefined);
      new TrainerKeys(tabStorage()).save(created.joinCode, created.trainerKey);
      this.created = created;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
    }
  };

  /** The request, or null with the reason shown when a field is not right. */
  private request(): CreateWorkshopRequest | null {
    const title = this.workshopTitle.trim();
    const startsAt = this.startNow ? undefined : new Date(this.startAt);
    const fail = (field: string) => {
      const input = this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`);
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
      return null;
    };
    for (const invalid of this.renderRoot.querySelectorAll('[aria-invalid]'))
      invalid.removeAttribute('aria-invalid');
    if (!title) return fail('title');
    if (!Number.isInteger(this.seats) || this.seats < 1 || this.seats > MAX_SEATS) return fail('seats');
    if (startsAt && !Number.isFinite(startsAt.getTime())) return fail('startsAt');
    if (this.keyRequired && !this.workshopKey.trim()) return fail('workshopKey');
    return {
      title,
      lessons: this.chosen,
      seats: this.seats,
      durationMinutes: this.duration,
      language: this.language ?? this.i18n.language,
      ...(startsAt ? { startsAt: startsAt.toISOString() } : {}),
    };
  }
}
