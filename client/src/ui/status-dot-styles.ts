import { css } from 'lit';

/** A small status dot: `<span class="dot" data-tone="ok|busy|bad|off">`. */
export const statusDotStyles = css`
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--text-muted);
    flex: none;
  }
  .dot[data-tone='ok'] {
    background: var(--success);
    box-shadow: 0 0 0 3px rgba(63, 185, 80, 0.2);
  }
  .dot[data-tone='busy'] {
    background: var(--warning);
    animation: pulse 1.2s ease-in-out infinite;
  }
  .dot[data-tone='bad'] {
    background: var(--danger);
  }
  @keyframes pulse {
    50% {
      opacity: 0.35;
    }
  }
`;
