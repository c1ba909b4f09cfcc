// The lesson panel's styles, in cascade order: the frame (host, header, scrolling content),
// then each part of the panel from the stepper down to the footer.
import { css } from 'lit';
import { footerStyles, stepperStyles } from './lesson-panel-nav-styles';
import { finishStyles, overviewStyles } from './lesson-overview-styles';
import { stepStyles } from './lesson-step-styles';

/** The panel as a column, and its header: back, title, language, progress. */
const frameStyles = css`
  :host {
    display: block;
    height: 100%;
    min-height: 0;
    color: var(--text);
    background: var(--surface);
    container-type: inline-size;
  }
  .panel {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
  }

  /* Header: back, title, language, progress */
  header {
    flex: none;
    padding: 10px 14px 10px 8px;
    border-bottom: 1px solid var(--border);
  }
  .header-row {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 0;
  }
  .icon-btn {
    width: 36px;
    padding: 0;
    flex: none;
  }
  .titles {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .eyebrow {
    font-size: 11px;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-transform: uppercase;
    color: var(--accent-text);
  }
  h1 {
    margin: 1px 0 0;
    font-size: 16px;
    font-weight: 700;
    line-height: 1.25;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: 10px;
    margin: 10px 0 0 44px;
  }
  .bar {
    flex: 1;
    height: 6px;
    border-radius: 999px;
    background: var(--surface-3);
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    border-radius: inherit;
    background: linear-gradient(90deg, #2ea043, var(--success));
    transition: width 400ms ease;
  }
  .count {
    font-size: 12px;
    font-weight: 600;
    color: var(--text-muted);
    font-variant-numeric: tabular-nums;
  }
`;

/** A step that just passed pops, unless the learner asked for less motion. */
const motionStyles = css`
  /* A passed step's banner pops its icon, not itself: the banner stays within its box. */
  .celebrate:not(.status),
  .status.celebrate .status-icon {
    animation: pop 600ms ease;
  }
  @keyframes pop {
    40% {
      transform: scale(1.18);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .celebrate,
    .status.celebrate .status-icon {
      animation: none;
    }
    .dot,
    .btn,
    .bar span {
      transition: none;
    }
  }
`;

/** The scrolling page between the stepper and the footer, and a narrow panel. */
const contentStyles = css`
  /* The scrolling page */
  .content {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    scrollbar-gutter: stable;
  }
  .page {
    max-width: 760px;
    margin: 0 auto;
    padding: 20px 22px 28px;
  }
  @container (max-width: 460px) {
    .page {
      padding: 16px 16px 24px;
    }
    .progress {
      margin-left: 8px;
    }
    footer .label {
      display: none;
    }
    footer [data-action='next'] .label {
      display: inline;
    }
  }
`;

/** The lesson while it loads, or when it could not be loaded. */
const loadStateStyles = css`
  /* Loading and error */
  .state-card {
    max-width: 460px;
    margin: 48px auto;
    padding: 0 22px;
    text-align: center;
    color: var(--text-muted);
  }
  .state-card h2 {
    margin: 10px 0 6px;
    font-size: 18px;
    color: var(--text);
  }
  .state-card p {
    margin: 10px 0 18px;
    line-height: 1.5;
  }
  .state-icon {
    color: var(--danger);
  }
  .spinner.big {
    width: 26px;
    height: 26px;
    color: var(--accent-text);
  }
  .skeleton {
    display: grid;
    gap: 10px;
    margin-top: 26px;
    text-align: left;
  }
  .skeleton span {
    height: 12px;
    border-radius: 6px;
    background: linear-gradient(90deg, var(--surface-2), var(--surface-3), var(--surface-2));
    background-size: 200% 100%;
    animation: shimmer 1.4s linear infinite;
  }
  .skeleton span:nth-child(2) {
    width: 86%;
  }
  .skeleton span:nth-child(3) {
    width: 92%;
  }
  .skeleton span:nth-child(4) {
    width: 60%;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }
`;

/** The lesson panel's styles: header, stepper, scrolling page, footer. */
export const panelStyles = [
  frameStyles,
  stepperStyles,
  motionStyles,
  contentStyles,
  overviewStyles,
  stepStyles,
  finishStyles,
  loadStateStyles,
  footerStyles,
];
