// The lesson's overview page (summary, intro, the list of steps, a start or continue button)
// and the finish card shown once every step has passed.
import { html, nothing, type TemplateResult } from 'lit';
import { lessonBlocks } from './lesson-blocks';
import { checkIcon, chevronRightIcon, clockIcon, stepsIcon, trophyIcon } from './lesson-icons';
import type { PanelView } from './lesson-panel-view';
import { OVERVIEW, allPassed, nextStep, passedCount } from './step-navigation';

/** The page before the first step: summary, intro, the list of steps and a start button. */
export function renderOverview(view: PanelView): TemplateResult {
  const { strings: s, lesson } = view;
  const resume = passedCount(view.statuses) > 0 ? nextStep(view.statuses, OVERVIEW) : null;
  return html`<article class="page overview" data-page="overview">
    ${allPassed(view.statuses) ? renderFinish(view) : nothing}
    <p class="summary">${lesson.summary}</p>
    <div class="meta">
      ${lesson.minutes ? html`<span>${clockIcon()} ${s.minutes(lesson.minutes)}</span>` : nothing}
      <span>${stepsIcon()} ${s.stepCount(lesson.steps.length)}</span>
    </div>
    ${lessonBlocks(lesson.intro, lesson)}
    <ol class="toc">
      ${lesson.steps.map((step, i) => {
        const st = view.statuses[i]?.state ?? 'pending';
        return html`<li>
          <button class="toc-item ${st}" data-state=${st} @click=${() => view.go(i)}>
            <span class="toc-dot">${st === 'passed' ? checkIcon(13) : i + 1}</span>
            <span class="toc-title">${step.title}</span>
            ${chevronRightIcon(15)}
          </button>
        </li>`;
      })}
    </ol>
    ${
      allPassed(view.statuses)
        ? nothing
        : html`<button
            class="btn primary large start"
            data-action="start"
            @click=${() => view.go(resume ?? 0)}
          >
            ${resume === null ? s.startLesson : s.continueLesson(resume + 1)} ${chevronRightIcon(18)}
          </button>`
    }
  </article>`;
}

/** The card shown once every step has passed. */
export function renderFinish(view: PanelView): TemplateResult {
  const { strings: s, lesson } = view;
  return html`<div class="finish" data-finish role="status">
    <span class="finish-icon">${trophyIcon()}</span>
    <h2>${s.finishTitle}</h2>
    <p>${s.finishText(lesson.steps.length)}</p>
    <button class="btn primary large" data-action="finish-catalogue" @click=${view.openCatalogue}>
      ${s.finishBack}
    </button>
  </div>`;
}
