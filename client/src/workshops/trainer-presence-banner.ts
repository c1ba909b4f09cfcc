// <trainer-presence-banner>: tells a learner that the workshop's trainer is watching their
// terminal, asks to type, or is typing, with what the learner can do about it: allow or
// decline, take typing back, or stop the trainer altogether. The page passes the presence it
// hears on its session events socket (a `trainer` event); the answers go to the server.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AUTH_SCHEME } from '../../../common/api';
import type { TrainerAccessAnswer, TrainerPresence } from '../../../common/workshop-live';
import { LanguageController } from '../i18n/language-controller';

declare global {
  interface HTMLElementTagNameMap {
    'trainer-presence-banner': TrainerPresenceBanner;
  }
}

@customElement('trainer-presence-banner')
export class TrainerPresenceBanner extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin-bottom: 8px;
    }
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      padding: 8px 12px;
      border-radius: 8px;
      background: #fff8c5;
      color: #3b2300;
      font-size: 14px;
    }
    .banner[data-presence='typing'] {
      background: #ffebe9;
      color: #4c0a0a;
    }
    .text {
      flex: 1;
      min-width: 12em;
    }
    button {
      font: inherit;
      padding: 4px 12px;
      border-radius: 6px;
      border: 1px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button.primary {
      background: #1f883d;
      border-color: #1f883d;
      color: #fff;
    }
  `;

  @property({ attribute: 'session-id' }) sessionId = '';
  /** The learner's session token; never an attribute. */
  @property({ attribute: false }) token = '';
  @property() presence: TrainerPresence = 'none';

  private readonly i18n = new LanguageController(this);
  @state() private failed = false;
  @state() private busy = false;

  protected override render() {
    if (this.presence === 'none') return nothing;
    const w = this.i18n.watch;
    const text = {
      watching: w.trainerWatching,
      'control-requested': w.trainerAsks,
      typing: w.trainerTyping,
    }[this.presence];
    return html`<div class="banner" role="status" data-presence=${this.presence}>
      <span class="text">${text}${this.failed ? html` ${w.actionFailed}` : nothing}</span>
      ${
        this.presence === 'control-requested'
          ? html`<button
                class="primary allow"
                ?disabled=${this.busy}
                @click=${() => this.answer({ allowControl: true })}
              >
                ${w.allow}
              </button>
              <button
                class="decline"
                ?disabled=${this.busy}
                @click=${() => this.answer({ allowControl: false })}
              >
                ${w.decline}
              </button>`
          : nothing
      }
      ${
        this.presence === 'typing'
          ? html`<button
              class="take-back"
              ?disabled=${this.busy}
              @click=${() => this.answer({ allowControl: false })}
            >
              ${w.takeBack}
            </button>`
          : nothing
      }
      <button class="stop" ?disabled=${this.busy} @click=${() => this.answer({ stop: true })}>
        ${w.stop}
      </button>
    </div>`;
  }

  /** The new presence comes back on the events socket; the answer's own is applied at once. */
  private async answer(body: TrainerAccessAnswer): Promise<void> {
    this.busy = true;
    this.failed = false;
    try {
      const res = await fetch(`/api/sessions/${this.sessionId}/trainer`, {
        method: 'POST',
        headers: { authorization: `${AUTH_SCHEME} ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(String(res.status));
      this.presence = ((await res.json()) as { presence: TrainerPresence }).presence;
    } catch {
      this.failed = true;
    } finally {
      this.busy = false;
    }
  }
}
