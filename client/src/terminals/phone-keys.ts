// <phone-keys>: the keys a phone's keyboard lacks (Ctrl, Esc, Tab, the arrows), in a row
// above it. A key goes to the active pane as the bytes a terminal's key would send; Ctrl
// stays pressed for the next key typed. Pressing a key never takes the focus from the
// terminal, so the phone's keyboard stays up.
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { WorkspaceStrings } from '../i18n/strings-type';

import { PHONE_KEYS, type PhoneKey } from './key-bytes';

/** The row, for `ctrl` held or not, calling `onKey` with each key pressed. */
export function phoneKeyRow(
  strings: WorkspaceStrings,
  ctrl: boolean,
  onKey: (key: PhoneKey) => void,
): TemplateResult {
  return html`<phone-keys
    .strings=${strings}
    .ctrl=${ctrl}
    @phone-key=${(e: CustomEvent<PhoneKeyDetail>) => onKey(e.detail.key)}
  ></phone-keys>`;
}

export interface PhoneKeyDetail {
  key: PhoneKey;
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-keys': PhoneKeys;
  }
}

const LABELS: Record<PhoneKey, string> = {
  ctrl: 'Ctrl',
  esc: 'Esc',
  tab: 'Tab',
  left: '←',
  up: '↑',
  down: '↓',
  right: '→',
};

@customElement('phone-keys')
export class PhoneKeys extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      gap: 6px;
      padding: 6px;
      background: #161b22;
      border-top: 1px solid var(--border, #30363d);
      overflow-x: auto;
    }
    button {
      flex: 1 0 auto;
      min-width: 44px;
      min-height: 36px;
      padding: 0 8px;
      border-radius: 7px;
      border: 1px solid var(--border-strong, #3d444d);
      background: #21262d;
      color: var(--text, #e6edf3);
      font:
        600 13px/1 system-ui,
        sans-serif;
      touch-action: manipulation;
    }
    button[aria-pressed='true'] {
      background: var(--accent, #1f6feb);
      border-color: var(--accent, #1f6feb);
      color: #fff;
    }
  `;

  @property({ attribute: false }) strings: WorkspaceStrings | null = null;
  /** Ctrl is held for the next key. */
  @property({ type: Boolean, attribute: false }) ctrl = false;

  protected override render(): TemplateResult {
    return html`${PHONE_KEYS.map(
      (key) =>
        html`<button
          type="button"
          data-key=${key}
          aria-label=${this.strings?.phoneKeyNames[key] ?? LABELS[key]}
          aria-pressed=${key === 'ctrl' ? String(this.ctrl) : 'false'}
          @pointerdown=${(e: Event) => e.preventDefault()}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => this.press(key)}
        >
          ${LABELS[key]}
        </button>`,
    )}`;
  }

  private press(key: PhoneKey): void {
    this.dispatchEvent(
      new CustomEvent<PhoneKeyDetail>('phone-key', { detail: { key }, bubbles: true, composed: true }),
    );
  }
}
