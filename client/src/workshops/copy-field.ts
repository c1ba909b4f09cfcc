// <copy-field>: a read-only link with a Copy button that says "Copied" for a moment.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../i18n/language-controller';
import { copyText } from '../lessons/copy-text';
import { sharedStyles } from '../ui/shared-styles';
import { workshopPageStyles } from './workshop-styles';

const COPIED_MS = 1800;

declare global {
  interface HTMLElementTagNameMap {
    'copy-field': CopyField;
  }
}

@customElement('copy-field')
export class CopyField extends LitElement {
  static override styles = [
    sharedStyles,
    workshopPageStyles,
    css`
      :host {
        display: block;
        height: auto;
        overflow: visible;
      }
    `,
  ];

  @property() value = '';
  @property() label = '';
  /** A secret (the trainer link): drawn in the warning colour. */
  @property({ type: Boolean }) secret = false;
  @state() private copied = false;
  private readonly i18n = new LanguageController(this);
  private timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    const w = this.i18n.workshop;
    return html`<div class="link-row">
      <input
        class=${this.secret ? 'secret' : ''}
        readonly
        .value=${this.value}
        aria-label=${this.label}
        @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
      />
      <button class="btn" type="button" data-action="copy" @click=${() => void this.copy()}>
        ${this.copied ? w.copied : w.copy}
      </button>
    </div>`;
  }

  private async copy(): Promise<void> {
    if (!(await copyText(this.value))) return;
    this.copied = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.copied = false), COPIED_MS);
  }
}
