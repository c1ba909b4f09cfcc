// The English / Bahasa Indonesia switch shown in the lesson panel and the catalogue.
import { css, html } from 'lit';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../common/lesson';

export interface LanguageChangeDetail {
  language: Language;
}

declare global {
  interface HTMLElementEventMap {
    'language-change': CustomEvent<LanguageChangeDetail>;
  }
}

/** Fires `language-change` from `host` unless `language` is already chosen. */
export function changeLanguage(host: HTMLElement, current: Language, language: Language): void {
  if (language === current) return;
  host.dispatchEvent(
    new CustomEvent<LanguageChangeDetail>('language-change', {
      detail: { language },
      bubbles: true,
      composed: true,
    }),
  );
}

export function languageSwitch(current: Language, label: string, choose: (language: Language) => void) {
  return html`<div class="lang-switch" role="group" aria-label=${label}>
    ${LANGUAGES.map(
      (language) =>
        html`<button
          type="button"
          lang=${language}
          data-language=${language}
          aria-pressed=${language === current ? 'true' : 'false'}
          title=${LANGUAGE_NAMES[language].native}
          @click=${() => choose(language)}
        >
          <span aria-hidden="true">${language.toUpperCase()}</span
          ><span class="visually-hidden">${LANGUAGE_NAMES[language].native}</span>
        </button>`,
    )}
  </div>`;
}

export const languageSwitchStyles = css`
  .lang-switch {
    display: inline-flex;
    flex: none;
    padding: 2px;
    border-radius: 8px;
    background: var(--bg);
    border: 1px solid var(--border-strong);
  }
  .lang-switch button {
    min-width: 34px;
    height: 26px;
    padding: 0 8px;
    border: 0;
    border-radius: 6px;
    font: inherit;
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.04em;
    color: var(--text-muted);
    background: transparent;
    cursor: pointer;
  }
  .lang-switch button:hover {
    color: var(--text);
  }
  .lang-switch button[aria-pressed='true'] {
    color: var(--text);
    background: var(--surface-3);
  }
  .lang-switch button:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
`;
