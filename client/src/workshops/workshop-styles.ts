// The look shared by the workshops' pages: a centred page, cards, form fields, the join
// code as a projector shows it, and the copyable link rows.
import { css } from 'lit';

export const workshopPageStyles = css`
  :host {
    display: block;
    height: 100%;
    overflow-y: auto;
    color: var(--text);
  }
  .page {
    max-width: 760px;
    margin: 0 auto;
    padding: 36px 24px 56px;
  }
  .head {
    display: flex;
    align-items: flex-start;
    gap: 16px;
    margin-bottom: 6px;
  }
  h1 {
    flex: 1;
    min-width: 0;
    margin: 0;
    font-size: clamp(22px, 3.2vw, 30px);
    letter-spacing: -0.02em;
    line-height: 1.2;
    overflow-wrap: anywhere;
  }
  .lead {
    margin: 0 0 24px;
    color: var(--text-muted);
    font-size: 15.5px;
    line-height: 1.55;
  }
  .card {
    padding: 22px;
    border-radius: 14px;
    border: 1px solid var(--border);
    background: var(--surface);
  }
  .card + .card {
    margin-top: 16px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 6px;
    margin-bottom: 18px;
  }
  .field > label,
  .field > .label,
  legend {
    font-size: 13.5px;
    font-weight: 600;
  }
  .hint {
    color: var(--text-muted);
    font-size: 13px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 18px;
  }
  .row > .field {
    flex: 1 1 160px;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-size: 15px;
    color: var(--text);
    background: var(--bg);
    border: 1px solid var(--border-strong);
    border-radius: 8px;
    padding: 9px 11px;
    min-height: 40px;
    box-sizing: border-box;
    max-width: 100%;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
  input[aria-invalid='true'] {
    border-color: var(--danger);
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    margin-right: 18px;
    min-height: 32px;
    font-size: 14.5px;
    cursor: pointer;
  }
  .choice input {
    min-height: 0;
    accent-color: var(--accent);
  }
  .error {
    margin: 0 0 14px;
    padding: 10px 12px;
    border-radius: 8px;
    border: 1px solid rgba(248, 81, 73, 0.45);
    background: rgba(248, 81, 73, 0.1);
    color: #ffb4ae;
    font-size: 14px;
  }
  a.btn {
    text-decoration: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: center;
  }
  .code {
    font-family: var(--mono);
    font-weight: 700;
    letter-spacing: 0.14em;
    white-space: nowrap;
  }
  .link-row {
    display: flex;
    gap: 8px;
    align-items: stretch;
  }
  .link-row input {
    flex: 1;
    min-width: 0;
    font-family: var(--mono);
    font-size: 13.5px;
  }
  .secret {
    border-color: rgba(210, 153, 34, 0.5);
    background: rgba(210, 153, 34, 0.06);
  }
  .warning-text {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    color: #e3b341;
    font-size: 13.5px;
    line-height: 1.45;
    margin: 8px 0 0;
  }
  @media (max-width: 560px) {
    .page {
      padding: 22px 16px 36px;
    }
    .card {
      padding: 18px 16px;
    }
  }
`;
