// <join-projector>: the join code and QR code filling the screen, for the projector; Escape
// or Close hides it (fires `close`).
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../i18n/language-controller';
import { sharedStyles } from '../ui/shared-styles';
import './qr-code';
import { spacedCode } from './workshop-format';

declare global {
  interface HTMLElementTagNameMap {
    'join-projector': JoinProjector;
  }
}

@customElement('join-projector')
export class JoinProjector extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 100;
        display: flex;
        align-items: center;
        justify-content: center;
        background: #0b0f17;
        color: var(--text);
      }
      .wrap {
        display: flex;
        align-items: center;
        gap: 6vw;
        padding: 4vw;
        flex-wrap: wrap;
        justify-content: center;
      }
      qr-code {
        width: min(42vw, 70vh);
      }
      .title {
        font-size: clamp(20px, 3vw, 40px);
        font-weight: 700;
        margin: 0 0 2vh;
        max-width: 44vw;
        overflow-wrap: anywhere;
      }
      .lead {
        color: var(--text-muted);
        font-size: clamp(16px, 2vw, 28px);
        margin: 0;
      }
      .url {
        font-size: clamp(16px, 2.2vw, 32px);
        font-family: var(--mono);
        margin: 0.4em 0 1.4em;
        overflow-wrap: anywhere;
        max-width: 44vw;
      }
      .code {
        font-family: var(--mono);
        font-weight: 800;
        letter-spacing: 0.12em;
        font-size: clamp(40px, 7.5vw, 120px);
        line-height: 1;
        white-space: nowrap;
      }
      .close {
        position: absolute;
        top: 18px;
        right: 18px;
      }
    `,
  ];

  @property() code = '';
  @property() url = '';
  @property() heading = '';
  private readonly i18n = new LanguageController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
  }

  override render() {
    const w = this.i18n.workshop;
    const link = this.url.replace(/^https?:\/\//, '');
    return html`<div class="wrap" role="dialog" aria-label=${w.joinCodeLabel}>
        <qr-code .text=${this.url} label=${w.qrLabel}></qr-code>
        <div>
          <p class="title">${this.heading}</p>
          <p class="lead">${w.projectorLead}</p>
          <p class="url">${link}</p>
          <p class="lead">${w.joinCodeLabel}</p>
          <div class="code" data-code=${this.code}>${spacedCode(this.code)}</div>
        </div>
      </div>
      <button class="btn close" data-action="close-projector" @click=${this.close}>
        ${w.closeProjector}
      </button>`;
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') this.close();
  };

  private readonly close = (): void => {
    this.dispatchEvent(new CustomEvent('close'));
  };
}
