// Styles of the lesson's overview page and its finish card (./lesson-overview.ts).
import { css } from 'lit';

/** The overview: summary, length, the list of steps, the start button. */
export const overviewStyles = css`
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
`;

/** The card shown once every step has passed. */
export const finishStyles = css`
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
`;
