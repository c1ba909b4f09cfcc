// <follow-trainer>: the learner's "Follow the trainer" pane. When the trainer has demo
// terminals open (SeatInfo.demoTerminals), a button opens one of them read-only beside the
// learner's own terminal; with several, tabs choose which. Drop it next to the terminal area.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LearnerTerminal } from '../../../common/workshop-live';
import { LanguageController } from '../i18n/language-controller';
import './watch-terminal';

declare global {
  interface HTMLElementTagNameMap {
    'follow-trainer': FollowTrainer;
  }
}

@customElement('follow-trainer')
export class FollowTrainer extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 6px;
      min-width: 0;
      min-height: 0;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    button {
      font: inherit;
      font-size: 13px;
      padding: 4px 10px;
      border-radius: 6px;
      border: 1px solid #8c959f;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: #ddf4ff;
      border-color: #0969da;
    }
    :host(:not(:empty)) {
      margin-top: 8px;
    }
    /* Beside the learner's own terminal in the page's column: a fixed share of the height. */
    watch-terminal {
      height: 40vh;
      min-height: 200px;
    }
  `;

  @property() code = '';
  /** The learner's session token; never an attribute. */
  @property({ attribute: false }) token = '';
  /** The trainer's open terminals, from the seat info. */
  @property({ attribute: false }) terminals: LearnerTerminal[] = [];

  private readonly i18n = new LanguageController(this);
  @state() private open = false;
  @state() private chosen = '';

  protected override render() {
    if (!this.terminals.length) return nothing;
    const w = this.i18n.watch;
    const shown = this.terminals.find((t) => t.paneId === this.chosen) ?? this.terminals[0]!;
    return html`
      <div class="bar">
        <button class="follow" aria-pressed=${this.open} @click=${() => (this.open = !this.open)}>
          ${this.open ? w.hideTrainer : w.followTrainer}
        </button>
        ${
          this.open && this.terminals.length > 1
            ? this.terminals.map(
                (t, i) =>
                  html`<button
                    aria-pressed=${t.paneId === shown.paneId}
                    @click=${() => (this.chosen = t.paneId)}
                  >
                    ${w.trainerTerminal(i + 1)}
                  </button>`,
              )
            : nothing
        }
      </div>
      ${
        this.open
          ? html`<watch-terminal
              mode="demo"
              code=${this.code}
              pane-id=${shown.paneId}
              heading=${shown.title || w.trainerTerminal(this.terminals.indexOf(shown) + 1)}
              .token=${this.token}
            ></watch-terminal>`
          : nothing
      }
    `;
  }
}
