// <workshop-entry>: the start page's way into workshops: a field for a learner's join code
// ("Have a code?") and the trainer's "Run a workshop".
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { joinHash, normalizeJoinCode } from '../../../common/workshops';
import { LanguageController } from '../i18n/language-controller';
import { sharedStyles } from '../ui/shared-styles';
import { workshopPageStyles } from './workshop-styles';

declare global {
  interface HTMLElementTagNameMap {
    'workshop-entry': WorkshopEntry;
  }
}

@customElement('workshop-entry')
export class WorkshopEntry extends LitElement {
  static override styles = [
    sharedStyles,
    workshopPageStyles,
    css`
      :host {
        display: block;
        height: auto;
        overflow: visible;
        margin-bottom: 22px;
      }
      .strip {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 18px;
        padding: 14px 16px;
        border-radius: 14px;
        border: 1px solid var(--border);
        background: var(--surface);
      }
      form {
        display: flex;
        align-items: center;
        gap: 8px;
        flex: 1 1 320px;
      }
      label {
        font-weight: 600;
        font-size: 14.5px;
        white-space: nowrap;
      }
      input {
        flex: 1;
        min-width: 0;
        max-width: 220px;
        font-family: var(--mono);
        letter-spacing: 0.08em;
        text-transform: uppercase;
      }
      input::placeholder {
        text-transform: none;
        letter-spacing: normal;
      }
      form button {
        flex: none;
      }
      /* On a phone the question takes its own line, so the field and its button fit. */
      @media (max-width: 520px) {
        form {
          flex-wrap: wrap;
        }
        label {
          flex: 1 0 100%;
        }
        input {
          max-width: none;
        }
      }
      .error {
        flex-basis: 100%;
        margin: 0;
      }
      .run {
        display: flex;
        align-items: center;
        gap: 10px;
        color: var(--text-muted);
        font-size: 13.5px;
        flex: 1 1 300px;
        justify-content: flex-end;
      }
      .run span {
        max-width: 340px;
      }
    `,
  ];

  @state() private invalid = false;
  private readonly i18n = new LanguageController(this);

  override render() {
    const w = this.i18n.workshop;
    return html`<div class="strip">
      <form @submit=${this.submit}>
        <label for="code">${w.haveCode}</label>
        <input
          id="code"
          name="code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="12"
          placeholder=${w.codePlaceholder}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          @input=${() => (this.invalid = false)}
        />
        <button class="btn primary" type="submit" data-action="join-code">${w.join}</button>
      </form>
      <div class="run">
        <span>${w.runWorkshopText}</span>
        <a class="btn" href="#/workshops/new" data-action="run-workshop">${w.runWorkshop}</a>
      </div>
      ${this.invalid ? html`<p class="error" role="alert">${w.codeInvalid}</p>` : ''}
    </div>`;
  }

  private readonly submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="code"]');
    const code = normalizeJoinCode(input?.value ?? '');
    if (!code) {
      this.invalid = true;
      input?.focus();
      return;
    }
    window.location.hash = joinHash(code);
  };
}
