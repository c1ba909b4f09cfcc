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
import type { Block, LocalizedLesson, LocalizedStep } from '../../../common/lesson';
import { LanguageController } from '../i18n/language-controller';
import type { LessonStrings } from '../i18n/strings-type';
import { alertIcon, refreshIcon } from '../ui/icons';
import { sharedStyles } from '../ui/shared-styles';
import { changeLanguage, languageSwitch, languageSwitchStyles } from './language-switch';
import './lesson-blocks';
import {
  bulbIcon,
  checkIcon,
  chevronLeftIcon,
  chevronRightIcon,
  clockIcon,
  infoIcon,
  keyIcon,
  stepsIcon,
  trophyIcon,
} from './lesson-icons';
import { panelStyles } from './lesson-panel-styles';
import {
  OVERVIEW,
  allPassed,
  clampStep,
  landingStep,
  newlyPassed,
  nextIsPrimary,
  nextStep,
  passedCount,
  previousStep,
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
    return html`<section class="panel" aria-label=${this.s.lessonLabel}>
      ${this.renderHeader()}
      ${
        this.loadState === 'ready' && this.lesson
          ? html`${this.renderStepper(this.lesson)}
              <div class="content">${this.renderPage(this.lesson)}</div>
              ${this.renderFooter(this.lesson)}`
          : html`<div class="content">${this.renderLoadState()}</div>`
      }
    </section>`;
  }

  // ----- header, stepper, footer -----

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

  private renderStepper(lesson: LocalizedLesson): TemplateResult {
    const s = this.s;
    return html`<nav class="stepper" aria-label=${s.overview}>
      <button
        class="dot overview ${this.activeStep === OVERVIEW ? 'active' : ''}"
        title=${s.overview}
        aria-label=${s.overview}
        aria-current=${this.activeStep === OVERVIEW ? 'step' : 'false'}
        @click=${() => this.go(OVERVIEW)}
      >
        ${stepsIcon(14)}
      </button>
      ${lesson.steps.map((step, i) => {
        const status = this.statuses[i];
        const st = status?.state ?? 'pending';
        const label = `${s.stepOf(i + 1, lesson.steps.length)}: ${step.title} (${s.stepStateNames[st]})`;
        return html`<span class="link ${this.statuses[i - 1]?.state === 'passed' ? 'done' : ''}"></span>
          <button
            class="dot ${st} ${i === this.activeStep ? 'active' : ''} ${
              this.celebrating.has(step.id) ? 'celebrate' : ''
            }"
            data-step-dot=${step.id}
            data-state=${st}
            title=${label}
            aria-label=${label}
            aria-current=${i === this.activeStep ? 'step' : 'false'}
            @click=${() => this.go(i)}
          >
            ${
              st === 'passed'
                ? checkIcon(14)
                : st === 'checking'
                  ? html`<span class="spinner" aria-hidden="true"></span>`
                  : html`<span>${i + 1}</span>`
            }
          </button>`;
      })}
    </nav>`;
  }

  private renderFooter(lesson: LocalizedLesson): TemplateResult {
    const s = this.s;
    const prev = previousStep(this.activeStep);
    const next = nextStep(this.statuses, this.activeStep);
    const primary = nextIsPrimary(this.statuses, this.activeStep);
    const where =
      this.activeStep === OVERVIEW ? s.overview : s.stepOf(this.activeStep + 1, lesson.steps.length);
    const nextLabel = this.activeStep === OVERVIEW ? s.startLesson : primary ? s.nextStep : s.next;
    return html`<footer>
      <button
        class="btn ghost"
        data-action="previous"
        ?disabled=${prev === null}
        @click=${() => this.go(prev)}
      >
        ${chevronLeftIcon()} <span class="label">${s.previous}</span>
      </button>
      <span class="where">${where}</span>
      ${
        next === null
          ? allPassed(this.statuses)
            ? html`<button class="btn primary" data-action="finish" @click=${this.openCatalogue}>
                ${s.finishLesson}
              </button>`
            : html`<button class="btn" disabled>${s.next} ${chevronRightIcon()}</button>`
          : html`<button
              class="btn ${primary ? 'primary' : ''}"
              data-action="next"
              @click=${() => this.go(next)}
            >
              <span class="label">${nextLabel}</span> ${chevronRightIcon()}
            </button>`
      }
    </footer>`;
  }

  // ----- pages -----

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

  private renderPage(lesson: LocalizedLesson): TemplateResult {
    const step = lesson.steps[this.activeStep];
    return step ? this.renderStep(lesson, step, this.activeStep) : this.renderOverview(lesson);
  }

  private renderOverview(lesson: LocalizedLesson): TemplateResult {
    const s = this.s;
    const resume = passedCount(this.statuses) > 0 ? nextStep(this.statuses, OVERVIEW) : null;
    return html`<article class="page overview" data-page="overview">
      ${allPassed(this.statuses) ? this.renderFinish(lesson) : nothing}
      <p class="summary">${lesson.summary}</p>
      <div class="meta">
        ${lesson.minutes ? html`<span>${clockIcon()} ${s.minutes(lesson.minutes)}</span>` : nothing}
        <span>${stepsIcon()} ${s.stepCount(lesson.steps.length)}</span>
      </div>
      ${this.blocks(lesson.intro, lesson)}
      <ol class="toc">
        ${lesson.steps.map((step, i) => {
          const st = this.statuses[i]?.state ?? 'pending';
          return html`<li>
            <button class="toc-item ${st}" data-state=${st} @click=${() => this.go(i)}>
              <span class="toc-dot">${st === 'passed' ? checkIcon(13) : i + 1}</span>
              <span class="toc-title">${step.title}</span>
              ${chevronRightIcon(15)}
            </button>
          </li>`;
        })}
      </ol>
      ${
        allPassed(this.statuses)
          ? nothing
          : html`<button
              class="btn primary large start"
              data-action="start"
              @click=${() => this.go(resume ?? 0)}
            >
              ${resume === null ? s.startLesson : s.continueLesson(resume + 1)} ${chevronRightIcon(18)}
            </button>`
      }
    </article>`;
  }

  private renderStep(lesson: LocalizedLesson, step: LocalizedStep, index: number): TemplateResult {
    const s = this.s;
    const status = this.statuses[index] ?? { id: step.id, state: 'pending' as const };
    return html`<article
      class="page step"
      data-page="step"
      data-step-id=${step.id}
      data-state=${status.state}
    >
      <p class="step-eyebrow">${s.stepOf(index + 1, lesson.steps.length)}</p>
      <h2 class="step-title">${step.title}</h2>
      ${this.blocks(step.text, lesson)} ${this.renderStatus(lesson, step, status, index)}
      ${this.renderHelp(lesson, step)}
    </article>`;
  }

  private renderStatus(lesson: LocalizedLesson, step: LocalizedStep, status: StepStatus, index: number) {
    const s = this.s;
    const celebrate = this.celebrating.has(step.id) ? 'celebrate' : '';
    if (status.state === 'passed') {
      const next = nextStep(this.statuses, index);
      if (next === null && allPassed(this.statuses)) return this.renderFinish(lesson);
      return html`<div class="status passed ${celebrate}" data-status="passed" role="status">
        <span class="status-icon">${checkIcon(18)}</span>
        <div class="status-body">
          <strong>${s.passedTitle}</strong>
          <p>${s.passedText}</p>
        </div>
        ${
          next === null
            ? nothing
            : html`<button class="btn primary" data-action="next-step" @click=${() => this.go(next)}>
                ${s.nextStep} ${chevronRightIcon()}
              </button>`
        }
      </div>`;
    }
    const checking = status.state === 'checking' || this.checkRequested.has(step.id);
    const checkButton = html`<button
      class="btn"
      data-action="check"
      ?disabled=${checking}
      @click=${() => this.check(step.id)}
    >
      ${
        checking
          ? html`<span class="spinner" aria-hidden="true"></span> ${s.checking}`
          : status.state === 'failed'
            ? s.checkAgain
            : s.checkButton
      }
    </button>`;
    if (status.state === 'failed' && !checking)
      return html`<div class="status failed" data-status="failed" role="status">
        <span class="status-icon">${infoIcon()}</span>
        <div class="status-body">
          <strong>${s.failedTitle}</strong>
          <p class="reason">${status.reason || s.failedDefault}</p>
        </div>
        ${checkButton}
      </div>`;
    return html`<div
      class="status ${checking ? 'checking' : 'pending'}"
      data-status=${checking ? 'checking' : 'pending'}
    >
      <p>${s.checkPrompt}</p>
      ${checkButton}
    </div>`;
  }

  private renderHelp(lesson: LocalizedLesson, step: LocalizedStep): TemplateResult {
    const s = this.s;
    const shown = Math.min(this.hintsShown.get(step.id) ?? 0, step.hints.length);
    const solution: Block[] = step.solution.map((text) => ({
      kind: 'command',
      lang: 'sh',
      command: { action: 'exec', text, pane: 1, interrupt: false },
    }));
    return html`<section class="help">
      ${step.hints.slice(0, shown).map(
        (hint, i) =>
          html`<div class="hint" data-hint=${i + 1}>
            <p class="hint-label">${bulbIcon(15)} ${s.hintLabel(i + 1, step.hints.length)}</p>
            ${this.blocks(hint, lesson)}
          </div>`,
      )}
      <div class="help-actions">
        ${
          shown < step.hints.length
            ? html`<button
                class="btn ghost"
                data-action="hint"
                @click=${() => this.showHint(step.id, shown + 1)}
              >
                ${bulbIcon()} ${shown === 0 ? s.showHint : s.anotherHint}
              </button>`
            : nothing
        }
      </div>
      <details class="solution" data-solution>
        <summary>${keyIcon()} ${s.showSolution}</summary>
        <p class="solution-note">${s.solutionNote}</p>
        ${this.blocks(solution, lesson)}
      </details>
    </section>`;
  }

  private renderFinish(lesson: LocalizedLesson): TemplateResult {
    const s = this.s;
    return html`<div class="finish" data-finish role="status">
      <span class="finish-icon">${trophyIcon()}</span>
      <h2>${s.finishTitle}</h2>
      <p>${s.finishText(lesson.steps.length)}</p>
      <button class="btn primary large" data-action="finish-catalogue" @click=${this.openCatalogue}>
        ${s.finishBack}
      </button>
    </div>`;
  }

  private blocks(blocks: readonly Block[], lesson: LocalizedLesson) {
    return blocks.length
      ? html`<lesson-blocks .blocks=${blocks} pane-count=${lesson.panes.length}></lesson-blocks>`
      : nothing;
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
