// <workshop-created>: what the trainer gets once: the join code (large, for the projector),
// the join link and its QR code, and the secret trainer link, the only way back.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CreatedWorkshop } from '../../../common/workshops';
import { LanguageController } from '../i18n/language-controller';
import { alertIcon } from '../ui/icons';
import { sharedStyles } from '../ui/shared-styles';
import './copy-field';
import './join-projector';
import './qr-code';
import { spacedCode } from './workshop-format';
import { workshopPageStyles } from './workshop-styles';

declare global {
  interface HTMLElementTagNameMap {
    'workshop-created': WorkshopCreated;
  }
}

@customElement('workshop-created')
export class WorkshopCreated extends LitElement {
  static override styles = [
    sharedStyles,
    workshopPageStyles,
    css`
      .page {
        max-width: 900px;
      }
      .join {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 220px;
        gap: 28px;
        align-items: center;
      }
      .big-code {
        font-size: clamp(38px, 6vw, 60px);
        line-height: 1.1;
        margin: 4px 0 18px;
        color: #fff;
      }
      qr-code {
        width: 220px;
      }
      .label {
        font-size: 13px;
        font-weight: 600;
        color: var(--text-muted);
        text-transform: uppercase;
        letter-spacing: 0.06em;
      }
      .actions {
        margin-top: 20px;
      }
      @media (max-width: 640px) {
        .join {
          grid-template-columns: 1fr;
        }
        qr-code {
          width: 200px;
          justify-self: center;
        }
      }
    `,
  ];

  @property({ attribute: false }) created: CreatedWorkshop | null = null;
  @state() private projecting = false;
  private readonly i18n = new LanguageController(this);

  override render() {
    const c = this.created;
    if (!c) return nothing;
    const w = this.i18n.workshop;
    return html`<div class="page" data-created=${c.joinCode}>
      <div class="head"><h1>${w.createdTitle(c.workshop.title)}</h1></div>
      <p class="lead">${w.createdLead}</p>
      <section class="card join">
        <div>
          <div class="label">${w.joinCodeLabel}</div>
          <div class="code big-code" data-join-code=${c.joinCode}>${spacedCode(c.joinCode)}</div>
          <div class="field">
            <span class="label">${w.joinLinkLabel}</span>
            <copy-field data-link="join" .value=${c.joinUrl} label=${w.joinLinkLabel}></copy-field>
          </div>
          <button class="btn" data-action="show-projector" @click=${() => (this.projecting = true)}>
            ${w.showProjector}
          </button>
        </div>
        <qr-code .text=${c.joinUrl} label=${w.qrLabel}></qr-code>
      </section>
      <section class="card">
        <div class="field">
          <span class="label">${w.trainerLinkLabel}</span>
          <copy-field
            data-link="trainer"
            secret
            .value=${c.trainerUrl}
            label=${w.trainerLinkLabel}
          ></copy-field>
          <p class="warning-text">${alertIcon} <span>${w.trainerLinkWarning}</span></p>
        </div>
        <div class="actions">
          <a class="btn primary large" data-action="open-class" href=${`#/trainer/${c.joinCode}`}>
            ${w.openClassView}
          </a>
        </div>
      </section>
      ${
        this.projecting
          ? html`<join-projector
              .code=${c.joinCode}
              .url=${c.joinUrl}
              .heading=${c.workshop.title}
              @close=${() => (this.projecting = false)}
            ></join-projector>`
          : nothing
      }
    </div>`;
  }
}
