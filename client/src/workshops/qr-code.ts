// <qr-code>: a QR code of `text` (the join link) as an SVG drawn from the code's modules,
// dark on white with the quiet zone scanners need, sized by its container.
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { QUIET, qrPath } from './qr-path';

declare global {
  interface HTMLElementTagNameMap {
    'qr-code': QrCode;
  }
}

@customElement('qr-code')
export class QrCode extends LitElement {
  static override styles = css`
    :host {
      display: block;
      aspect-ratio: 1;
    }
    svg {
      display: block;
      width: 100%;
      height: 100%;
      border-radius: 8px;
    }
  `;

  @property() text = '';
  /** What the code holds, for screen readers. */
  @property() label = '';

  override render() {
    if (!this.text) return html``;
    const { size, d } = qrPath(this.text);
    return html`<svg
      viewBox="0 0 ${size} ${size}"
      role="img"
      aria-label=${this.label}
      shape-rendering="crispEdges"
      data-modules=${size - 2 * QUIET}
    >
      ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
    </svg>`;
  }
}
