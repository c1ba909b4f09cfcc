// Styles of one step's page (./lesson-step-page.ts): its heading, where its check stands,
// its hints and its solution.
import { css } from 'lit';

/** A step's heading, its status card, hints and solution. */
export const stepStyles = css`
  .step-eyebrow {
    margin: 0 0 4px;
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--text-muted);
  }
  .step-title {
    margin: 0 0 14px;
    font-size: 21px;
    line-height: 1.3;
    letter-spacing: -0.01em;
  }

  /* Step status: pending, checking, failed, passed */
  .status {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 12px 14px;
    margin: 22px 0 0;
    padding: 14px 16px;
    border-radius: 12px;
    border: 1px solid var(--border-strong);
    background: var(--surface-2);
  }
  .status {
    max-width: 100%;
    box-sizing: border-box;
    overflow-wrap: anywhere;
  }
  .status .btn {
    max-width: 100%;
    white-space: normal;
  }
  .status p {
    margin: 0;
    flex: 1 1 220px;
    font-size: 14px;
    line-height: 1.5;
    color: var(--text-muted);
  }
  .status-body {
    flex: 1 1 200px;
    min-width: 0;
  }
  .status-body strong {
    display: block;
    font-size: 15px;
    margin-bottom: 2px;
  }
  .status-body p {
    color: var(--text-muted);
  }
  .status-icon {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 34px;
    height: 34px;
    border-radius: 50%;
  }
  .status.checking p {
    color: var(--accent-text);
  }
  .status.failed {
    border-color: rgba(210, 153, 34, 0.4);
    background: rgba(210, 153, 34, 0.07);
  }
  .status.failed .status-icon {
    color: #e3b341;
    background: rgba(210, 153, 34, 0.14);
  }
  .status.failed .reason {
    color: #e6d5b0;
    white-space: pre-line;
  }
  .status.passed {
    border-color: rgba(63, 185, 80, 0.45);
    background: rgba(46, 160, 67, 0.1);
  }
  .status.passed .status-icon {
    color: #fff;
    background: #238636;
  }
  .status.passed strong {
    color: #56d364;
  }

  /* Hints and solution */
  .help {
    margin-top: 18px;
  }
  .hint {
    margin: 0 0 12px;
    padding: 12px 14px;
    border-radius: 10px;
    background: rgba(88, 166, 255, 0.07);
    border: 1px solid rgba(88, 166, 255, 0.25);
  }
  .hint-label {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0 0 6px;
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--accent-text);
  }
  .help-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .help-actions .btn {
    color: var(--accent-text);
    padding: 0 10px;
    margin-left: -10px;
  }
  .solution {
    margin-top: 6px;
  }
  .solution summary {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-height: 36px;
    padding: 0 10px;
    margin-left: -10px;
    border-radius: 8px;
    font-size: 14px;
    font-weight: 600;
    color: var(--text-muted);
    cursor: pointer;
    list-style: none;
  }
  .solution summary::-webkit-details-marker {
    display: none;
  }
  .solution summary:hover {
    color: var(--text);
    background: var(--surface-2);
  }
  .solution summary:focus-visible {
    outline: 2px solid var(--focus);
  }
  .solution-note {
    margin: 6px 0 0;
    font-size: 13.5px;
    color: var(--text-muted);
  }
`;
