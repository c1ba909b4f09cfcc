// <lesson-panel>: one lesson beside the terminals. The overview (intro and list of steps), one
// step at a time with its check, hints and solution, a stepper and a progress bar, and a finish
// card when every step has passed.
//
// Moving on is never automatic: when a step passes, the panel says so where the learner's eyes
// are (the status card under the step's text, the stepper dot, the footer's Next button turns
// primary) but stays on the step, because the text after a command often explains its output
// and a jump would take it away mid-sentence. The only automatic move is landing: a lesson that
// opens with progress (a reload) lands on the first step not done.
//
// State for end-to-end tests: data-load-state on the host, data-state on step elements.

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { LessonProgress } from '../../../common/events';
import type { LocalizedLesson } from '../../../common/lesson';
import { LanguageController } from '../i18n/language-controller';
import type { LessonStrings } from '../i18n/strings-type';
import { alertIcon, refreshIcon } from '../ui/icons';
import { sharedStyles } from '../ui/shared-styles';
import { changeLanguage, languageSwitch, languageSwitchStyles } from './language-switch';
import { chevronLeftIcon } from './lesson-icons';
import { renderOverview } from './lesson-overview';
import { renderFooter, renderStepper } from './lesson-panel-nav';
import { panelStyles } from './lesson-panel-styles';
import type { PanelView } from './lesson-panel-view';
import { renderStep } from './lesson-step-page';
import {
  OVERVIEW,
  clampStep,
  landingStep,
  newlyPassed,
  passedCount,
  stepStatuses,
  type StepStatus,
} from './step-navigation';

export type LessonLoadState = 'loading' | 'ready' | 'error';

export interface StepChangeDetail {
  /** OVERVIEW (-1) or a step's index. */
  index: number;
  stepId: string | null;
}

export interface CheckStepDetail {
  stepId: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'lesson-panel': LessonPanel;
  }
  interface HTMLElementEventMap {
    'step-change': CustomEvent<StepChangeDetail>;
    'check-step': CustomEvent<CheckStepDetail>;
    /** The learner opened one more hint of a step (a workshop's trainer counts them). */
    'hint-open': CustomEvent<CheckStepDetail>;
    'open-catalogue': CustomEvent<void>;
    'retry-lesson': CustomEvent<void>;
  }
}

/** How long a step that just passed is celebrated. */
const CELEBRATE_MS = 2400;
/** A check the learner asked for shows as running until progress arrives, or this long. */
const CHECK_REQUEST_MS = 15_000;

@customElement('lesson-panel')
export class LessonPanel extends LitElement {
  static override styles = [sharedStyles, languageSwitchStyles, panelStyles];

  /** The lesson in the language shown. */
  @property({ attribute: false }) lesson: LocalizedLesson | undefined;
  /** The server's progress for this lesson (other lessons' progress is ignored). */
  @property({ attribute: false }) progress: LessonProgress | undefined;
  /** The page shown: OVERVIEW (-1) or a step index. The learner changes it (fires `step-change`). */
  @property({ type: Number, attribute: 'active-step', reflect: true }) activeStep = OVERVIEW;
  @property({ attribute: 'data-load-state', reflect: true }) loadState: LessonLoadState = 'ready';
  /** Why the lesson failed to load, shown with the error. */
  @property({ attribute: false }) loadError = '';

  @state() private hintsShown = new Map<string, number>();
  @state() private checkRequested = new Set<string>();
  @state() private celebrating = new Set<string>();
  @query('.content') private content?: HTMLElement;

  private statuses: StepStatus[] = [];
  /** True once the learner moved by themselves: progress then never moves them. */
  private navigated = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  /** The page's language: the panel's own words follow the learner's choice at once. */
  private readonly i18n = new LanguageController(this);
  private get s(): LessonStrings {
    return this.i18n.lesson;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const lesson = this.lesson;
    const before = this.statuses;
    this.statuses = lesson ? stepStatuses(lesson, this.progress) : [];
    if (!lesson) return;

    const previousLesson = changed.get('lesson') as LocalizedLesson | undefined;
    const newLesson = changed.has('lesson') && previousLesson?.id !== lesson.id;
    const previousProgress = changed.get('progress') as LessonProgress | undefined;
    const firstProgress =
      changed.has('progress') &&
      this.progress?.lessonId === lesson.id &&
      previousProgress?.lessonId !== lesson.id &&
      !this.navigated;
    if (newLesson) {
      this.navigated = false;
      this.hintsShown = new Map();
      this.checkRequested = new Set();
      this.celebrating = new Set();
    }
    if ((newLesson || firstProgress) && !changed.has('activeStep')) {
      this.activeStep = landingStep(this.statuses, lesson.intro.length > 0);
    } else if (!newLesson && changed.has('progress')) {
      this.checkRequested = new Set();
      const passed = newlyPassed(before, this.statuses);
      if (passed.length) this.celebrate(passed);
    }
    this.activeStep = clampStep(this.activeStep, lesson.steps.length);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('activeStep') && changed.get('activeStep') !== undefined && this.content)
      this.content.scrollTop = 0;
  }

  override render() {
    const view = this.loadState === 'ready' && this.lesson ? this.view(this.lesson) : undefined;
    return html`<section class="panel" aria-label=${this.s.lessonLabel}>
      ${this.renderHeader()}
      ${
        view
          ? html`${renderStepper(view)}
              <div class="content">${this.renderPage(view)}</div>
              ${renderFooter(view)}`
          : html`<div class="content">${this.renderLoadState()}</div>`
      }
    </section>`;
  }

  // ----- header and the pages while loading -----

  private renderHeader(): TemplateResult {
    const s = this.s;
    const lesson = this.loadState === 'ready' ? this.lesson : undefined;
    const done = passedCount(this.statuses);
    const total = this.statuses.length;
    return html`<header>
      <div class="header-row">
        <button
          class="btn ghost icon-btn"
          data-action="open-catalogue"
          title=${s.allLessons}
          aria-label=${s.allLessons}
          @click=${this.openCatalogue}
        >
          ${chevronLeftIcon(18)}
        </button>
        <div class="titles">
          <span class="eyebrow">${s.lessonLabel}</span>
          <h1 title=${lesson?.title ?? ''}>${lesson?.title ?? '\u00a0'}</h1>
        </div>
        ${languageSwitch(this.i18n.language, s.languageLabel, (language) =>
          changeLanguage(this, this.i18n.language, language),
        )}
      </div>
      ${
        lesson
          ? html`<div class="progress" title=${s.progressLabel(done, total)}>
              <div
                class="bar"
                role="progressbar"
                aria-label=${s.progressLabel(done, total)}
                aria-valuemin="0"
                aria-valuemax=${total}
                aria-valuenow=${done}
              >
                <span style="width: ${total ? (100 * done) / total : 0}%"></span>
              </div>
              <span class="count" data-progress=${`${done}/${total}`}>${done}/${total}</span>
            </div>`
          : nothing
      }
    </header>`;
  }

  private renderLoadState(): TemplateResult {
    const s = this.s;
    if (this.loadState === 'error')
      return html`<div class="state-card error" role="alert" data-lesson-error>
        <span class="state-icon">${alertIcon}</span>
        <h2>${s.lessonFailedTitle}</h2>
        <p>${this.loadError || s.lessonFailedText}</p>
        <button class="btn primary" data-action="retry-lesson" @click=${this.retry}>
          ${refreshIcon} ${s.tryAgain}
        </button>
      </div>`;
    return html`<div class="state-card loading" aria-busy="true">
      <span class="spinner big" aria-hidden="true"></span>
      <p>${s.loadingLesson}</p>
      <div class="skeleton" aria-hidden="true"><span></span><span></span><span></span><span></span></div>
    </div>`;
  }

  private renderPage(view: PanelView): TemplateResult {
    const step = view.lesson.steps[this.activeStep];
    return step ? renderStep(view, step, this.activeStep) : renderOverview(view);
  }

  /** What the pages, the stepper and the footer are drawn from. */
  private view(lesson: LocalizedLesson): PanelView {
    return {
      strings: this.s,
      lesson,
      statuses: this.statuses,
      activeStep: this.activeStep,
      celebrating: this.celebrating,
      checkRequested: this.checkRequested,
      hintsShown: this.hintsShown,
      go: (index) => this.go(index),
      check: (stepId) => this.check(stepId),
      showHint: (stepId, count) => this.showHint(stepId, count),
      openCatalogue: () => this.openCatalogue(),
    };
  }

  // ----- actions -----

  private go(index: number | null): void {
    if (index === null || !this.lesson) return;
    const target = clampStep(index, this.lesson.steps.length);
    this.navigated = true;
    if (target === this.activeStep) return;
    this.activeStep = target;
    this.dispatchEvent(
      new CustomEvent<StepChangeDetail>('step-change', {
        detail: { index: target, stepId: this.lesson.steps[target]?.id ?? null },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private check(stepId: string): void {
    this.checkRequested = new Set(this.checkRequested).add(stepId);
    this.later(CHECK_REQUEST_MS, () => {
      const next = new Set(this.checkRequested);
      next.delete(stepId);
      this.checkRequested = next;
    });
    this.dispatchEvent(
      new CustomEvent<CheckStepDetail>('check-step', { detail: { stepId }, bubbles: true, composed: true }),
    );
  }

  private showHint(stepId: string, count: number): void {
    this.hintsShown = new Map(this.hintsShown).set(stepId, count);
    this.dispatchEvent(
      new CustomEvent<CheckStepDetail>('hint-open', { detail: { stepId }, bubbles: true, composed: true }),
    );
  }

  /** Shows a step with its next hint open (a workshop's trainer pushed it). */
  openNextHint(stepId: string): void {
    const index = this.lesson?.steps.findIndex((s) => s.id === stepId) ?? -1;
    const hints = this.lesson?.steps[index]?.hints.length ?? 0;
    if (index < 0) return;
    this.go(index);
    const shown = Math.min((this.hintsShown.get(stepId) ?? 0) + 1, hints);
    this.hintsShown = new Map(this.hintsShown).set(stepId, shown);
  }

  private celebrate(stepIds: string[]): void {
    this.celebrating = new Set([...this.celebrating, ...stepIds]);
    this.later(CELEBRATE_MS, () => {
      const next = new Set(this.celebrating);
      for (const id of stepIds) next.delete(id);
      this.celebrating = next;
    });
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private openCatalogue(): void {
    this.dispatchEvent(new CustomEvent('open-catalogue', { bubbles: true, composed: true }));
  }

  private retry(): void {
    this.dispatchEvent(new CustomEvent('retry-lesson', { bubbles: true, composed: true }));
  }
}
