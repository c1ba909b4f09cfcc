// <class-grid>: the trainer's live grid. One row per learner (help requests and stuck
// learners first), one column per step grouped by lesson, each cell done / current / not yet
// in colour and symbol; a footer with how many finished each step. Header and names stay in
// place while a class of 100 scrolls both ways.
// Fires `select-learner` {learnerId} and `resolve-help` {learnerId}.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cellKey, type CellState, type ClassState, type LearnerStatus } from '../../../common/workshop-live';
import { LanguageController } from '../i18n/language-controller';
import { classGridStyles } from './class-grid-styles';
import { lessonGroups, timeOnStep } from './class-model';
import { handIcon } from './workshop-icons';

export interface LearnerDetail {
  learnerId: string;
}

export interface HelpDetail {
  helpId: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'class-grid': ClassGrid;
  }
  interface HTMLElementEventMap {
    'select-learner': CustomEvent<LearnerDetail>;
    'resolve-help': CustomEvent<HelpDetail>;
  }
}

const SYMBOL: Readonly<Record<CellState, string>> = { done: '✓', current: '●', 'not-yet': '·' };

@customElement('class-grid')
export class ClassGrid extends LitElement {
  static override styles = classGridStyles;

  @property({ attribute: false }) state: ClassState | null = null;
  /** Lesson titles by id, for the column groups. */
  @property({ attribute: false }) lessonTitles: Readonly<Record<string, string>> = {};
  @property({ attribute: false }) selected: string | null = null;
  @property({ type: Number }) now = Date.now();
  private readonly i18n = new LanguageController(this);

  override render() {
    const state = this.state;
    if (!state) return nothing;
    const w = this.i18n.workshop;
    const groups = lessonGroups(state.steps);
    return html`<div class="scroll">
      <table>
        <thead>
          <tr class="groups">
            <th class="name" rowspan="2" scope="col">${w.learnerColumn}</th>
            <th rowspan="2" scope="col" class="help-col">${w.helpColumn}</th>
            <th rowspan="2" scope="col" class="num">${w.onStepColumn}</th>
            <th rowspan="2" scope="col" class="num" title=${w.failedColumn}>✗</th>
            <th rowspan="2" scope="col" class="num" title=${w.hintsColumn}>?</th>
            ${groups.map(
              (g) =>
                html`<th class="lesson" colspan=${g.steps.length} scope="colgroup">
                  ${this.lessonTitles[g.lessonId] ?? g.lessonId}
                </th>`,
            )}
          </tr>
          <tr class="steps">
            ${groups.flatMap((g) =>
              g.steps.map(
                (s, i) =>
                  html`<th class="step" scope="col" title=${s.title} data-step=${s.stepId}>${i + 1}</th>`,
              ),
            )}
          </tr>
        </thead>
        <tbody>
          ${
            state.learners.length
              ? state.learners.map((l) => this.renderRow(state, l))
              : html`<tr>
                  <td class="empty" colspan=${5 + state.steps.length}>${w.noLearners}</td>
                </tr>`
          }
        </tbody>
        <tfoot>
          <tr>
            <th class="name" scope="row">${w.finishedRow}</th>
            <td colspan="4"></td>
            ${state.steps.map((s) => {
              const n = state.finished[cellKey(s.lessonId, s.stepId)] ?? 0;
              return html`<td class="count" data-finished=${n}>${n}</td>`;
            })}
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  private renderRow(state: ClassState, l: LearnerStatus): TemplateResult {
    const w = this.i18n.workshop;
    const flagged = l.help ? 'flag-help' : l.stuck ? 'flag-stuck' : '';
    return html`<tr
      class=${`${flagged} ${this.selected === l.id ? 'selected' : ''}`}
      data-learner=${l.id}
      data-name=${l.name}
      @click=${() => this.fire('select-learner', { learnerId: l.id })}
    >
      <th class="name" scope="row">
        <button class="who" type="button" aria-label=${l.name}>
          <span class=${`dot ${l.online ? 'on' : ''}`} title=${l.online ? w.online : w.offline}></span>
          <span class="seat">${l.seat}</span>
          <span class="learner-name">${l.name}</span>
        </button>
      </th>
      <td class="help-col">${this.renderFlags(l)}</td>
      <td class="num time">${timeOnStep(l, this.now)}</td>
      <td class=${`num ${l.failedChecks ? 'bad' : ''}`} data-failed=${l.failedChecks}>
        ${l.failedChecks || ''}
      </td>
      <td class="num" data-hints=${l.hintsOpened}>${l.hintsOpened || ''}</td>
      ${state.steps.map((s) => {
        const cell = l.cells[cellKey(s.lessonId, s.stepId)] ?? 'not-yet';
        return html`<td
          class="cell"
          data-cell=${cell}
          data-step=${s.stepId}
          title=${`${s.title}: ${w.cellNames[cell]}`}
        >
          <span aria-label=${w.cellNames[cell]}>${SYMBOL[cell]}</span>
        </td>`;
      })}
    </tr>`;
  }

  private renderFlags(l: LearnerStatus): TemplateResult {
    const w = this.i18n.workshop;
    const stuck = l.stuck
      ? html`<span class="badge stuck" data-stuck=${l.stuck}>${w.stuck[l.stuck]}</span>`
      : nothing;
    if (!l.help) return html`${stuck}`;
    const at = new Date(l.help.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return html`<div class="help" data-help>
      ${stuck}
      <span class="badge ask">${handIcon(12)} ${at}</span>
      <span class="help-text" title=${l.help.text}>${l.help.text}</span>
      <button
        class="resolve"
        type="button"
        data-action="resolve"
        @click=${(e: Event) => {
          e.stopPropagation();
          if (l.help) this.fire('resolve-help', { helpId: l.help.id });
        }}
      >
        ${w.resolve}
      </button>
    </div>`;
  }

  private fire(type: 'select-learner' | 'resolve-help', detail: LearnerDetail | HelpDetail): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
