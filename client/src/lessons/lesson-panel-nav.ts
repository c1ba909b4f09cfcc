// The lesson panel's navigation: the stepper across the top (one dot per step, with its state)
// and the footer's Previous and Next.
import { html, type TemplateResult } from 'lit';
import { checkIcon, chevronLeftIcon, chevronRightIcon, stepsIcon } from './lesson-icons';
import type { PanelView } from './lesson-panel-view';
import { OVERVIEW, allPassed, nextIsPrimary, nextStep, previousStep } from './step-navigation';

/** The row of dots: the overview, then one per step with its state. */
export function renderStepper(view: PanelView): TemplateResult {
  const { strings: s, lesson } = view;
  return html`<nav class="stepper" aria-label=${s.overview}>
    <button
      class="dot overview ${view.activeStep === OVERVIEW ? 'active' : ''}"
      title=${s.overview}
      aria-label=${s.overview}
      aria-current=${view.activeStep === OVERVIEW ? 'step' : 'false'}
      @click=${() => view.go(OVERVIEW)}
    >
      ${stepsIcon(14)}
    </button>
    ${lesson.steps.map((step, i) => {
      const status = view.statuses[i];
      const st = status?.state ?? 'pending';
      const label = `${s.stepOf(i + 1, lesson.steps.length)}: ${step.title} (${s.stepStateNames[st]})`;
      return html`<span class="link ${view.statuses[i - 1]?.state === 'passed' ? 'done' : ''}"></span>
        <button
          class="dot ${st} ${i === view.activeStep ? 'active' : ''} ${
            view.celebrating.has(step.id) ? 'celebrate' : ''
          }"
          data-step-dot=${step.id}
          data-state=${st}
          title=${label}
          aria-label=${label}
          aria-current=${i === view.activeStep ? 'step' : 'false'}
          @click=${() => view.go(i)}
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

/** Previous, where the learner is, and Next (or Finish once every step has passed). */
export function renderFooter(view: PanelView): TemplateResult {
  const { strings: s, lesson } = view;
  const prev = previousStep(view.activeStep);
  const next = nextStep(view.statuses, view.activeStep);
  const primary = nextIsPrimary(view.statuses, view.activeStep);
  const where =
    view.activeStep === OVERVIEW ? s.overview : s.stepOf(view.activeStep + 1, lesson.steps.length);
  const nextLabel = view.activeStep === OVERVIEW ? s.startLesson : primary ? s.nextStep : s.next;
  return html`<footer>
    <button class="btn ghost" data-action="previous" ?disabled=${prev === null} @click=${() => view.go(prev)}>
      ${chevronLeftIcon()} <span class="label">${s.previous}</span>
    </button>
    <span class="where">${where}</span>
    ${
      next === null
        ? allPassed(view.statuses)
          ? html`<button class="btn primary" data-action="finish" @click=${view.openCatalogue}>
              ${s.finishLesson}
            </button>`
          : html`<button class="btn" disabled>${s.next} ${chevronRightIcon()}</button>`
        : html`<button
            class="btn ${primary ? 'primary' : ''}"
            data-action="next"
            @click=${() => view.go(next)}
          >
            <span class="label">${nextLabel}</span> ${chevronRightIcon()}
          </button>`
    }
  </footer>`;
}
