// The workshop form's lessons: the ones chosen, in order (move up, down, remove), and a list
// to add another from the catalogue. None chosen means free play.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Language, LessonSummary } from '../../../common/lesson';
import type { WorkshopStrings } from '../i18n/workshop-strings-type';

export interface LessonPickerOptions {
  words: WorkshopStrings;
  language: Language;
  catalogue: readonly LessonSummary[];
  chosen: readonly string[];
  onChange(chosen: string[]): void;
}

/** The list with the lesson at `index` moved by `by` places (kept when it cannot move). */
export function moveLesson(chosen: readonly string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (index < 0 || to < 0 || index >= chosen.length || to >= chosen.length) return [...chosen];
  const next = [...chosen];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function lessonPicker(o: LessonPickerOptions): TemplateResult {
  const w = o.words;
  const title = (id: string) => o.catalogue.find((l) => l.id === id)?.title[o.language] ?? id;
  const left = o.catalogue.filter((l) => !o.chosen.includes(l.id));
  const add = (e: Event) => {
    const select = e.target as HTMLSelectElement;
    if (select.value) o.onChange([...o.chosen, select.value]);
    select.value = '';
  };
  return html`<div class="field">
    <span class="label" id="lessons-label">${w.lessonsLabel}</span>
    <span class="hint">${w.lessonsHint}</span>
    <ol class="picked" aria-labelledby="lessons-label">
      ${
        o.chosen.length
          ? o.chosen.map((id, i) => chosenRow(o, id, i, title(id)))
          : html`<li class="free">${w.freePlay}</li>`
      }
    </ol>
    ${
      left.length
        ? html`<select name="add-lesson" aria-label=${w.addLesson} @change=${add}>
            <option value="">${w.addLesson}</option>
            ${left.map((l) => html`<option value=${l.id}>${l.title[o.language]}</option>`)}
          </select>`
        : nothing
    }
  </div>`;
}

function chosenRow(o: LessonPickerOptions, id: string, i: number, title: string): TemplateResult {
  const w = o.words;
  return html`<li data-lesson=${id}>
    <span class="n">${i + 1}</span><span class="t">${title}</span>
    <button
      class="btn ghost mini"
      type="button"
      title=${w.moveUp}
      aria-label=${`${w.moveUp}: ${title}`}
      ?disabled=${i === 0}
      @click=${() => o.onChange(moveLesson(o.chosen, i, -1))}
    >
      ↑
    </button>
    <button
      class="btn ghost mini"
      type="button"
      title=${w.moveDown}
      aria-label=${`${w.moveDown}: ${title}`}
      ?disabled=${i === o.chosen.length - 1}
      @click=${() => o.onChange(moveLesson(o.chosen, i, 1))}
    >
      ↓
    </button>
    <button
      class="btn ghost mini"
      type="button"
      title=${w.remove}
      aria-label=${`${w.remove}: ${title}`}
      @click=${() => o.onChange(o.chosen.filter((c) => c !== id))}
    >
      ✕
    </button>
  </li>`;
}

export const lessonPickerStyles = css`
  .picked {
    list-style: none;
    margin: 4px 0 4px;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .picked li {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 6px 6px 6px 10px;
    border-radius: 8px;
    border: 1px solid var(--border-strong);
    background: var(--surface-2);
    font-size: 14.5px;
  }
  .picked li.free {
    border-style: dashed;
    background: transparent;
    color: var(--text-muted);
    padding: 10px 12px;
  }
  .picked .n {
    flex: none;
    width: 22px;
    height: 22px;
    border-radius: 50%;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    font-size: 12px;
    font-weight: 700;
    background: rgba(29, 99, 237, 0.18);
    color: var(--accent-text);
  }
  .picked .t {
    flex: 1;
    min-width: 0;
  }
  .btn.mini {
    min-height: 30px;
    min-width: 30px;
    padding: 0 6px;
  }
`;
