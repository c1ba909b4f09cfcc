// <qr-code>: a QR code of `text` (the join link) as an SVG drawn from the code's modules,
// dark on white with the quiet zone scanners need, sized by its container.
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import qrcode from 'qrcode-generator';

/** The white margin around the code, in modules (the standard asks for 4). */
const QUIET = 4;

/** The dark modules as one path: a 1×1 square per module, relative moves between rows. */
export function qrPath(text: string): { size: number; d: string } {
  // Type 0 picks the smallest version that holds the text; M corrects 15 % of damage.
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  const n = code.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (code.isDark(row, col)) parts.push(`M${col + QUIET} ${row + QUIET}h1v1h-1z`);
  return { size: n + 2 * QUIET, d: parts.join('') };
}

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
