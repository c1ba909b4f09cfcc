import { css } from 'lit';

/** Buttons and the spinner, shared by the page's components. Colours come from index.html. */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 36px;
    padding: 0 14px;
    border-radius: 8px;
    border: 1px solid transparent;
    font: inherit;
    font-size: 14px;
    font-weight: 600;
    line-height: 1;
    white-space: nowrap;
    cursor: pointer;
    color: var(--text);
    background: var(--surface-2);
    border-color: var(--border-strong);
    transition:
      background-color 120ms ease,
      border-color 120ms ease,
      transform 60ms ease;
  }
  .btn:hover {
    background: var(--surface-3);
  }
  .btn:active {
    transform: translateY(1px);
  }
  .btn:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  .btn[disabled] {
    opacity: 0.6;
    cursor: default;
    transform: none;
  }
  .btn.primary {
    color: #fff;
    background: var(--accent);
    border-color: var(--accent);
  }
  .btn.primary:hover {
    background: var(--accent-hover);
    border-color: var(--accent-hover);
  }
  .btn.danger {
    color: #fff;
    background: var(--danger-strong);
    border-color: var(--danger-strong);
  }
  .btn.danger:hover {
    background: var(--danger-hover);
  }
  .btn.ghost {
    background: transparent;
    border-color: transparent;
    color: var(--text-muted);
  }
  .btn.ghost:hover {
    background: var(--surface-2);
    color: var(--text);
  }
  .btn.large {
    min-height: 48px;
    padding: 0 26px;
    font-size: 16px;
    border-radius: 10px;
  }

  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-right-color: transparent;
    animation: spin 0.8s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
