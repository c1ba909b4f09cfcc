// <workshop-lesson-nav>: in the workshop bar of a workshop with several lessons, "Lesson 2 of
// 3" with the previous and next lessons; once every step of this one is done, the next lesson
// is offered plainly. Moving keeps the same sandbox (the page asks the server, then opens it).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../i18n/language-controller';
import { sharedStyles } from '../ui/shared-styles';
import type { LessonPlace } from './lesson-place';

declare global {
  interface HTMLElementTagNameMap {
    'workshop-lesson-nav': WorkshopLessonNav;
  }
}

/** Inline in the bar's row: the place, then the buttons. */
const navStyles = css`
  :host {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 6px;
    height: auto;
    overflow: visible;
  }
  .of {
    color: var(--text-muted);
    white-space: nowrap;
  }
  .btn {
    min-height: 30px;
    padding: 0 10px;
    font-size: 13px;
  }
`;

@customElement('workshop-lesson-nav')
export class WorkshopLessonNav extends LitElement {
  static override styles = [sharedStyles, navStyles];

  @property({ attribute: false }) place: LessonPlace | null = null;
  @property({ type: Boolean }) busy = false;
  /** A lesson's title in the page's language. */
  @property({ attribute: false }) titleOf: (lessonId: string) => string = (id) => id;
  @property({ attribute: false }) move: (lessonId: string) => void = () => undefined;
  private readonly i18n = new LanguageController(this);

  override render() {
    const place = this.place;
    if (!place) return nothing;
    const w = this.i18n.workshop;
    const button = (lessonId: string | null, label: string, action: string, primary = false) =>
      lessonId
        ? html`<button
            class=${`btn ${primary ? 'primary' : 'ghost'}`}
            data-action=${action}
            title=${this.titleOf(lessonId)}
            ?disabled=${this.busy}
            @click=${() => this.move(lessonId)}
          >
            ${label}
          </button>`
        : nothing;
    const next = place.next;
    return html`<span class="of" data-lesson-place>${w.lessonOf(place.index + 1, place.total)}</span>
      ${button(place.previous, `‹ ${w.previousLesson}`, 'previous-lesson')}
      ${
        place.finished && next
          ? button(next, w.lessonDoneNext(this.titleOf(next)), 'next-lesson', true)
          : button(next, `${w.nextLesson} ›`, 'next-lesson')
      }`;
  }
}
