// Styles of the lesson panel's navigation (./lesson-panel-nav.ts): the stepper's dots and
// the footer's Previous and Next.
import { css } from 'lit';

/** The row of step dots and the links between them. */
export const stepperStyles = css`
  /* Stepper */
  .stepper {
    flex: none;
    display: flex;
    align-items: center;
    padding: 10px 14px;
    overflow-x: auto;
    scrollbar-width: thin;
    border-bottom: 1px solid var(--border);
    background: color-mix(in srgb, var(--surface) 70%, var(--bg));
  }
  .link {
    flex: 1 0 6px;
    max-width: 28px;
    height: 2px;
    background: var(--border-strong);
  }
  .link.done {
    background: rgba(63, 185, 80, 0.6);
  }
  .dot {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 28px;
    height: 28px;
    padding: 0;
    border-radius: 50%;
    border: 1.5px solid var(--border-strong);
    background: var(--surface-2);
    color: var(--text-muted);
    font: inherit;
    font-size: 12px;
    font-weight: 700;
    cursor: pointer;
    transition:
      background-color 150ms ease,
      border-color 150ms ease,
      box-shadow 150ms ease;
  }
  .dot:hover {
    border-color: var(--text-muted);
    color: var(--text);
  }
  .dot:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  .dot.overview {
    border-radius: 8px;
  }
  .dot.passed {
    background: #238636;
    border-color: #2ea043;
    color: #fff;
  }
  .dot.checking {
    color: var(--accent-text);
    border-color: var(--accent-text);
  }
  .dot.failed {
    border-color: rgba(210, 153, 34, 0.75);
    color: #e3b341;
  }
  .dot.active {
    box-shadow:
      0 0 0 3px var(--surface),
      0 0 0 5px var(--accent-text);
    color: var(--text);
  }
  .dot.passed.active {
    box-shadow:
      0 0 0 3px var(--surface),
      0 0 0 5px var(--success);
  }
  .dot .spinner {
    width: 12px;
    height: 12px;
  }
`;

/** Previous, where the learner is, and Next. */
export const footerStyles = css`
  /* Footer navigation */
  footer {
    flex: none;
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 14px;
    border-top: 1px solid var(--border);
    background: var(--surface);
  }
  footer .where {
    flex: 1;
    min-width: 0;
    text-align: center;
    font-size: 13px;
    color: var(--text-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
`;
