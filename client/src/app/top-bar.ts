// The page's top bar: the brand (back to the catalogue) and, while a sandbox is live, New
// sandbox and End session, each behind a small confirmation that Escape or a click outside closes.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LessonStrings, Strings } from '../i18n/strings-type';
import { logoIcon, plusIcon, powerIcon } from '../ui/icons';
import { PopupController } from '../ui/popup-controller';

/** The top bar's own questions (end, new), and the page's before a start ends a kept sandbox. */
export type Confirming = 'end' | 'new' | 'replace' | null;

/** Which confirmation is open; it closes on Escape and on a click outside it and its buttons. */
export class ConfirmController extends PopupController<Exclude<Confirming, null>> {
  constructor(host: ReactiveControllerHost) {
    super(host, (el) => el.classList.contains('confirm') || el.classList.contains('actions'));
  }

  get confirming(): Confirming {
    return this.open;
  }
}

export interface TopBarProps {
  t: Strings;
  lessonWords: LessonStrings;
  /** A sandbox the learner can end or replace is live. */
  live: boolean;
  /** Ending is under way. */
  busy: boolean;
  confirm: ConfirmController;
  onEnd(): void;
  onNew(): void;
}

export function topBar(p: TopBarProps): TemplateResult {
  const { t, confirm } = p;
  return html`<header>
    <a class="brand" href="#/" data-action="home" title=${p.lessonWords.allLessons}>
      ${logoIcon}
      <h1>${t.productName}</h1>
    </a>
    <span class="tagline">${t.productTagline}</span>
    <span class="spacer"></span>
    ${
      p.live
        ? html`<div class="actions">
            <button
              class="btn ghost"
              data-action="new-sandbox"
              aria-label=${t.newSandbox}
              title=${t.newSandbox}
              ?disabled=${p.busy}
              @click=${() => confirm.toggle('new')}
            >
              ${plusIcon}<span class="label">${t.newSandbox}</span>
            </button>
            <button
              class="btn"
              data-action="end-session"
              aria-label=${t.endSession}
              title=${t.endSession}
              ?disabled=${p.busy}
              @click=${() => confirm.toggle('end')}
            >
              ${powerIcon}<span class="label">${p.busy ? t.ending : t.endSession}</span>
            </button>
          </div>`
        : nothing
    }
    ${
      p.live && (confirm.confirming === 'end' || confirm.confirming === 'new')
        ? confirmCard(p, confirm.confirming)
        : nothing
    }
  </header>`;
}

function confirmCard(p: TopBarProps, which: 'end' | 'new'): TemplateResult {
  const { t } = p;
  const isEnd = which === 'end';
  return html`<div class="confirm" role="dialog" aria-labelledby="confirm-title">
    <h2 id="confirm-title">${isEnd ? t.endConfirmTitle : t.newConfirmTitle}</h2>
    <p>${isEnd ? t.endConfirmText : t.newConfirmText}</p>
    <div class="row">
      <button class="btn ghost" @click=${() => p.confirm.close()}>${t.cancel}</button>
      <button
        class="btn danger"
        data-action=${isEnd ? 'confirm-end' : 'confirm-new'}
        @click=${() => (isEnd ? p.onEnd() : p.onNew())}
      >
        ${isEnd ? t.endSession : t.newSandbox}
      </button>
    </div>
  </div>`;
}
