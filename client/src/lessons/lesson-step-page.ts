// One step of a lesson: its text, where its check stands (with a button to check now), and
// its hints and solution.
import { html, nothing, type TemplateResult } from 'lit';
import type { Block, LocalizedStep } from '../../../common/lesson';
import { serverWords } from '../i18n/server-words';
import { lessonBlocks } from './lesson-blocks';
import { bulbIcon, checkIcon, chevronRightIcon, infoIcon, keyIcon } from './lesson-icons';
import { renderFinish } from './lesson-overview';
import type { PanelView } from './lesson-panel-view';
import { allPassed, nextStep, type StepStatus } from './step-navigation';

/** One step: its text, where its check stands, and its hints and solution. */
export function renderStep(view: PanelView, step: LocalizedStep, index: number): TemplateResult {
  const { strings: s, lesson } = view;
  const status = view.statuses[index] ?? { id: step.id, state: 'pending' as const };
  return html`<article class="page step" data-page="step" data-step-id=${step.id} data-state=${status.state}>
    <p class="step-eyebrow">${s.stepOf(index + 1, lesson.steps.length)}</p>
    <h2 class="step-title">${step.title}</h2>
    ${lessonBlocks(step.text, lesson)} ${renderStatus(view, step, status, index)} ${renderHelp(view, step)}
  </article>`;
}

/** Under the step's text: passed (with Next), not done yet (with the reason), or a check button. */
function renderStatus(view: PanelView, step: LocalizedStep, status: StepStatus, index: number) {
  const s = view.strings;
  const celebrate = view.celebrating.has(step.id) ? 'celebrate' : '';
  if (status.state === 'passed') {
    const next = nextStep(view.statuses, index);
    if (next === null && allPassed(view.statuses)) return renderFinish(view);
    return html`<div class="status passed ${celebrate}" data-status="passed" role="status">
      <span class="status-icon">${checkIcon(18)}</span>
      <div class="status-body">
        <strong>${s.passedTitle}</strong>
        <p>${s.passedText}</p>
      </div>
      ${
        next === null
          ? nothing
          : html`<button class="btn primary" data-action="next-step" @click=${() => view.go(next)}>
              ${s.nextStep} ${chevronRightIcon()}
            </button>`
      }
    </div>`;
  }
  const checking = status.state === 'checking' || view.checkRequested.has(step.id);
  const checkButton = html`<button
    class="btn"
    data-action="check"
    ?disabled=${checking}
    @click=${() => view.check(step.id)}
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
        <p class="reason">
          ${serverWords(s.serverMessages, status.reason, status.reasonMessage) || s.failedDefault}
        </p>
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

/** The hints shown so far, a button for the next one, and the solution behind a summary. */
function renderHelp(view: PanelView, step: LocalizedStep): TemplateResult {
  const { strings: s, lesson } = view;
  const shown = Math.min(view.hintsShown.get(step.id) ?? 0, step.hints.length);
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
          ${lessonBlocks(hint, lesson)}
        </div>`,
    )}
    <div class="help-actions">
      ${
        shown < step.hints.length
          ? html`<button
              class="btn ghost"
              data-action="hint"
              @click=${() => view.showHint(step.id, shown + 1)}
            >
              ${bulbIcon()} ${shown === 0 ? s.showHint : s.anotherHint}
            </button>`
          : nothing
      }
    </div>
    <details class="solution" data-solution>
      <summary>${keyIcon()} ${s.showSolution}</summary>
      <p class="solution-note">${s.solutionNote}</p>
      ${lessonBlocks(solution, lesson)}
    </details>
  </section>`;
}
