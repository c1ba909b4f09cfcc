// Styles of the page's top bar (./top-bar.ts): the brand, the session's actions and their
// confirmation.
import { css } from 'lit';

/** The top bar; on a phone, shorter, with icon-only actions. */
export const topBarStyles = css`
  header {
    flex: none;
    display: flex;
    align-items: center;
    gap: 12px;
    height: 56px;
    padding: 0 16px 0 18px;
    background: var(--surface);
    border-bottom: 1px solid var(--border);
    position: relative;
    z-index: 20;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 10px;
    min-width: 0;
    color: var(--text);
    text-decoration: none;
  }
  .brand svg {
    flex: none;
    display: block;
  }
  .brand h1 {
    margin: 0;
    font-size: 17px;
    font-weight: 700;
    letter-spacing: -0.01em;
    white-space: nowrap;
  }
  .tagline {
    color: var(--text-muted);
    font-size: 13px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
    padding-left: 12px;
    border-left: 1px solid var(--border-strong);
  }
  .spacer {
    flex: 1;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 6px;
    flex: none;
  }
  header .confirm {
    position: absolute;
    top: calc(100% + 6px);
    right: 12px;
    width: min(340px, calc(100vw - 24px));
    padding: 16px;
    border-radius: 12px;
    background: var(--surface-2);
    border: 1px solid var(--border-strong);
    box-shadow: 0 16px 40px rgba(0, 0, 0, 0.5);
  }

  a.brand {
    color: inherit;
    text-decoration: none;
    border-radius: 8px;
  }
  a.brand:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 4px;
  }
  @media (max-width: 600px) {
    header {
      height: 52px;
      padding: 0 10px 0 12px;
      gap: 8px;
    }
    .brand h1 {
      font-size: 16px;
    }
    .tagline,
    .label {
      display: none;
    }
    .actions .btn {
      padding: 0 10px;
    }
  }
`;
