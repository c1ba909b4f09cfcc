import { css } from 'lit';

/** The lesson panel's layout: header, stepper, scrolling page, footer. */
export const panelStyles = css`
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
  .celebrate {
    animation: pop 600ms ease;
  }
  @keyframes pop {
    40% {
      transform: scale(1.18);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .celebrate {
      animation: none;
    }
    .dot,
    .btn,
    .bar span {
      transition: none;
    }
  }

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
  .summary {
    margin: 0 0 10px;
    font-size: 16px;
    line-height: 1.55;
    color: #cdd6e0;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 16px;
    margin: 0 0 18px;
    font-size: 13px;
    color: var(--text-muted);
  }
  .meta span {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .toc {
    list-style: none;
    margin: 20px 0;
    padding: 0;
    border: 1px solid var(--border);
    border-radius: 12px;
    overflow: hidden;
  }
  .toc li + li {
    border-top: 1px solid var(--border);
  }
  .toc-item {
    display: flex;
    align-items: center;
    gap: 12px;
    width: 100%;
    padding: 11px 14px;
    border: 0;
    background: transparent;
    color: var(--text);
    font: inherit;
    font-size: 14.5px;
    text-align: left;
    cursor: pointer;
  }
  .toc-item:hover {
    background: var(--surface-2);
  }
  .toc-item:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: -2px;
  }
  .toc-item > svg {
    color: var(--text-muted);
    flex: none;
  }
  .toc-dot {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 24px;
    height: 24px;
    border-radius: 50%;
    font-size: 12px;
    font-weight: 700;
    color: var(--text-muted);
    border: 1.5px solid var(--border-strong);
  }
  .toc-item.passed .toc-dot {
    background: #238636;
    border-color: #2ea043;
    color: #fff;
  }
  .toc-title {
    flex: 1;
    min-width: 0;
  }
  .start {
    width: 100%;
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

  /* Finish card */
  .finish {
    margin: 22px 0 0;
    padding: 26px 22px;
    text-align: center;
    border-radius: 14px;
    border: 1px solid rgba(63, 185, 80, 0.45);
    background:
      radial-gradient(120% 90% at 50% 0%, rgba(46, 160, 67, 0.22), transparent 70%), var(--surface-2);
  }
  .overview .finish {
    margin: 0 0 22px;
  }
  .finish-icon {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 56px;
    height: 56px;
    border-radius: 50%;
    color: #fff;
    background: #238636;
    box-shadow: 0 0 0 6px rgba(46, 160, 67, 0.2);
  }
  .finish h2 {
    margin: 14px 0 6px;
    font-size: 20px;
  }
  .finish p {
    margin: 0 auto 18px;
    max-width: 420px;
    color: var(--text-muted);
    line-height: 1.5;
  }

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
