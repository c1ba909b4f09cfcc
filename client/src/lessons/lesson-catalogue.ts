// <lesson-catalogue>: the lessons as cards (title, summary, minutes, steps, this browser's
// progress) and a "Free play" card for a sandbox without a lesson. The page puts the sandbox it
// keeps running, if any, in the "running" slot above them.
// Fires `open-lesson` {lessonId}, `free-play`, `language-change` {language}, `retry-lessons`.

import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LANGUAGES, type LessonSummary } from '../../../common/lesson';
import { LanguageController } from '../i18n/language-controller';
import { alertIcon, refreshIcon } from '../ui/icons';
import { sharedStyles } from '../ui/shared-styles';
import { changeLanguage, languageSwitch, languageSwitchStyles } from './language-switch';
import { bookIcon, checkIcon, chevronRightIcon, clockIcon, sandboxIcon, stepsIcon } from './lesson-icons';
import type { ProgressByLesson } from './progress-store';

export type CatalogueLoadState = 'loading' | 'ready' | 'error';

export interface OpenLessonDetail {
  lessonId: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'lesson-catalogue': LessonCatalogue;
  }
  interface HTMLElementEventMap {
    'open-lesson': CustomEvent<OpenLessonDetail>;
    'free-play': CustomEvent<void>;
    'retry-lessons': CustomEvent<void>;
  }
}

@customElement('lesson-catalogue')
export class LessonCatalogue extends LitElement {
  static override styles = [
    sharedStyles,
    languageSwitchStyles,
    css`
      :host {
        display: block;
        height: 100%;
        overflow-y: auto;
        color: var(--text);
      }
      .wrap {
        max-width: 1080px;
        margin: 0 auto;
        padding: 36px 24px 48px;
      }
      .head {
        display: flex;
        align-items: flex-start;
        gap: 16px;
        margin-bottom: 8px;
      }
      h1 {
        flex: 1;
        min-width: 0;
        margin: 0;
        font-size: clamp(22px, 3.2vw, 30px);
        letter-spacing: -0.02em;
        line-height: 1.2;
      }
      .lead {
        margin: 0 0 26px;
        max-width: 640px;
        color: var(--text-muted);
        font-size: 15.5px;
        line-height: 1.55;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(290px, 1fr));
        gap: 16px;
      }
      .card {
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 18px 18px 16px;
        border-radius: 14px;
        border: 1px solid var(--border);
        background: var(--surface);
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
        transition:
          border-color 140ms ease,
          background-color 140ms ease,
          transform 140ms ease;
      }
      .card:hover {
        border-color: var(--border-strong);
        background: #141b28;
        transform: translateY(-1px);
      }
      .card:focus-visible {
        outline: 2px solid var(--focus);
        outline-offset: 2px;
      }
      .card-top {
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .badge-icon {
        flex: none;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 38px;
        height: 38px;
        border-radius: 10px;
        color: var(--accent-text);
        background: rgba(29, 99, 237, 0.14);
      }
      .card.done .badge-icon {
        color: #fff;
        background: #238636;
      }
      .card.free .badge-icon {
        color: #e3b341;
        background: rgba(210, 153, 34, 0.14);
      }
      .card h2 {
        margin: 0;
        font-size: 16.5px;
        line-height: 1.3;
      }
      .card p {
        margin: 0;
        flex: 1;
        color: var(--text-muted);
        font-size: 14px;
        line-height: 1.5;
      }
      .file-errors {
        color: var(--danger);
        font-size: 0.85em;
        text-align: start;
      }
      .file-errors ul {
        margin: 0.25em 0 0;
        padding-inline-start: 1.2em;
      }
      .file-errors code {
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 14px;
        font-size: 12.5px;
        color: var(--text-muted);
      }
      .meta span {
        display: inline-flex;
        align-items: center;
        gap: 5px;
      }
      .meta .only-in {
        padding: 1px 8px;
        border-radius: 999px;
        border: 1px solid var(--border-strong);
      }
      .bar {
        height: 5px;
        border-radius: 999px;
        background: var(--surface-3);
        overflow: hidden;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--success);
      }
      .card-foot {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 10px;
        margin-top: 2px;
        font-size: 13px;
      }
      .state {
        color: var(--text-muted);
      }
      .state.done {
        color: #56d364;
        font-weight: 600;
        display: inline-flex;
        align-items: center;
        gap: 5px;
      }
      .go {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        font-weight: 600;
        color: var(--accent-text);
      }
      .card.free {
        border-style: dashed;
        border-color: var(--border-strong);
        background: transparent;
      }
      .message {
        padding: 40px 0;
        text-align: center;
        color: var(--text-muted);
      }
      .message h2 {
        color: var(--text);
        font-size: 18px;
        margin: 10px 0 14px;
      }
      .message .alert {
        color: var(--danger);
      }
      @media (max-width: 560px) {
        .wrap {
          padding: 22px 16px 32px;
        }
        .grid {
          grid-template-columns: 1fr;
          gap: 12px;
        }
      }
    `,
  ];

  @property({ attribute: false }) lessons: readonly LessonSummary[] = [];
  /** The page's language: the catalogue's words and lesson titles follow the learner's choice. */
  private readonly i18n = new LanguageController(this);
  /** Steps done per lesson id, as kept by ProgressStore. */
  @property({ attribute: false }) progressByLesson: ProgressByLesson = {};
  @property({ attribute: 'data-load-state', reflect: true }) loadState: CatalogueLoadState = 'ready';

  override render() {
    const s = this.i18n.lesson;
    return html`<div class="wrap">
      <div class="head">
        <h1>${s.catalogueTitle}</h1>
        ${languageSwitch(this.i18n.language, s.languageLabel, (language) =>
          changeLanguage(this, this.i18n.language, language),
        )}
      </div>
      <p class="lead">${s.catalogueLead}</p>
      <slot name="running"></slot>
      ${this.renderBody()}
    </div>`;
  }

  private renderBody(): TemplateResult {
    const s = this.i18n.lesson;
    if (this.loadState === 'loading')
      return html`<div class="message" aria-busy="true">
        <span class="spinner"></span>
        <p>${s.loadingLessons}</p>
      </div>`;
    if (this.loadState === 'error')
      return html`<div class="message" role="alert">
        <span class="alert">${alertIcon}</span>
        <h2>${s.lessonsFailedTitle}</h2>
        <button class="btn primary" data-action="retry-lessons" @click=${() => this.fire('retry-lessons')}>
          ${refreshIcon} ${s.tryAgain}
        </button>
      </div>`;
    const lessons = [...this.lessons].sort((a, b) => a.order - b.order);
    return html`<div class="grid">
        ${lessons.map((lesson) => this.renderLesson(lesson))}
        <button class="card free" data-action="free-play" @click=${() => this.fire('free-play')}>
          <div class="card-top">
            <span class="badge-icon">${sandboxIcon()}</span>
            <h2>${s.freePlayTitle}</h2>
          </div>
          <p>${s.freePlayText}</p>
          <div class="card-foot">
            <span></span>
            <span class="go">${s.freePlayButton} ${chevronRightIcon(15)}</span>
          </div>
        </button>
      </div>
      ${lessons.length ? nothing : html`<p class="message">${s.noLessons}</p>`}`;
  }

  private renderLesson(lesson: LessonSummary): TemplateResult {
    const s = this.i18n.lesson;
    const progress = this.progressByLesson[lesson.id];
    const total = lesson.stepCount;
    const done = progress && progress.total === total ? Math.min(progress.done, total) : 0;
    const complete = done === total;
    const action = complete ? s.reviewCard : done > 0 ? s.continueCard : s.startCard;
    return html`<button
      class="card ${complete ? 'done' : ''}"
      data-lesson=${lesson.id}
      data-done=${done}
      @click=${() => this.dispatchEvent(new CustomEvent<OpenLessonDetail>('open-lesson', { detail: { lessonId: lesson.id }, bubbles: true, composed: true }))}
    >
      <div class="card-top">
        <span class="badge-icon">${complete ? checkIcon(20) : bookIcon()}</span>
        <h2>${lesson.title[this.i18n.language]}</h2>
      </div>
      <p>${lesson.summary[this.i18n.language]}</p>
      <div class="meta">
        ${lesson.minutes ? html`<span>${clockIcon()} ${s.minutes(lesson.minutes)}</span>` : nothing}
        <span>${stepsIcon()} ${s.stepCount(total)}</span>
        ${
          lesson.languages.length < LANGUAGES.length
            ? html`<span class="only-in" data-only-in=${lesson.languages.join(' ')}
                >${s.onlyIn(lesson.languages.map((l) => s.languageNames[l]).join(', '))}</span
              >`
            : nothing
        }
      </div>
      ${
        lesson.problems?.length
          ? html`<div class="file-errors" role="note">
              ${alertIcon} ${s.lessonFileErrors}
              <ul>
                ${lesson.problems.map((p) => html`<li><code>${p}</code></li>`)}
              </ul>
            </div>`
          : nothing
      }
      ${done > 0 ? html`<div class="bar" aria-hidden="true"><span style="width: ${(100 * done) / total}%"></span></div>` : nothing}
      <div class="card-foot">
        ${
          complete
            ? html`<span class="state done">${checkIcon(14)} ${s.completedBadge}</span>`
            : html`<span class="state">${done > 0 ? s.progressBadge(done, total) : ''}</span>`
        }
        <span class="go">${action} ${chevronRightIcon(15)}</span>
      </div>
    </button>`;
  }

  private fire(name: 'free-play' | 'retry-lessons'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}
